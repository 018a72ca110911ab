package urlnorm

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
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

func TestCheckLength(t *testing.T) {
	base := "https://example.com/"
	cases := []struct {
		name    string
		url     string
		tooLong bool
	}{
		{"short", base + "a", false},
		{"exactly the limit", base + strings.Repeat("a", MaxLength-len(base)), false},
		{"one byte over", base + strings.Repeat("a", MaxLength-len(base)+1), true},
		{"40 000 bytes", base + strings.Repeat("a", 40000), true},
		{"multibyte cut", base + strings.Repeat("新", 5000), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckLength(c.url)
			if got := errors.Is(err, ErrTooLong); got != c.tooLong {
				t.Fatalf("CheckLength(%d bytes) = %v; want too long %v", len(c.url), err, c.tooLong)
			}
			if err == nil {
				return
			}
			msg := err.Error()
			want := fmt.Sprintf("URL is %d bytes; the limit is %d", len(c.url), MaxLength)
			if !strings.Contains(msg, want) || len(msg) > 120 || !utf8.ValidString(msg) || !strings.HasPrefix(msg, base) {
				t.Errorf("message %q; want a short valid message starting with the URL's start and containing %q", msg, want)
			}
		})
	}
}

func TestKeyIgnoresOverlongCanonical(t *testing.T) {
	fetch := "https://example.com/news/1"
	long := "https://example.com/news/" + strings.Repeat("a", MaxLength)
	got, err := Key(fetch, long, nil)
	if err != nil || got != fetch {
		t.Errorf("Key with an overlong canonical = %.80q (%d bytes), %v; want the fetch URL", got, len(got), err)
	}
}
