package extract

import (
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

// isSpaceRune is unicode.IsSpace, without the table search for the runes
// above U+3000 (no white space lies there).
func isSpaceRune(r rune) bool {
	return r <= 0x3000 && unicode.IsSpace(r)
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
		if isSpaceRune(r) {
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

// collapse trims s and turns every run of white space into one space.
func collapse(s string) string { return collapseSpaces(s, false) }

// collapseSpaces is collapse and mSpace: it trims s and turns every run of
// white space into one space. With metaSpaces the non-ASCII spaces are the
// short list of mIsSpace (the metadata finders' choice); otherwise every
// Unicode space up to U+3000 plus the zero-width space and BOM.
func collapseSpaces(s string, metaSpaces bool) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			switch c {
			case ' ', '\t', '\n', '\v', '\f', '\r':
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		var isSpace bool
		if metaSpaces {
			isSpace = mIsSpace(r)
		} else {
			isSpace = isSpaceRune(r) || r == '\u200b' || r == '\ufeff'
		}
		if isSpace {
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

// nodeTextMax is nodeText(n) when that text may have at most maxRunes
// runes and maxBytes bytes; when it surely has more, it gives up early
// and reports false. The count is a lower bound of the collapsed text's:
// the ASCII letters and the whole, valid runes of each text node that are
// not white space, all of which collapse keeps unchanged.
func nodeTextMax(n *html.Node, maxRunes, maxBytes int) (string, bool) {
	var b strings.Builder
	runes, bytes := 0, 0
	over := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if over {
			return
		}
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			s := n.Data
			for i := 0; i < len(s); {
				if c := s[i]; c < utf8.RuneSelf {
					i++
					switch c {
					case ' ', '\t', '\n', '\v', '\f', '\r':
						continue
					}
					runes++
					bytes++
					continue
				}
				r, size := utf8.DecodeRuneInString(s[i:])
				i += size
				if size > 1 && !isSpaceRune(r) && r != '\u200b' && r != '\ufeff' {
					runes++
					bytes += size
				}
			}
			if runes > maxRunes || bytes > maxBytes {
				over = true
			}
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Br:
				b.WriteByte(' ')
			}
			if isBlock(n) {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && isBlock(n) {
			b.WriteByte(' ')
		}
	}
	walk(n)
	if over {
		return "", false
	}
	return collapse(b.String()), true
}

// nodeText returns the collapsed text of n and its descendants.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Br:
				b.WriteByte(' ')
			}
			if isBlock(n) {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && isBlock(n) {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return collapse(b.String())
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// classID is n's class and id, lower case, for the hint patterns.
func classID(n *html.Node) string {
	c, id := attr(n, "class"), attr(n, "id")
	if c == "" && id == "" {
		return ""
	}
	return strings.ToLower(c + " " + id)
}

// blockAtoms are the elements that start a new line of text.
var blockAtoms = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true,
	atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true,
	atom.Thead: true, atom.Tr: true, atom.Ul: true, atom.Caption: true, atom.Body: true,
	atom.Html: true, atom.Picture: false,
}

func isBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.DataAtom == 0 {
		// A custom element (<story-body>, <hl-trusted-source>) is a block
		// when it holds blocks, inline when it wraps a few words.
		if !strings.Contains(n.Data, "-") {
			return false
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && isBlock(c) {
				return true
			}
		}
		return false
	}
	return blockAtoms[n.DataAtom]
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
