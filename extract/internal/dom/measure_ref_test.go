package dom

import (
	"testing"
	"unicode/utf8"
)

// measureRef is Measure written with a switch on each ASCII byte, the
// plain reading of its rule: the table Measure uses must agree with it.
func measureRef(s string) (length, punct int) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case ' ', '\t', '\n', '\r', '\f', '\v':
				continue
			case ',', '.', ';', '!', '?':
				if i == len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '"' || s[i] == ')' {
					punct++
				}
			}
			length++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if IsSpace(r) {
			continue
		}
		if IsPunct(r) {
			punct++
		}
		if IsCJK(r) {
			length += CJKWeight
		} else {
			length++
		}
	}
	return length, punct
}

func TestMeasureTable(t *testing.T) {
	tests := []struct{ name, s string }{
		{"empty", ""},
		{"sentence", "The pier closed. Crews left, and the board met; why? Now!"},
		{"marks inside words", "a,b example.com 3.5 e.g.x"},
		{"marks before quote and bracket", `"Go." (Stop.) end.`},
		{"every white space", " \t\n\r\f\va\u00a0b\u3000"},
		{"control bytes", "a\x00b\x7f"},
		{"CJK", "港口码头，今天重新开放。"},
		{"broken UTF-8", "a\xffb\xe2\x82"},
		// Measure reads eight ASCII bytes at a time: marks, white space
		// and runes on either side of an eighth byte.
		{"long plain words", "the harbour board met on monday and agreed to reopen the old pier"},
		{"mark ending eight bytes", "abcdefg. next words here"},
		{"mark starting eight bytes", "abcdefgh.ijklmnop, qrstuvwx;"},
		{"mark at the very end", "abcdefghijklmnop!"},
		{"tab and newline across eight", "abcdefg\thijklmn\nopqrstu\r\fvw"},
		{"rune across eight", "abcdefg港口码头 abcdefgh"},
		{"other marks in range", "a#b$c%d&e'f(g)h*i+j-k/l\"m"},
		{"colon and question mark", "abc:def?ghi;jkl? mno; pqr"},
		{"control bytes in eight", "ab\x01cd\x1fef\x7fgh ij"},
		{"all spaces", "                 "},
		{"indentation between words", "a\n\t\t\t    b \r\n\fc\v"},
		// Han characters are read without a general decoding: the
		// edges of the block, and runes that only look like it.
		{"edges of the Han block", "\u4e00\u9fff\u4dff\u4000\ua000\u3400"},
		{"Han cut short", "港口\xe4\xb8"},
		{"Han lead without continuation", "\xe9\x41\x42 \xe4\xb8\x41"},
		{"CJK marks between Han", "港口，码头。新闻！"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, p := Measure(tt.s)
			rl, rp := measureRef(tt.s)
			if l != rl || p != rp {
				t.Errorf("Measure(%q) = %d, %d; want %d, %d", tt.s, l, p, rl, rp)
			}
		})
	}
}

// FuzzMeasure: Measure agrees with measureRef on any text.
func FuzzMeasure(f *testing.F) {
	f.Add("The pier closed. Crews left, and the board met.")
	f.Add("港口码头，今天重新开放。")
	f.Add("abcdefg. next words here, and a tab\tor two\n")
	f.Fuzz(func(t *testing.T, s string) {
		l, p := Measure(s)
		rl, rp := measureRef(s)
		if l != rl || p != rp {
			t.Errorf("Measure(%q) = %d, %d; want %d, %d", s, l, p, rl, rp)
		}
	})
}
