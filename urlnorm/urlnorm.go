// Package urlnorm normalises URLs so that one article fetched under several
// spellings of its address is visited once and archived under one key.
// Both scraper and store use it.
//
// Normalize lower-cases scheme and host, drops the default port, the
// fragment and tracking parameters (utm_*, spm, from, fbclid, …), sorts the
// remaining query and resolves dot segments. It never changes the path's
// case or its trailing slash: servers may treat those as different pages.
package urlnorm

import (
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// ErrNotHTTP is returned when a URL is not an absolute http(s) URL.
var ErrNotHTTP = errors.New("not an absolute http(s) URL")

// tracking lists query parameters that only say where a click came from.
var tracking = map[string]bool{
	"spm": true, "from": true, "fbclid": true, "gclid": true, "dclid": true,
	"msclkid": true, "yclid": true, "mc_cid": true, "mc_eid": true,
	"igshid": true, "_ga": true, "_gl": true, "ref_src": true, "share": true,
	"scm": true, "wt.mc_id": true, "cmpid": true, "ocid": true, "sr_share": true,
}

// IsTracking reports whether a query parameter name is a tracking parameter.
func IsTracking(name string) bool {
	n := strings.ToLower(name)
	return strings.HasPrefix(n, "utm_") || tracking[n]
}

// Normalize returns the normal form of an absolute http(s) URL.
func Normalize(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("normalize %q: %w", raw, err)
	}
	return NormalizeURL(u)
}

// NormalizeURL is Normalize for a parsed URL; u is not modified.
func NormalizeURL(in *url.URL) (string, error) {
	u := *in
	u.Scheme = strings.ToLower(u.Scheme)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("normalize %q: %w", in.String(), ErrNotHTTP)
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") { // IPv6 literal
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	u.Host = host
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path = "/"
	}
	u.Path = resolveDots(u.Path)
	u.RawPath = ""
	u.RawQuery = normQuery(u.RawQuery)
	u.ForceQuery = false
	return u.String(), nil
}

// Resolve makes ref absolute against base and normalises it.
func Resolve(base *url.URL, ref string) (string, error) {
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return "", fmt.Errorf("resolve %q: %w", ref, err)
	}
	return NormalizeURL(base.ResolveReference(r))
}

// Host returns the lower-cased host (without port) of raw, or "".
func Host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
}

func normQuery(raw string) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		name := p
		if i := strings.IndexByte(p, '='); i >= 0 {
			name = p[:i]
		}
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if IsTracking(name) {
			continue
		}
		kept = append(kept, p)
	}
	sort.Strings(kept)
	return strings.Join(kept, "&")
}

func resolveDots(p string) string {
	if !strings.Contains(p, "/.") {
		return p
	}
	segs := strings.Split(p, "/")
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		switch s {
		case ".":
			if i == len(segs)-1 {
				out = append(out, "")
			}
		case "..":
			if len(out) > 1 {
				out = out[:len(out)-1]
			}
			if i == len(segs)-1 {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	r := strings.Join(out, "/")
	if !strings.HasPrefix(r, "/") {
		r = "/" + r
	}
	return r
}
