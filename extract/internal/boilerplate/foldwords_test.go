package boilerplate

import (
	"regexp"
	"testing"
	"unicode"
)

// TestASCIIFoldOrbits: the one premise of FoldWordsNeed about (?i) — an
// ASCII letter folds to its other case only, but for k and s, which also
// fold to the Kelvin sign and ſ.
func TestASCIIFoldOrbits(t *testing.T) {
	for c := 'a'; c <= 'z'; c++ {
		for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
			switch {
			case f == unicode.ToUpper(c):
			case c == 'k' && f == '\u212a', c == 's' && f == 'ſ':
			default:
				t.Errorf("%q also folds to %q", c, f)
			}
		}
	}
}

// TestFoldWordsNeed: lines with a word in any of its folded forms pass,
// lines without one do not.
func TestFoldWordsNeed(t *testing.T) {
	const pattern = `(?i)posted|\bdate\b|veröffentlicht|mis à jour|обновлено|发布`
	need, re := FoldWordsNeed(pattern), regexp.MustCompile(pattern)
	cases := []struct {
		name, s string
		want    bool
	}{
		{"word", "Posted 3 May", true},
		{"upper case", "POSTED", true},
		{"long s", "poſted", true},
		{"kelvin sign", "\u212a", true},
		{"core of a word with an umlaut", "VERÖFFENTLICHT am", true},
		{"word with a space", "Mis à jour le", true},
		{"cyrillic capitals", "ОБНОВЛЕНО", true},
		{"cyrillic rounded o", "\u1c82бновлено", true},
		{"han", "发布时间", true},
		{"none", "By Jane Roe", false},
		{"date inside a word passes (the \\b is left to the regexp)", "updated", true},
		{"empty", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := need(tc.s); got != tc.want {
				t.Errorf("need(%q) = %v, want %v", tc.s, got, tc.want)
			}
			if re.MatchString(tc.s) && !need(tc.s) {
				t.Errorf("need rejects %q, which the pattern matches", tc.s)
			}
		})
	}
}

// TestFoldWordsNeedRejectsPatterns: only (?i) alternations of words are
// taken.
func TestFoldWordsNeedRejectsPatterns(t *testing.T) {
	for _, p := range []string{`posted|date`, `(?i)post(ed)?`, `(?i)a|b.c`, `(?i)a||b`} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("FoldWordsNeed(%q) did not panic", p)
				}
			}()
			FoldWordsNeed(p)
		}()
	}
}
