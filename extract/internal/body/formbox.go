package body

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
)

// A box built around a form control is a sign-up, a search, a lead form
// or a paywall, whatever its words: "Stay in the loop. Sign up and we'll
// send the latest news to your inbox. [email] [Subscribe]", "Request our
// free ebook. Fill out the form to get a copy." Its control is dropped
// with the other controls (dropAtoms); the plea around it is dropped
// here, before that, while the control still marks the box.

// formBoxProse is the most prose (weighted, outside links) a box around a
// control may hold and still be taken for the control's box: a plea and a
// line of small print. An article wrapped in one page-wide <form> is far
// above it.
const formBoxProse = 400

// formBoxes returns the boxes around the form controls under root: for
// each visible control, the largest enclosing block whose prose stays
// small (see controlBox). A box holding code (a "copy" button beside a
// snippet), the page's title (a header with a search field) or most of
// the page's prose is left alone.
func formBoxes(root *html.Node, sz map[*html.Node]int) []*html.Node {
	var out []*html.Node
	seen := map[*html.Node]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if formControl(c) {
				if b := controlBox(c, sz); b != nil && !seen[b] {
					seen[b] = true
					out = append(out, b)
				}
				continue
			}
			walk(c)
		}
	}
	walk(root)
	// A box inside another box goes with it.
	var keep []*html.Node
	for _, b := range out {
		if !inNodes(b, out) {
			keep = append(keep, b)
		}
	}
	return keep
}

// formControl reports a visible control a reader fills in to send
// something: a form, a text or e-mail field, a text area, a menu.
func formControl(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Form, atom.Textarea, atom.Select:
		return true
	case atom.Input:
		switch strings.ToLower(dom.Attr(n, "type")) {
		case "", "text", "email", "tel", "search", "password":
			return true
		}
	}
	// A button alone is no form: share bars, "buy" buttons on the cards
	// of a product round-up, "copy" beside code.
	return false
}

// formStep is the most prose one step of the climb may add: the plea and
// the heading beside a control. A step that adds more has reached the
// article, or a page region around it.
const formStep = 150

// controlBox is the largest block around control c whose prose stays
// under formBoxProse and grows by at most formStep at each step up, or
// nil.
func controlBox(c *html.Node, sz map[*html.Node]int) *html.Node {
	var box *html.Node
	if c.DataAtom == atom.Form && sz[c] < formStep {
		box = c
	}
	for p, cur := c.Parent, c; p != nil && p.Type == html.ElementNode; p, cur = p.Parent, p {
		switch p.DataAtom {
		case atom.Body, atom.Html, atom.Main, atom.Article, atom.Pre, atom.Code, atom.Table, atom.Td, atom.Li:
			return box
		}
		if sz[p] >= formBoxProse || sz[p]-sz[cur] > formStep || sz[p]*2 > sz[nil] {
			return box
		}
		if dom.FindElement(p, atom.Pre) != nil || dom.FindElement(p, atom.Code) != nil || dom.FindElement(p, atom.H1) != nil {
			return box
		}
		if dom.IsBlock(p) || p.DataAtom == atom.Form {
			box = p
		}
	}
	return box
}
