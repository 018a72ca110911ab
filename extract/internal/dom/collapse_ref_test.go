package dom

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// collapseRef is Collapse written rune by rune, the plain reading of its
// rule: the fast paths of Collapse must give the same string.
func collapseRef(s string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

var collapseCases = []string{
	"", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "Harbour board, 5 May",
	"港口\u3000码头", "a\u00a0b", "a\u200bb", "\ufeffa", "a\xffb", "a\xe2\x82", "é", "é ", " é  ü ",
	"already collapsed text with one space each", "two\r\nlines", "a b  c", "a b\u00a0c", "a b\xff c", "a b ", " ",
	"港口 码头  新闻", "a bc\td",
	// Control bytes that are no white space end a run of printable ASCII.
	"a\x01b c", "a\x7f  b", "x\x1f\ty", "\x00", " a!~\x0e\x0d z",
	// Eight bytes are read at once: spaces, white space and runes on
	// either side of an eighth byte.
	"the harbour board met on monday and agreed", "abcdefg  hijklmno", "abcdefgh  ijklmnop",
	"abcdefg hijklmn  opq", "abcdefg \x01hijklmn", "abcdefg\thijklmno", "abcdefghijklmno ",
	"abcdefghijklmnop ", "abcdefg\u00a0hijklmn", "abcdefg港口码头 abcdefgh", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f",
	// Han characters are read without a general decoding.
	"\u4e00\u9fff\u4dff\u4000\ua000\u3400", "港口\xe4\xb8", "\xe9\x41\x42 \xe4\xb8\x41", "港口\u3000码头", "港口  码头",
}

// TestCollapseFastPaths: Collapse agrees with the rune-by-rune reading,
// including on text it returns uncopied.
func TestCollapseFastPaths(t *testing.T) {
	for _, s := range collapseCases {
		if got, want := Collapse(s), collapseRef(s); got != want {
			t.Errorf("Collapse(%q) = %q, want %q", s, got, want)
		}
		if collapsedWhole(s) != (collapseRef(s) == s) {
			t.Errorf("collapsedPrefix(%q) says whole = %v, but Collapse gives %q", s, collapsedWhole(s), collapseRef(s))
		}
	}
}

func FuzzCollapse(f *testing.F) {
	for _, s := range collapseCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Collapse(s), collapseRef(s); got != want {
			t.Errorf("Collapse(%q) = %q, want %q", s, got, want)
		}
		if collapsedWhole(s) != (collapseRef(s) == s) {
			t.Errorf("collapsedPrefix(%q) says whole = %v, but Collapse gives %q", s, collapsedWhole(s), collapseRef(s))
		}
	})
}

func collapsedWhole(s string) bool {
	_, whole := collapsedPrefix(s)
	return whole
}

// countKeptRef is countKept with the white space written out.
func countKeptRef(s string) (runes, bytes int) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case size == 1 && r < utf8.RuneSelf:
			if r != ' ' && r != '\t' && r != '\n' && r != '\v' && r != '\f' && r != '\r' {
				runes++
				bytes++
			}
		case size > 1 && !IsSpace(r):
			runes++
			bytes += size
		}
	}
	return runes, bytes
}

// checkCountKept: countKept, which sorts bytes by a table and skips
// printable runs at once, agrees with its plain reading: the whole counts
// with no limit, and whether the text passes a limit.
func checkCountKept(t *testing.T, s string, maxRunes, maxBytes int) {
	t.Helper()
	rr, rb := countKeptRef(s)
	var r, b int
	if over := countKept(s, &r, &b, math.MaxInt, math.MaxInt); over || r != rr || b != rb {
		t.Errorf("countKept(%q) = %d, %d, %v; want %d, %d, false", s, r, b, over, rr, rb)
	}
	r, b = 0, 0
	if over, want := countKept(s, &r, &b, maxRunes, maxBytes), rr > maxRunes || rb > maxBytes; over != want {
		t.Errorf("countKept(%q, %d, %d) over = %v, want %v", s, maxRunes, maxBytes, over, want)
	}
}

func TestCountKeptLimits(t *testing.T) {
	tests := []struct {
		name               string
		s                  string
		maxRunes, maxBytes int
	}{
		{"under", "The pier", 40, 100},
		{"at the rune limit", "abc de", 5, 100},
		{"one rune over", "abc def", 5, 100},
		{"over by bytes", "港口码头", 10, 9},
		{"white space not counted", " \t a \u00a0 b \u3000", 2, 4},
		{"invalid byte not counted", "a\xffb", 2, 2},
		{"control byte counted", "a\x01b", 2, 9},
		{"zero limit", "x", 0, 0},
		{"limit below zero", "", 1, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkCountKept(t, tt.s, tt.maxRunes, tt.maxBytes) })
	}
	// Eight bytes are counted at once, and Han characters without a
	// general decoding: every limit up to past the end, so that some are
	// passed inside the eight and some on either side.
	for _, s := range []string{"abcdefghijklmnopq", "ab cd ef gh ij", "港口码头新闻", "ab\x01cd\x02efgh", "abcdefg港口 xyz"} {
		for r := range len(s) + 2 {
			for b := range len(s) + 2 {
				checkCountKept(t, s, r, b)
			}
		}
	}
}

// FuzzCountKept: countKept agrees with its plain reading on any text and
// limit.
func FuzzCountKept(f *testing.F) {
	for i, s := range collapseCases {
		f.Add(s, i%7, 2*(i%5))
	}
	f.Fuzz(func(t *testing.T, s string, maxRunes, maxBytes int) { checkCountKept(t, s, maxRunes, maxBytes) })
}
