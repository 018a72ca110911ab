package meta

import (
	"slices"
	"testing"
)

var authorFastCases = []struct {
	name, s string
	// cut: stripByPrefix, cutAuthorTrail or splitAuthors change s.
	prefix, trail, split bool
}{
	{"plain name", "Jane Roe", false, false, false},
	{"name with on and at inside words", "Jonathan Atwood", false, false, false},
	{"by line", "By Jane Roe", true, false, false},
	{"written by", "written by Jane Roe and John Doe", true, false, true},
	{"label", "Author: Jane Roe", true, false, false},
	{"han label", "作者：林晓舟", true, false, false},
	{"by later is no prefix", "Jane Roe by the sea", false, false, false},
	{"trailing date", "Jane Roe on Mar 5, 2024", false, true, true},
	{"trailing time", "Jane Roe 10:30", false, true, false},
	{"separator", "Jane Roe | Staff", false, true, true},
	{"updated", "Jane Roe Updated", false, true, false},
	{"in a desk", "Jane Roe in Berlin", false, true, false},
	{"reviewed", "Jane Roe medically reviewed by John Doe", false, true, false},
	{"long s", "Jane Roe poſted", false, true, false},
	{"comma", "Jane Roe, John Doe", false, false, true},
	{"spaced und", "Erika Muster UND Max Muster", false, false, true},
	{"and inside a word", "Andrea Sandoval", false, false, false},
	{"ampersand", "Jane Roe &amp; John Doe", false, false, true},
	{"han list", "林晓舟、许青禾", false, false, true},
	{"empty", "", false, false, false},
}

// TestAuthorFastPaths: each path gives what its pattern gives, and the
// cases cut where they should.
func TestAuthorFastPaths(t *testing.T) {
	for _, tc := range authorFastCases {
		t.Run(tc.name, func(t *testing.T) {
			checkAuthorFastPaths(t, tc.s)
			if got := stripByPrefix(tc.s) != tc.s; got != tc.prefix {
				t.Errorf("stripByPrefix(%q) cuts: %v, want %v", tc.s, got, tc.prefix)
			}
			if got := cutAuthorTrail(tc.s) != tc.s; got != tc.trail {
				t.Errorf("cutAuthorTrail(%q) cuts: %v, want %v", tc.s, got, tc.trail)
			}
			if got := len(splitAuthors(tc.s)) > 1; got != tc.split {
				t.Errorf("splitAuthors(%q) splits: %v, want %v", tc.s, got, tc.split)
			}
		})
	}
}

func checkAuthorFastPaths(t *testing.T, s string) {
	t.Helper()
	if got, want := stripByPrefix(s), byPrefixRe.ReplaceAllString(s, ""); got != want {
		t.Errorf("stripByPrefix(%q) = %q, the pattern %q", s, got, want)
	}
	if got, want := cutAuthorTrail(s), authorTrailRe.ReplaceAllString(s, ""); got != want {
		t.Errorf("cutAuthorTrail(%q) = %q, the pattern %q", s, got, want)
	}
	if got, want := splitAuthors(s), authorSplitRe.Split(s, -1); !slices.Equal(got, want) {
		t.Errorf("splitAuthors(%q) = %q, the pattern %q", s, got, want)
	}
}

// FuzzAuthorFastPaths: on any string the three paths give what the
// patterns give.
func FuzzAuthorFastPaths(f *testing.F) {
	for _, tc := range authorFastCases {
		f.Add(tc.s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAuthorFastPaths(t, s)
	})
}
