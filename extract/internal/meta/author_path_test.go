package meta

import (
	"strings"
	"testing"
)

func checkAuthorPath(t *testing.T, s string) {
	t.Helper()
	if got, want := hasAuthorPath(s), containsAnyWord(s, authorLinkPaths); got != want {
		t.Errorf("hasAuthorPath(%q) = %v, a Contains per path says %v", s, got, want)
	}
}

// TestHasAuthorPath: the one-pass test agrees with a Contains per path
// on every path, at the ends of a link, doubled slashes and near misses.
func TestHasAuthorPath(t *testing.T) {
	cases := []struct {
		name, href string
		want       bool
	}{
		{"author page", "https://example.com/author/jane-roe/", true},
		{"query form", "/index.php?author=12", true},
		{"path at the end", "/news/staff/", true},
		{"doubled slash", "https://example.com//people/jane", true},
		{"no closing slash", "https://example.com/author", false},
		{"inside a word", "https://example.com/coauthor/jane", false},
		{"story link", "https://example.com/news/2024/09/05/story.html", false},
		{"empty", "", false},
		{"lone slash", "/", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkAuthorPath(t, tc.href)
			if got := hasAuthorPath(tc.href); got != tc.want {
				t.Errorf("hasAuthorPath(%q) = %v, want %v", tc.href, got, tc.want)
			}
		})
	}
	for _, p := range authorLinkPaths {
		for _, s := range []string{p, "x" + p, p + "x", p[:len(p)-1], p[1:], "/" + p, strings.ToUpper(p), "/a" + p + "b/"} {
			checkAuthorPath(t, s)
		}
	}
}

// FuzzHasAuthorPath is TestHasAuthorPath on any link.
func FuzzHasAuthorPath(f *testing.F) {
	for _, s := range []string{"/author/x", "//staff/", "?author=1", "/news/2024/"} {
		f.Add(s)
	}
	f.Fuzz(checkAuthorPath)
}
