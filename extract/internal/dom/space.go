package dom

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsSpace is the one white-space rule: Unicode white space plus the
// zero-width space and the byte-order mark, which pages use as invisible
// separators.
func IsSpace(r rune) bool {
	return (r <= 0x3000 && unicode.IsSpace(r)) || r == '\u200b' || r == '\ufeff'
}

// Collapse trims s and turns every run of white space (IsSpace) into one
// ASCII space. Invalid bytes are kept as U+FFFD.
func Collapse(s string) string {
	// The collapsed prefix is taken as it is (the whole of most short
	// texts, with no copy); a space it ends with is pending.
	n, ok := collapsedPrefix(s)
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := n > 0 && s[n-1] == ' '
	if space {
		b.WriteString(s[:n-1])
	} else {
		b.WriteString(s[:n])
	}
	for i := n; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace(c) {
				i++
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf && !asciiSpace(s[j]) {
				j++
			}
			b.WriteString(s[i:j])
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if IsSpace(r) {
			i += size
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(r)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func asciiSpace(c byte) bool { return c < utf8.RuneSelf && asciiWS[c] != wsNone }

// asciiWS sorts the ASCII bytes for the scans below, which run on every
// text node: a table is faster there than a chain of comparisons.
var asciiWS = func() (t [utf8.RuneSelf]uint8) {
	for _, c := range "\t\n\v\f\r" {
		t[c] = wsOther
	}
	t[' '] = wsBlank
	return t
}()

const (
	wsNone  = iota
	wsBlank // ' '
	wsOther // the other ASCII white space
)

// collapsedPrefix returns the length of the longest prefix of s that is
// valid UTF-8 whose only white space is single ASCII spaces, none leading,
// and whether that is all of s with no space trailing, so that
// Collapse(s) is s.
func collapsedPrefix(s string) (n int, whole bool) {
	prevSpace := true // no space may lead
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			switch asciiWS[c] {
			case wsNone:
				prevSpace = false
			case wsBlank:
				if prevSpace {
					return i, false
				}
				prevSpace = true
			default:
				return i, false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if size == 1 && r == utf8.RuneError || IsSpace(r) {
			return i, false
		}
		i += size
		prevSpace = false
	}
	return len(s), !prevSpace || s == ""
}

// countKept adds to runes and bytes what Collapse surely keeps of s: its
// ASCII letters and its whole, valid runes that are not white space.
func countKept(s string, runes, bytes *int) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			if asciiWS[c] != wsNone {
				continue
			}
			*runes++
			*bytes++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if size > 1 && !IsSpace(r) {
			*runes++
			*bytes += size
		}
	}
}
