package body

import (
	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
	"newsarchive/extract/internal/render"
)

// Find cleans doc and returns the body box, its weighted text
// length, and whether the page was a run of whole posts cut to its first
// (dropLaterPosts). A site's body selector (bodySel) replaces the body finder.
func Find(doc *goquery.Document, bodySel, title string) (box *html.Node, bodyLen int, posts bool) {
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
			l, _ := dom.Measure(render.BodyText(box))
			return box, l, false
		}
	}
	preClean(root, true)
	posts = dropLaterPosts(root)
	box, s, top := findBodyAt(root)
	prune(box, s, title)
	addDocInfo(box, top)
	bodyLen, _ = dom.Measure(render.BodyText(box))
	return box, bodyLen, posts
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
