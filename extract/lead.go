package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/body"
	"newsarchive/extract/internal/dom"
)

// The standfirst: the lead under the headline that many layouts set in
// the article's header, apart from the text, and that the page also
// declares as its description. The body finder takes the text's
// container and leaves the header out; the lead is put back in front.

// leadLanguage reports the languages whose press prints the lead as the
// text's first paragraph (German Vorspann, French chapô, Spanish
// entradilla…), set apart only by its type. An English dek or standfirst
// is display copy written apart from the story, as the headline is, and
// stays out (the labelled English sets leave it out too). An undeclared
// language is not guessed at.
func leadLanguage(lang string) bool {
	return lang != "" && !strings.HasPrefix(strings.ToLower(lang), "en")
}

// leadWords is the fewest words a standfirst has (a tagline or a kicker
// has fewer).
const leadWords = 8

// findLead returns the block under the page's first <h1> whose text is
// the page's description (the description may be cut short, with or
// without "…"), outside links, lists and page furniture; nil when there
// is none. It runs on the untouched tree.
func findLead(root *html.Node, desc string) *html.Node {
	desc = strings.TrimRight(strings.TrimSpace(dom.Collapse(desc)), ".…")
	if len(strings.Fields(desc)) < leadWords {
		return nil
	}
	key := desc
	if i := nthSpace(key, 3); i > 0 {
		key = key[:i] // the first three words: one text node holds them
	}
	h1 := dom.FindElement(root, atom.H1)
	if h1 == nil {
		return nil
	}
	var lead *html.Node
	past := false
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c == h1 {
				past = true
				continue
			}
			switch c.Type {
			case html.TextNode:
				if past && strings.Contains(c.Data, key) {
					if b := leadBlock(c, desc); b != nil {
						lead = b
						return true
					}
				}
			case html.ElementNode:
				switch c.DataAtom {
				case atom.Head, atom.Script, atom.Style, atom.Noscript, atom.Template, atom.A, atom.Nav, atom.Aside, atom.Footer, atom.Li, atom.Form:
					continue
				}
				if walk(c) {
					return true
				}
			}
		}
		return false
	}
	walk(root)
	return lead
}

// leadBlock returns the nearest block holding text node t when its text
// is desc, or starts with it, or desc starts with it (one of them cut).
func leadBlock(t *html.Node, desc string) *html.Node {
	b := t.Parent
	for b != nil && b.Type == html.ElementNode && !dom.IsBlock(b) {
		b = b.Parent
	}
	if b == nil || b.Type != html.ElementNode || body.IsHeading(b) && b.DataAtom == atom.H1 {
		return nil
	}
	bt := strings.TrimRight(dom.Collapse(dom.BlockText(b)), ".…")
	if len(strings.Fields(bt)) < leadWords || utf8.RuneCountInString(bt) > 3*utf8.RuneCountInString(desc) {
		return nil
	}
	if strings.HasPrefix(bt, desc) || strings.HasPrefix(desc, bt) {
		return b
	}
	return nil
}

// putLead sets the lead's text as the first paragraph of box, unless the
// box holds it already (the lead was the text's own first paragraph).
// It reports whether it did.
func putLead(box, lead *html.Node, text string) bool {
	if body.HasAncestor(lead, box) {
		return false
	}
	lt := dom.Collapse(dom.BlockText(lead))
	if lt == "" || strings.Contains(dom.Collapse(text), lt) {
		return false
	}
	p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
	p.AppendChild(&html.Node{Type: html.TextNode, Data: lt})
	box.InsertBefore(p, box.FirstChild)
	return true
}

// nthSpace is the index of the nth space in s, or -1.
func nthSpace(s string, n int) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			if n--; n == 0 {
				return i
			}
		}
	}
	return -1
}
