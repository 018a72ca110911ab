package dom

import (
	"strings"
	"testing"
)

// checkCollapser writes s to a Collapser in pieces cut at the given
// offsets (taken modulo the length, so that any bytes do) and compares
// what it holds with Collapse of the whole, before and after a Reset.
func checkCollapser(t *testing.T, s string, cuts []byte) {
	t.Helper()
	var z Collapser
	for round := 0; round < 2; round++ {
		last := 0
		for _, c := range cuts {
			if len(s) == 0 {
				break
			}
			at := max(last, int(c)%(len(s)+1))
			z.WriteString(s[last:at])
			last = at
		}
		z.WriteString(s[last:])
		if got, want := z.String(), Collapse(s); got != want {
			t.Errorf("Collapser over %q cut at %v = %q, want %q", s, cuts, got, want)
		}
		z.Reset()
	}
}

func TestCollapser(t *testing.T) {
	tests := []struct {
		name string
		s    string
		cuts []byte
	}{
		{"one piece", "  The pier  reopened ", nil},
		{"space across pieces", "one  two", []byte{4, 5}},
		{"word across pieces", "reopened", []byte{3}},
		{"empty pieces", " a ", []byte{0, 0, 1, 1, 3}},
		{"no-break space cut", "a\u00a0b", []byte{2}},
		{"rune cut in two", "港口码头", []byte{4}},
		{"invalid byte", "a\xffb c", []byte{2}},
		{"control bytes", "a\x01 b\x7f", []byte{1, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkCollapser(t, tt.s, tt.cuts) })
	}
}

// FuzzCollapser: collapsing in pieces gives Collapse of the whole, however
// the text is cut.
func FuzzCollapser(f *testing.F) {
	for _, s := range collapseCases {
		f.Add(s, []byte{byte(len(s) / 2), byte(len(s) / 3)})
	}
	f.Add(strings.Repeat("港 ", 5), []byte{1, 2, 7})
	f.Fuzz(checkCollapser)
}
