package dom

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// isSpaceRef is IsSpace as the unicode package reads it: the list IsSpace
// writes out must agree with it.
func isSpaceRef(r rune) bool {
	return (r <= 0x3000 && unicode.IsSpace(r)) || r == '\u200b' || r == '\ufeff'
}

// isCJKRef is IsCJK by the script tables, without the fast blocks
// (beyond the first: below U+2E80 nothing counts).
func isCJKRef(r rune) bool {
	if r < 0x2E80 {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// TestRuneClassesAllRunes checks IsSpace and IsCJK on every rune (and a
// few values outside the range) against the unicode package's tables.
func TestRuneClassesAllRunes(t *testing.T) {
	for r := rune(-2); r <= utf8.MaxRune+2; r++ {
		if got, want := IsSpace(r), isSpaceRef(r); got != want {
			t.Fatalf("IsSpace(%U) = %v, want %v", r, got, want)
		}
		if got, want := IsCJK(r), isCJKRef(r); got != want {
			t.Fatalf("IsCJK(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestRuneClassesTable names the runes each fast branch decides.
func TestRuneClassesTable(t *testing.T) {
	tests := []struct {
		name       string
		r          rune
		space, cjk bool
	}{
		{"tab", '\t', true, false},
		{"letter", 'a', false, false},
		{"next line", 0x85, true, false},
		{"no-break space", 0xa0, true, false},
		{"ogham space", 0x1680, true, false},
		{"en quad", 0x2000, true, false},
		{"zero-width space", 0x200b, true, false},
		{"zero-width non-joiner", 0x200c, false, false},
		{"narrow no-break", 0x202f, true, false},
		{"ideographic space", 0x3000, true, false},
		{"ideographic comma", 0x3001, false, false},
		{"iteration mark", 0x3005, false, true},
		{"corner bracket", 0x300c, false, false},
		{"hiragana a", 0x3042, false, true},
		{"katakana middle dot", 0x30fb, false, false},
		{"katakana a", 0x30a2, false, true},
		{"hangul syllable", 0xac00, false, true},
		{"han", 0x6e2f, false, true},
		{"fullwidth comma", 0xff0c, false, false},
		{"halfwidth katakana", 0xff66, false, true},
		{"byte-order mark", 0xfeff, true, false},
		{"negative", -1, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := [2]bool{IsSpace(tt.r), IsCJK(tt.r)}
			if want := [2]bool{tt.space, tt.cjk}; got != want {
				t.Errorf("%U: IsSpace, IsCJK = %v, want %v", tt.r, got, want)
			}
		})
	}
}

// FuzzRuneClasses: the fast branches agree with the tables on any rune.
func FuzzRuneClasses(f *testing.F) {
	for _, r := range []rune{' ', 0x3001, 0x30fb, 0xff0c, 0x200b} {
		f.Add(int32(r))
	}
	f.Fuzz(func(t *testing.T, r int32) {
		if IsSpace(r) != isSpaceRef(r) || IsCJK(r) != isCJKRef(r) {
			t.Errorf("%U: IsSpace %v (ref %v), IsCJK %v (ref %v)", r, IsSpace(r), isSpaceRef(r), IsCJK(r), isCJKRef(r))
		}
	})
}
