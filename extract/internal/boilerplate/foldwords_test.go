package boilerplate

import (
	"regexp"
	"strings"
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

// foldScanRef is what Scan replaces in FoldWordsNeed: a Contains per
// needle.
func foldScanRef(cores, firsts []string) func(string) bool {
	return func(s string) bool {
		if strings.Contains(s, "\u212a") || strings.Contains(s, "ſ") {
			return true
		}
		for _, c := range cores {
			if FoldContains(s, c) {
				return true
			}
		}
		for _, f := range firsts {
			if strings.Contains(s, f) {
				return true
			}
		}
		return false
	}
}

// foldScanPatterns have words of one and of many bytes, with and
// without ASCII letters.
var foldScanPatterns = []string{
	`(?i)posted|\bdate\b|veröffentlicht|mis à jour|обновлено|发布`,
	`(?i)x|1发|éé|ёлка`,
}

func TestFoldScan(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		want    [2]bool // for each of foldScanPatterns
	}{
		{"word in capitals", "Last POSTED on", [2]bool{true, false}},
		{"core at the very end", "the Date", [2]bool{true, false}},
		{"core cut at the end", "the Dat", [2]bool{false, false}},
		{"one-letter core", "X marks", [2]bool{false, true}},
		{"one-byte first letter", "第1发", [2]bool{true, true}},
		{"cyrillic capital first", "ОБНОВЛЕНО", [2]bool{true, false}},
		{"yo in capitals", "ЁЛКА", [2]bool{false, true}},
		{"e acute in capitals", "ÉTÉ", [2]bool{false, true}},
		{"long s", "ſ", [2]bool{true, true}},
		{"kelvin sign at the end", "a\u212a", [2]bool{true, true}},
		{"lead byte of kelvin only", "a\xe2\x84", [2]bool{false, false}},
		{"none", "By Jane Roe", [2]bool{false, false}},
		{"empty", "", [2]bool{false, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for i, p := range foldScanPatterns {
				cores, firsts := foldWordsParts(p)
				got, ref := NewScan(append([]string{"\u212a", "ſ"}, firsts...), cores).In(tc.s), foldScanRef(cores, firsts)(tc.s)
				if got != ref || got != tc.want[i] {
					t.Errorf("pattern %d: in(%q) = %v, a Contains per needle %v, want %v", i, tc.s, got, ref, tc.want[i])
				}
			}
		})
	}
}

// FuzzFoldScan: Scan is a Contains per needle on any string.
func FuzzFoldScan(f *testing.F) {
	for _, s := range []string{"Posted 3 May", "poſted", "第1发", "ОБНОВЛЕНО", "a\xe2\x84"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, p := range foldScanPatterns {
			cores, firsts := foldWordsParts(p)
			if got, want := NewScan(append([]string{"\u212a", "ſ"}, firsts...), cores).In(s), foldScanRef(cores, firsts)(s); got != want {
				t.Errorf("pattern %d: in(%q) = %v, a Contains per needle %v", i, s, got, want)
			}
		}
	})
}
