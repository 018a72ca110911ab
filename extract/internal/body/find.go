package body

import (
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
	"newsarchive/extract/internal/render"
)

// Found is what Find returns: the body box, its text as
// render.BodyTextDrops gives it (rendered once: the caller needs it too),
// the text's weighted length, and whether the page was a run of whole
// posts cut to its first (dropLaterPosts).
type Found struct {
	Box     *html.Node
	Text    string
	Drops   []*html.Node
	BodyLen int
	Posts   bool
}

// Find cleans doc and returns the body box and its text. A site's body
// selector (bodySel) replaces the body finder.
func Find(doc *goquery.Document, bodySel, title, host string) Found {
	root := doc.Selection.Nodes[0]
	if bodySel != "" {
		if sel := doc.Find(bodySel); sel.Length() > 0 {
			box := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
			for _, n := range sel.Nodes {
				if n.Parent != nil && !inNodes(n, sel.Nodes) {
					n.Parent.RemoveChild(n)
					box.AppendChild(n)
				}
			}
			preClean(box, false)
			pruneBoilerplate(box, NewScorer(box), dom.Collapse(title))
			return found(box, false)
		}
	}
	preClean(root, true)
	posts := dropLaterPosts(root)
	box, s, top := findBodyAt(root)
	s.host = host
	prune(box, s, title)
	addDocInfo(box, top)
	return found(box, posts)
}

func found(box *html.Node, posts bool) Found {
	text, drops := render.BodyTextDrops(box)
	l, _ := dom.Measure(text)
	return Found{Box: box, Text: text, Drops: drops, BodyLen: l, Posts: posts}
}

// inNodes reports whether one of ns is a proper ancestor of n (n then moves
// with it).
func inNodes(n *html.Node, ns []*html.Node) bool {
	for _, o := range ns {
		if o != n && HasAncestor(n, o) {
			return true
		}
	}
	return false
}
