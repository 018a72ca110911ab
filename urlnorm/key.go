package urlnorm

import "strings"

// Key returns the archive key of a page: its
// canonical URL when that is a valid http(s) URL on one of the allowed hosts
// and no longer than MaxLength, otherwise the normalised fetch URL. An empty allowed list means the fetch
// URL's own host. Hosts match exactly or as a parent domain
// ("example.com" allows "www.example.com").
func Key(fetchURL, canonical string, allowed []string) (string, error) {
	fetch, err := Normalize(fetchURL)
	if err != nil {
		return "", err
	}
	if canonical == "" {
		return fetch, nil
	}
	c, err := Normalize(canonical)
	if err != nil || CheckLength(c) != nil {
		return fetch, nil
	}
	if len(allowed) == 0 {
		allowed = []string{Host(fetch)}
	}
	if HostAllowed(Host(c), allowed) {
		return c, nil
	}
	return fetch, nil
}

// HostAllowed reports whether host equals one of allowed or is a subdomain
// of one. An empty allowed list allows every host.
func HostAllowed(host string, allowed []string) bool {
	if len(allowed) == 0 {
		return true
	}
	host = strings.ToLower(host)
	for _, a := range allowed {
		a = strings.ToLower(strings.TrimSpace(a))
		if host == a || strings.HasSuffix(host, "."+a) {
			return true
		}
	}
	return false
}
