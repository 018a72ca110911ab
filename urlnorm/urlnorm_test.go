package urlnorm

import (
	"errors"
	"testing"
)

func TestNormalize(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"lower scheme and host", "HTTP://WWW.Example.COM/News/A.html", "http://www.example.com/News/A.html"},
		{"default port http", "http://example.com:80/a", "http://example.com/a"},
		{"default port https", "https://example.com:443/a", "https://example.com/a"},
		{"other port kept", "https://example.com:8443/a", "https://example.com:8443/a"},
		{"fragment dropped", "https://example.com/a#comments", "https://example.com/a"},
		{"utm dropped", "https://example.com/a?utm_source=x&id=3&utm_medium=y", "https://example.com/a?id=3"},
		{"spm and from dropped", "https://example.com/a?spm=1.2&from=timeline&p=2", "https://example.com/a?p=2"},
		{"query sorted", "https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"},
		{"empty path", "https://example.com", "https://example.com/"},
		{"dot segments", "https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"trailing slash kept", "https://example.com/news/", "https://example.com/news/"},
		{"only tracking", "https://example.com/a?utm_source=x", "https://example.com/a"},
		{"userinfo dropped", "https://u:p@example.com/a", "https://example.com/a"},
		{"trailing dot host", "https://example.com./a", "https://example.com/a"},
		{"chinese path", "https://example.cn/新闻/1.html", "https://example.cn/%E6%96%B0%E9%97%BB/1.html"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Normalize(c.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
			}
			again, _ := Normalize(got)
			if again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func TestNormalizeRejects(t *testing.T) {
	for _, in := range []string{"ftp://example.com/a", "/relative/path", "mailto:a@b.c", "javascript:void(0)"} {
		if _, err := Normalize(in); !errors.Is(err, ErrNotHTTP) {
			t.Errorf("Normalize(%q) err = %v, want ErrNotHTTP", in, err)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add("https://Example.com:443/a/../b?utm_x=1&b=2#f")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Normalize(s)
		if err != nil {
			return
		}
		again, err := Normalize(got)
		if err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q (%v)", s, got, again, err)
		}
	})
}
