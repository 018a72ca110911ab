package extract

import (
	"newsarchive/extract/internal/dom"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// isCJK reports whether r is a Han, kana or Hangul character. Such text has
// no spaces between words, so lengths are measured in runes and a CJK rune
// weighs more than a Latin letter (see weight).
func isCJK(r rune) bool {
	if r < 0x2E80 {
		return false
	}
	if 0x4E00 <= r && r <= 0x9FFF {
		// CJK Unified Ideographs: all Han.
		return true
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// cjkWeight is how many Latin letters one CJK character is worth: a Chinese
// word is one or two characters, an English one five or six letters.
const cjkWeight = 3

// isPunct reports whether r separates clauses or sentences: the marks that
// running prose is full of and navigation, buttons and labels lack.
func isPunct(r rune) bool {
	switch r {
	case ',', '.', ';', '!', '?',
		'，', '。', '、', '！', '？', '；', '…', '．', '｡', '､':
		return true
	}
	return false
}

// measure returns the weighted length of s (white space not counted, CJK
// runes counted cjkWeight times) and its number of punctuation marks.
func measure(s string) (length, punct int) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch c {
			case ' ', '\t', '\n', '\r', '\f', '\v':
				continue
			case ',', '.', ';', '!', '?':
				// "a,b" and "example.com" are not clause breaks.
				if i == len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '"' || s[i] == ')' {
					punct++
				}
			}
			length++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		// Unicode white space only: a zero-width space counts as a
		// letter here, as it did before the white-space rule was shared.
		if r <= 0x3000 && unicode.IsSpace(r) {
			continue
		}
		if isPunct(r) {
			punct++
		}
		if isCJK(r) {
			length += cjkWeight
		} else {
			length++
		}
	}
	return length, punct
}

// classID is n's class and id, lower case, for the hint patterns.
func classID(n *html.Node) string {
	c, id := dom.Attr(n, "class"), dom.Attr(n, "id")
	if c == "" && id == "" {
		return ""
	}
	return strings.ToLower(c + " " + id)
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// removeNode detaches n from its parent (if any).
func removeNode(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

// hasAncestor reports whether a is a proper ancestor of n.
func hasAncestor(n, a *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}
