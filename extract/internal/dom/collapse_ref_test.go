package dom

import (
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

// FuzzCountKept: countKept, which sorts bytes by a table, agrees with
// its plain reading.
func FuzzCountKept(f *testing.F) {
	for _, s := range collapseCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var r, b int
		countKept(s, &r, &b)
		if rr, rb := countKeptRef(s); r != rr || b != rb {
			t.Errorf("countKept(%q) = %d, %d; want %d, %d", s, r, b, rr, rb)
		}
	})
}
