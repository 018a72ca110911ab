package urlnorm

import (
	"net/url"
	"strings"
	"testing"
)

// slowResolve is what Resolver must equal: Resolve, or Normalize without
// a base.
func slowResolve(base *url.URL, ref string) (string, error) {
	if base == nil {
		return Normalize(ref)
	}
	return Resolve(base, ref)
}

func TestResolver(t *testing.T) {
	cases := []struct {
		name, base, ref string
		fast            bool // the fast path must answer it
	}{
		{"absolute path", "https://www.example.com/news/2024/a.html", "/news/2024/000123.html", true},
		{"absolute path with query", "https://www.example.com/a.html", "/list?page=2&utm_source=x&b=1", true},
		{"only tracking query", "https://www.example.com/a.html", "/x?utm_medium=y", true},
		{"empty query", "https://www.example.com/a.html", "/x?", true},
		{"fragment dropped", "https://www.example.com/a.html", "/x.html#comments", true},
		{"full url", "https://www.example.com/a.html", "https://other.example.org/p/q.html?id=3", true},
		{"full url no path", "http://www.example.com/", "http://news.example.net", true},
		{"full url query no path", "http://www.example.com/", "http://news.example.net?b=2&a=1", true},
		{"protocol relative", "https://www.example.com/a.html", "//cdn.example.com/x.js", true},
		{"relative name", "https://www.example.com/news/2024/a.html", "000124.html", true},
		{"relative path", "https://www.example.com/news/a.html", "2024/b.html", true},
		{"relative on host only base", "https://www.example.com", "b.html", true},
		{"spaces trimmed", "https://www.example.com/a.html", "  /x.html \n", true},
		{"base port and case", "HTTPS://WWW.Example.COM:443/a", "/b", true},
		{"double slash path", "https://www.example.com/a", "/x//y", true},
		{"plain punctuation", "https://www.example.com/a", "/a-b_c~d/e,f;g=h:i@j$k&l+m", true},

		{"dot segments", "https://www.example.com/news/a.html", "../b.html", false},
		{"dot in path", "https://www.example.com/news/a.html", "/news/./b.html", false},
		{"dot segment base", "https://www.example.com/a/../b/c.html", "d.html", false},
		{"utf-8 escapes", "https://www.example.com/a", "/%E6%96%B0.html", true},
		{"escaped space and percent", "https://www.example.com/a", "/a%20b%25c", true},
		{"escapes in base", "https://www.example.com/%E6%96%B0/a.html", "b%20c.html", true},
		{"lower-case escape", "https://www.example.com/a", "/%e6%96%b0.html", false},
		{"escaped slash", "https://www.example.com/a", "/a%2Fb", false},
		{"escaped dot", "https://www.example.com/a", "/a/%2E%2E/b", false},
		{"escaped letter", "https://www.example.com/a", "/%41", false},
		{"short escape", "https://www.example.com/a", "/a%E", false},
		{"bad escape", "https://www.example.com/a", "/a%G0", false},
		{"non ascii", "https://www.example.com/a", "/新闻/1.html", false},
		{"escaped by net/url", "https://www.example.com/a", "/a(b)!*'", false},
		{"upper host", "https://www.example.com/a", "https://WWW.Example.com/x", false},
		{"port", "https://www.example.com/a", "https://www.example.com:8443/x", false},
		{"user", "https://www.example.com/a", "https://u@www.example.com/x", false},
		{"trailing dot host", "https://www.example.com/a", "https://www.example.com./x", false},
		{"scheme like", "https://www.example.com/a", "mailto:a@example.com", false},
		{"colon first segment", "https://www.example.com/a", "a:b/c", false},
		{"query only", "https://www.example.com/a?x=1", "?page=2", false},
		{"fragment only", "https://www.example.com/a", "#top", false},
		{"bad fragment escape", "https://www.example.com/a", "/x#%zz", false},
		{"control byte", "https://www.example.com/a", "/x?a=\x01", false},
		{"triple slash", "https://www.example.com/a", "///x", false},
		{"backslash", "https://www.example.com/a", "/a\\b", false},
		{"ftp base", "ftp://files.example.com/a", "/b", false},
		{"no base absolute", "", "https://www.example.com/x?b=1&a=2", true},
		{"no base path", "", "/x", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var base *url.URL
			if c.base != "" {
				var err error
				if base, err = url.Parse(c.base); err != nil {
					t.Fatal(err)
				}
			}
			r := NewResolver(base)
			want, wantErr := slowResolve(base, c.ref)
			got, err := r.Resolve(c.ref)
			if got != want || (err == nil) != (wantErr == nil) {
				t.Errorf("Resolve(%q, %q) = %q, %v; want %q, %v", c.base, c.ref, got, err, want, wantErr)
			}
			if _, ok := r.fast(strings.TrimSpace(c.ref)); ok != c.fast {
				t.Errorf("fast path taken = %v, want %v", ok, c.fast)
			}
		})
	}
}

// FuzzResolver compares the fast path with net/url's over any base and href.
func FuzzResolver(f *testing.F) {
	for _, s := range [][2]string{
		{"https://www.example.com/news/2024/a.html", "/news/2024/000123.html?b=1&utm_x=2#c"},
		{"https://www.example.com/news/", "2024/b.html"},
		{"http://Example.com:80", "//cdn.example.net/x"},
		{"https://www.example.com/a", "https://other.example.org"},
		{"", "https://www.example.com/x"},
		{"https://www.example.com/a/./b", "c?x"},
		{"https://www.example.com/%E6%96%B0/", "a%20b%2F%25c"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, rawBase, ref string) {
		base, err := url.Parse(rawBase)
		if err != nil {
			return
		}
		if !base.IsAbs() {
			base = nil
		}
		want, wantErr := slowResolve(base, ref)
		got, err := NewResolver(base).Resolve(ref)
		if got != want || (err == nil) != (wantErr == nil) {
			t.Fatalf("Resolve(%q, %q) = %q, %v; want %q, %v", rawBase, ref, got, err, want, wantErr)
		}
	})
}
