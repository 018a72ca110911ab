package urlnorm

import (
	"net/url"
	"strings"
)

// Resolver resolves the hrefs of one page. Most hrefs are plain (an
// absolute path like /news/a.html, a relative name like a.html, or a full
// http(s) URL with a lower-case host; escapes only of UTF-8 and the like)
// and need none of net/url's parsing, escaping or dot removal: for those the normal form is the base's origin,
// the path and the normalised query, which is what Resolve returns. The
// rest go through Resolve (or Normalize without a base). Parsing and
// resolving were the larger part of the extractor's link work.
type Resolver struct {
	base   *url.URL
	scheme string // base's scheme when http(s), else ""
	origin string // normalised "scheme://host" of base, "" when it has none
	dir    string // base's path up to its last '/', "" unless plain
}

// NewResolver returns a Resolver for hrefs on the page at base; base may
// be nil, and then only absolute URLs resolve.
func NewResolver(base *url.URL) *Resolver {
	r := &Resolver{base: base}
	if base == nil || base.Opaque != "" {
		return r
	}
	if s := strings.ToLower(base.Scheme); s == "http" || s == "https" {
		r.scheme = s
	}
	o, err := NormalizeURL(&url.URL{Scheme: base.Scheme, Host: base.Host})
	if err != nil {
		return r
	}
	r.origin = strings.TrimSuffix(o, "/")
	p := base.EscapedPath()
	if p == "" {
		p = "/"
	}
	if dir := p[:strings.LastIndexByte(p, '/')+1]; dir != "" && plainPath(dir) {
		r.dir = dir
	}
	return r
}

// HasBase reports whether the page's URL is known, so that relative hrefs
// resolve.
func (r *Resolver) HasBase() bool { return r.base != nil }

// Resolve is Resolve(base, ref), or Normalize(ref) without a base.
func (r *Resolver) Resolve(ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	if s, ok := r.fast(ref); ok {
		return s, nil
	}
	if r.base == nil {
		return Normalize(ref)
	}
	return Resolve(r.base, ref)
}

// fast builds the normal form of a plain href; ok is false for any other.
func (r *Resolver) fast(ref string) (s string, ok bool) {
	rest, frag, _ := strings.Cut(ref, "#")
	// The fragment is dropped, but net/url rejects a bad %-escape in it.
	if strings.IndexByte(frag, '%') >= 0 || hasCTL(frag) {
		return "", false
	}
	p, q, _ := strings.Cut(rest, "?")
	if hasCTL(q) {
		return "", false
	}
	var origin string
	switch {
	case strings.HasPrefix(p, "https://"):
		origin, p, ok = splitHost(p, len("https://"))
	case strings.HasPrefix(p, "http://"):
		origin, p, ok = splitHost(p, len("http://"))
	case strings.HasPrefix(p, "//"):
		if r.scheme == "" {
			return "", false
		}
		origin, p, ok = splitHost(p, len("//"))
		origin = r.scheme + ":" + origin
	case strings.HasPrefix(p, "/"):
		origin, ok = r.origin, r.origin != ""
	case p != "" && isAlnum(p[0]) && strings.IndexByte(p, ':') < 0:
		// A relative name; a colon could make it a scheme.
		origin, ok = r.origin, r.origin != "" && r.dir != ""
		p = r.dir + p
	}
	if !ok || !plainPath(p) {
		return "", false
	}
	if p == "" {
		p = "/"
	}
	if q = normQuery(q); q != "" {
		return origin + p + "?" + q, true
	}
	return origin + p, true
}

// splitHost splits an absolute "scheme://host/path" (or "//host/path") at
// the path after the authority that starts at i. ok is false unless the host
// is a plain lower-case name without port, user or trailing dot.
func splitHost(p string, i int) (origin, path string, ok bool) {
	host := p[i:]
	if j := strings.IndexByte(host, '/'); j >= 0 {
		host, path = host[:j], host[j:]
	}
	if host == "" || host[len(host)-1] == '.' {
		return "", "", false
	}
	for k := 0; k < len(host); k++ {
		c := host[k]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return "", "", false
		}
	}
	return p[:i] + host, path, true
}

// plainPath reports a path that net/url keeps byte for byte: no dot
// segments, only bytes it does not escape, and %-escapes (upper-case) only
// of bytes it would escape again, such as UTF-8 or a space.
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; !plainByte[c] {
			if c != '%' || i+2 >= len(p) || !upperHex(p[i+1]) || !upperHex(p[i+2]) ||
				plainByte[hexVal(p[i+1])<<4|hexVal(p[i+2])] {
				return false
			}
			i += 2
		}
	}
	return !strings.Contains(p, "/.")
}

func upperHex(c byte) bool { return '0' <= c && c <= '9' || 'A' <= c && c <= 'F' }

func hexVal(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c - 'A' + 10
}

// plainByte are the bytes that net/url leaves unescaped in a path.
var plainByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = isAlnum(byte(c)) || strings.IndexByte("$&+,-./:;=@_~", byte(c)) >= 0
	}
	return t
}()

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func hasCTL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] == 0x7f {
			return true
		}
	}
	return false
}
