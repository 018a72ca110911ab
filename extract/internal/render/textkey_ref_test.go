package render

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// textKeyRef is textKey rune by rune, with the ASCII cases written out:
// the table appendTextKey reads must agree with it.
func textKeyRef(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			b.WriteRune(r)
		case 'A' <= r && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case r < utf8.RuneSelf:
		case 0x4E00 <= r && r <= 0x9FFF:
			b.WriteRune(r)
		case r == utf8.RuneError:
			// An invalid byte is no letter; a real U+FFFD neither.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

var textKeyCases = []struct{ name, s string }{
	{"empty", ""},
	{"sentence", "The Pier, closed in 2023, REOPENS today!"},
	{"every ASCII byte", func() string {
		var b strings.Builder
		for c := 0; c < utf8.RuneSelf; c++ {
			b.WriteByte(byte(c))
		}
		return b.String()
	}()},
	{"han and full-width marks", "【导读】港口码头，今天重新开放。"},
	{"accented and other scripts", "Ärger über Ⱥ, İstanbul, Ελλάδα, ٣"},
	{"invalid bytes", "a\xffB\xe2\x82"},
	// The key is written in place: letters that lower to longer runes
	// grow it past the room made for s.
	{"letters that lower longer", strings.Repeat("Ⱥ", 40) + "Abc" + strings.Repeat("Ⱦ1", 30)},
	{"long ASCII", strings.Repeat("The Pier, closed in 2023. ", 40)},
	{"lowered letters, then ASCII to the brim", strings.Repeat("Ⱥ", 4) + strings.Repeat("a", 24)},
}

func TestTextKeyTable(t *testing.T) {
	for _, tt := range textKeyCases {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := textKey(tt.s), textKeyRef(tt.s); got != want {
				t.Errorf("textKey(%q) = %q, want %q", tt.s, got, want)
			}
		})
	}
}

// FuzzTextKey: the table agrees with the written-out cases on any text,
// also appended after a key already begun.
func FuzzTextKey(f *testing.F) {
	for _, tt := range textKeyCases {
		f.Add("pre", tt.s)
	}
	f.Fuzz(func(t *testing.T, pre, s string) {
		if got, want := string(appendTextKey([]byte(pre), s)), pre+textKeyRef(s); got != want {
			t.Errorf("appendTextKey(%q, %q) = %q, want %q", pre, s, got, want)
		}
	})
}
