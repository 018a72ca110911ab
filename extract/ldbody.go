package extract

import (
	"html"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
	"newsarchive/extract/internal/render"
)

// ldBodyShare: the declared articleBody stands in for the body found in
// the page when it holds this many times the found body's prose, and at
// least ldBodyMin letters. A page that builds its text with script, keeps
// it in a widget the body rules drop, or lays it out so that another
// block wins still declares it whole for search engines; a declared body
// that merely differs (a teaser, a first paragraph) is shorter.
const (
	ldBodyShare = 3
	ldBodyMin   = 500
)

// ldBodyBox returns a box holding the declared articleBody, parsed as
// HTML (or one paragraph per line when it is plain text), when it should
// replace the found text; nil when the found text stands.
func ldBodyBox(decl, found string) *xhtml.Node {
	if len(decl) < ldBodyMin {
		return nil
	}
	foundLen, _ := dom.Measure(found)
	if declLen, _ := dom.Measure(decl); declLen < ldBodyMin || declLen < ldBodyShare*foundLen {
		return nil // tags and entities only shrink it: a cheap first test
	}
	box := &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div}
	if !strings.Contains(decl, "<") && strings.Contains(decl, "&lt;") {
		decl = html.UnescapeString(decl) // HTML escaped once more
	}
	if strings.Contains(decl, "<") {
		nodes, err := xhtml.ParseFragment(strings.NewReader(decl), box)
		if err != nil {
			return nil
		}
		for _, n := range nodes {
			box.AppendChild(n)
		}
	} else {
		for _, line := range strings.Split(decl, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				p := &xhtml.Node{Type: xhtml.ElementNode, Data: "p", DataAtom: atom.P}
				p.AppendChild(&xhtml.Node{Type: xhtml.TextNode, Data: line})
				box.AppendChild(p)
			}
		}
	}
	if declLen, _ := dom.Measure(render.BodyText(box)); declLen < ldBodyMin || declLen < ldBodyShare*foundLen {
		return nil
	}
	return box
}
