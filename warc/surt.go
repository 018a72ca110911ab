package warc

import (
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
)

var wwwPrefix = regexp.MustCompile(`^www\d*\.`)

// SURT is the Sort-friendly URI Reordering Transform of a URL as CDXJ
// indexes key it (pywb, warcio): host labels reversed and comma-joined
// (an IPv4 address too, as warcio and the surt library do),
// "www." dropped, a non-default port kept, ")" before the path, query
// parameters sorted, all lower case. "http://www.Example.com/a?b=2&a=1"
// becomes "com,example)/a?a=1&b=2".
func SURT(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return strings.ToLower(raw)
	}
	host := wwwPrefix.ReplaceAllString(strings.ToLower(u.Hostname()), "")
	var b strings.Builder
	labels := strings.Split(strings.Trim(host, "."), ".")
	slices.Reverse(labels)
	b.WriteString(strings.Join(labels, ","))
	if p := u.Port(); p != "" && !(p == "80" && u.Scheme == "http") && !(p == "443" && u.Scheme == "https") {
		b.WriteString(":" + p)
	}
	b.WriteByte(')')
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	b.WriteString(p)
	if u.RawQuery != "" {
		q := strings.Split(u.RawQuery, "&")
		sort.Strings(q)
		b.WriteString("?" + strings.Join(q, "&"))
	}
	return strings.ToLower(b.String())
}
