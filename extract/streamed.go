package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/body"
	"newsarchive/extract/internal/dom"
)

// scriptParts are what a page's scripts would show and a parser does not
// see, found in one walk of the tree (findScriptParts): React's streamed
// parts (revealStreamed) and a post shipped as a template inside the
// declared article body (revealTemplates).
type scriptParts struct {
	segs   []*html.Node          // <div hidden id="S:N">
	tmpl   map[string]*html.Node // "N" -> the template, boundary or placeholder
	bodies []*html.Node          // itemprop="articleBody"
}

func findScriptParts(root *html.Node) *scriptParts {
	p := &scriptParts{tmpl: map[string]*html.Node{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			id := dom.Attr(n, "id")
			switch {
			case n.DataAtom == atom.Template && len(id) > 2 && (id[:2] == "B:" || id[:2] == "P:"):
				p.tmpl[id[2:]] = n
			case n.DataAtom == atom.Div && len(id) > 2 && id[:2] == "S:" && hasAttr(n, "hidden"):
				p.segs = append(p.segs, n)
			}
			if strings.EqualFold(dom.Attr(n, "itemprop"), "articleBody") {
				p.bodies = append(p.bodies, n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return p
}

// revealScriptParts puts in place what the page's scripts would show,
// the streamed parts first (a template may stand in one).
func revealScriptParts(root *html.Node) {
	p := findScriptParts(root)
	p.revealStreamed()
	p.revealTemplates()
}

// React's streaming server rendering sends a page in pieces: where a part
// is not ready it writes a placeholder, <template id="P:N">, or a
// boundary, <template id="B:N"> followed by a fallback ("Loading…"), and
// later, at the end of the body, the part itself in <div hidden
// id="S:N">, which a script ($RS, $RC) moves into place. A reader sees
// the parts in place; without the scripts (or with them stripped) the
// article is a row of hidden boxes at the end of the page and the
// fallbacks where its text should be. revealStreamed does what the
// scripts do: each segment's children go where its template stands, a
// boundary's fallback goes, and the hidden box is removed. A segment with
// no template of its number is left alone (hidden, as before).
func (p *scriptParts) revealStreamed() {
	if len(p.segs) == 0 || len(p.tmpl) == 0 {
		return
	}
	for _, s := range p.segs {
		t := p.tmpl[dom.Attr(s, "id")[2:]]
		if t == nil || t.Parent == nil || s.Parent == nil || body.HasAncestor(t, s) {
			continue
		}
		parent, at := t.Parent, t.NextSibling
		if dom.Attr(t, "id")[0] == 'B' {
			at = dropFallback(t)
		}
		parent.RemoveChild(t)
		s.Parent.RemoveChild(s)
		for c := s.FirstChild; c != nil; c = s.FirstChild {
			s.RemoveChild(c)
			parent.InsertBefore(c, at)
		}
	}
}

// dropFallback removes what a boundary shows until its content arrives
// and returns the node the content goes before. React brackets the
// boundary in comments, <!--$?--> before the template and <!--/$--> after
// the fallback; where the comments are gone (a page saved without them),
// the fallback is the element right after the template, when it is short.
func dropFallback(t *html.Node) *html.Node {
	if p := t.PrevSibling; p != nil && p.Type == html.CommentNode && p.Data == "$?" {
		depth := 0
		for n := t.NextSibling; n != nil; {
			next := n.NextSibling
			if n.Type == html.CommentNode {
				switch n.Data {
				case "/$":
					if depth == 0 {
						return n
					}
					depth--
				case "$", "$?", "$!":
					depth++
				}
			}
			t.Parent.RemoveChild(n)
			n = next
		}
		return nil
	}
	n := t.NextSibling
	for n != nil && n.Type == html.TextNode && strings.TrimSpace(n.Data) == "" {
		n = n.NextSibling
	}
	if n != nil && n.Type == html.ElementNode && n.DataAtom != atom.Template && len(strings.TrimSpace(dom.BlockText(n))) < 100 {
		next := n.NextSibling
		t.Parent.RemoveChild(n)
		return next
	}
	return t.NextSibling
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
