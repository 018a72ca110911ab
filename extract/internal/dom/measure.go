package dom

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// IsCJK reports whether r is a Han, kana or Hangul character. Such text has
// no spaces between words, so lengths are measured in runes and a CJK rune
// weighs more than a Latin letter (see weight).
func IsCJK(r rune) bool {
	if r < 0x2E80 {
		return false
	}
	if 0x4E00 <= r && r <= 0x9FFF {
		// CJK Unified Ideographs: all Han.
		return true
	}
	// The other frequent blocks of CJK text, decided without a search
	// of the script tables (TestIsCJKAllRunes checks them against it):
	// kana, syllables, and the full-width and CJK punctuation between
	// them, which belongs to no script.
	switch {
	case 0x3041 <= r && r <= 0x3096, 0x30a1 <= r && r <= 0x30fa, 0xac00 <= r && r <= 0xd7a3:
		return true
	case 0x3000 <= r && r <= 0x3004, 0x3008 <= r && r <= 0x3020, 0xff00 <= r && r <= 0xff65:
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// IsPunct reports whether r separates clauses or sentences: the marks that
// running prose is full of and navigation, buttons and labels lack.
func IsPunct(r rune) bool {
	switch r {
	case ',', '.', ';', '!', '?',
		'，', '。', '、', '！', '？', '；', '…', '．', '｡', '､':
		return true
	}
	return false
}

// Measure returns the weighted length of s (white space not counted, CJK
// runes counted CJKWeight times) and its number of punctuation marks.
func Measure(s string) (length, punct int) {
	for i := 0; i < len(s); {
		c := s[i]
		if k := measureClass[c]; k != mMulti {
			i++
			switch k {
			case mLetter:
				// A word's letters are counted in one loop.
				j := i
				for j < len(s) && measureClass[s[j]] == mLetter {
					j++
				}
				length += j - i + 1
				i = j
				continue
			case mSpace:
				continue
			}
			// "a,b" and "example.com" are not clause breaks.
			if i == len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '"' || s[i] == ')' {
				punct++
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

// measureClass sorts the bytes for Measure: ASCII white space, clause
// marks and the rest, which count one each, and the bytes of longer runes.
// A table is faster than a switch on this path: Measure runs on every text
// node, several times; one of all 256 bytes needs no bounds check.
var measureClass = func() (t [256]uint8) {
	for _, c := range " \t\n\r\f\v" {
		t[c] = mSpace
	}
	for _, c := range ",.;!?" {
		t[c] = mMark
	}
	for c := utf8.RuneSelf; c < len(t); c++ {
		t[c] = mMulti
	}
	return t
}()

const (
	mLetter = iota
	mSpace
	mMark
	mMulti // a byte of a rune beyond ASCII
)

// CJKWeight is how many Latin letters one CJK character is worth: a Chinese
// word is one or two characters, an English one five or six letters.
const CJKWeight = 3

func EndsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”’)）」』")
	if s == "" {
		return false
	}
	switch {
	case strings.HasSuffix(s, "."), strings.HasSuffix(s, "!"), strings.HasSuffix(s, "?"),
		strings.HasSuffix(s, "。"), strings.HasSuffix(s, "！"), strings.HasSuffix(s, "？"):
		return true
	}
	return false
}

func FindElement(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := FindElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

// lazyAttrs hold the real image source on lazy-loading pages, best first;
// src then often holds a placeholder.
var lazyAttrs = []string{"data-src", "data-original", "data-lazy-src", "data-lazy", "data-url", "data-actualsrc", "data-echo", "data-srcset", "srcset"}

// ImgSrc returns the image's real source as written (not resolved).
func ImgSrc(n *html.Node) string {
	for _, k := range lazyAttrs {
		if v := strings.TrimSpace(Attr(n, k)); v != "" && !strings.HasPrefix(v, "data:") {
			if strings.HasSuffix(k, "srcset") {
				v = firstSrcset(v)
			}
			if v != "" {
				return v
			}
		}
	}
	v := strings.TrimSpace(Attr(n, "src"))
	if strings.HasPrefix(v, "data:") {
		return ""
	}
	return v
}

func firstSrcset(v string) string {
	first, _, _ := strings.Cut(v, ",")
	f := strings.Fields(first)
	if len(f) == 0 {
		return ""
	}
	return f[0]
}
