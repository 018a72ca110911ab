package body

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Sibling merge. Page builders split one article into sibling blocks
// (a row per section, a rich-text block before and after an embed), and
// the best-scored container holds only one of them. The climb (see climb)
// joins them only when the common ancestor's prose outweighs its link
// lists; a teaser rail among the sections keeps it below. As Readability
// does, the finder then looks at the siblings of the chosen block and adds
// those that read as more of the article, leaving the rest in the page.

// minSiblingProse is the prose, in weighted characters, a sibling block
// needs to join the body on its own: a short paragraph or two.
const minSiblingProse = 100

// siblingWrapSlack is how much text a wrapper may hold beside the chosen
// block and still count as the block itself (1/10 of it): the search for
// siblings starts above the wrappers that hold only the block.
const siblingWrapSlack = 10

// siblingAfterShare: a sibling after the chosen block needs 1/5 of its prose.
const siblingAfterShare = 5

// bodyParts returns the blocks that make the body, in document order:
// nil when the chosen block top stands alone, or the element holding top
// (under top's wrappers) with its sibling blocks that join it. A heading
// joins when the block it introduces joins.
func (s *scorer) bodyParts(top, body *html.Node) []*html.Node {
	a := top
	for a.Parent != nil && a.Parent != body {
		outside := s.get(a.Parent).text - s.get(a).text
		if outside*siblingWrapSlack > s.get(a).text {
			break
		}
		a = a.Parent
	}
	p := a.Parent
	if p == nil || p == body || p.Type != html.ElementNode {
		return nil
	}
	fc := furnitureCache{}
	var parts []*html.Node
	var heads []*html.Node // headings waiting for the block they introduce
	joined := false
	afterA := false
	for c := p.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch {
		case c == a:
			afterA = true
			parts = append(parts, heads...)
			parts = append(parts, c)
			heads = nil
		case IsHeading(c) && s.get(c).link*2 <= s.get(c).text:
			heads = append(heads, c)
		case s.get(c).text == 0:
			// empty: no verdict, the headings before it still wait
		case s.siblingProse(c, a, afterA, fc):
			parts = append(parts, heads...)
			parts = append(parts, c)
			heads = nil
			joined = true
		default:
			heads = nil
		}
	}
	if !joined {
		return nil
	}
	return parts
}

// siblingProse reports whether sibling c of the chosen block a reads as
// more of the article: prose with few links (net of links, as the climb
// counts), or a block of a's own tag and class that is more prose than
// links (the intro before a table of contents, in the same rich-text
// block as the rest). After a, a sibling must also hold a fifth of a's
// prose, as Readability asks of a fifth of the top score: what follows
// an article and is small next to it is mostly furniture (a donation
// plea, a newsletter box, a disclaimer), while a lead or a summary
// before it is short by nature. Page furniture by element or by class
// never joins; a weak class word alone does not keep prose out.
func (s *scorer) siblingProse(c, a *html.Node, after bool, fc furnitureCache) bool {
	switch c.DataAtom {
	case atom.Aside, atom.Nav, atom.Footer, atom.Header, atom.Form, atom.Menu:
		return false
	}
	if m, strongM := furniture(ClassID(c), fc); strongM || m && !maybe.MatchString(ClassID(c)) {
		return false
	}
	st := s.get(c)
	if st.good < minSiblingProse || st.punct < 2 {
		return false
	}
	if after && st.good*siblingAfterShare < s.get(a).good {
		return false
	}
	ld := s.linkDensity(c)
	// A paragraph is prose by its tag; a block must show it net of links.
	minNet := float64(minSiblingProse)
	if c.DataAtom == atom.P {
		minNet = 1
	}
	if ld < 0.25 && s.net(c) >= minNet {
		return true
	}
	cls := attrClass(c)
	return cls != "" && c.DataAtom == a.DataAtom && cls == attrClass(a) &&
		st.good > st.bad && ld < 0.5
}

func attrClass(n *html.Node) string {
	for _, at := range n.Attr {
		if at.Key == "class" {
			return at.Val
		}
	}
	return ""
}
