package textdiff

import (
	"unicode"
	"unicode/utf8"
)

// Tokens splits s into diff tokens; concatenated they give s back.
func Tokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		switch class(r) {
		case classSpace:
			j = span(s, j, classSpace)
		case classWord:
			j = span(s, j, classWord)
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

const (
	classOther = iota // punctuation, symbols: one token each
	classSpace
	classWord
	classCJK // one token per character
)

func class(r rune) int {
	switch {
	case unicode.IsSpace(r):
		return classSpace
	case isCJK(r):
		return classCJK
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_':
		return classWord
	}
	return classOther
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// span returns the end of the run of class c starting at i.
func span(s string, i, c int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if class(r) != c {
			break
		}
		i += size
	}
	return i
}
