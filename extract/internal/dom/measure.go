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
	try := 0 // where eight bytes at once are tried next
	for i := 0; i < len(s); {
		c := s[i]
		if k := measureClass[c]; k != mMulti {
			if i >= try && i+8 <= len(s) {
				// Eight ASCII bytes without a mark count at once: each
				// byte but white space is one. Eight that do not are
				// read one by one.
				if n, ok := countable8(load8(s, i)); ok {
					length += n
					i += 8
					continue
				}
				try = i + 8
			}
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
				// A run of white space (a page's indentation between
				// tags) in one loop.
				for i < len(s) && measureClass[s[i]] == mSpace {
					i++
				}
				continue
			}
			// "a,b" and "example.com" are not clause breaks.
			if i == len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '"' || s[i] == ')' {
				punct++
			}
			length++
			continue
		}
		if c-0xe4 <= 0xe9-0xe4 && hanAt(s, i) {
			// The bulk of CJK text: a Han character, no space and
			// no mark.
			length += CJKWeight
			i += 3
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

// hanAt reports whether s holds at i a CJK Unified Ideograph (U+4E00 to
// U+9FFF), read without a general decoding: three bytes, the first 0xe4
// to 0xe9 (none of the leads UTF-8 limits further), then two
// continuation bytes, and at least U+4E00.
func hanAt(s string, i int) bool {
	if i+2 >= len(s) {
		return false
	}
	c0, c1, c2 := s[i], s[i+1], s[i+2]
	if c0 < 0xe4 || c0 > 0xe9 || c1&0xc0 != 0x80 || c2&0xc0 != 0x80 {
		return false
	}
	return c0 > 0xe4 || c1 >= 0xb8 // U+4E00 is e4 b8 80
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
