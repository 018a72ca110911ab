package body

import (
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
)

// findBody scores the (pre-cleaned) tree under root and returns a new <div>
// holding the article's container, moved out of the tree.
//
// Two measures, both language-free: Readability's content score (runs of
// text score by length and punctuation, ASCII or CJK, and hand it to their
// containers) picks the densest container; then the finder climbs to the
// ancestor with the most prose net of link text (good − β·bad, see climb),
// which joins sections the score saw separately and stops before a page
// wrapper full of menus. It never returns nil: with no scored container the
// whole <body> is taken, so a short page keeps its text.
func findBody(root *html.Node) (*html.Node, *scorer) {
	out, s, _ := findBodyAt(root)
	return out, s
}

// minHinted is the text (weighted letters) a candidate
// needs for its content class ("article", "detail", "text") to count.
const minHinted = 50

// findBodyAt is findBody that also returns the element, left in the tree
// and emptied, whose children became the body.
func findBodyAt(root *html.Node) (*html.Node, *scorer, *html.Node) {
	body := dom.FindElement(root, atom.Body)
	if body == nil {
		body = root
	}
	s := NewScorer(body)
	type cand struct {
		n     *html.Node
		score float64
	}
	var cands []cand
	for n, st := range s.st {
		if st.scored {
			if st.text < minHinted {
				// A content class on a box of a few words (a "details"
				// strip of date and duration) is no article.
				if w := s.wc.weight(n); w > 0 {
					st.score -= w
				}
			}
			st.score *= 1 - s.linkDensity(n)
			cands = append(cands, cand{n, st.score})
		}
	}
	// The candidates come from a map, so every tie must be broken: a
	// wrapper and its only child have equal scores and text, and picking
	// either at random would make the same page extract two ways.
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		if ti, tj := s.get(cands[i].n).text, s.get(cands[j].n).text; ti != tj {
			return ti > tj
		}
		return docBefore(cands[i].n, cands[j].n) // the outer one first
	})
	var top *html.Node
	if len(cands) == 0 || cands[0].n == body {
		top = body
	} else {
		top = cands[0].n
		topScore := cands[0].score
		// Several strong candidates under one ancestor: the article is
		// split into sections, take the ancestor.
		var alts []*html.Node
		for _, c := range cands[1:min(len(cands), 5)] {
			if c.score >= topScore*0.75 {
				alts = append(alts, c.n)
			}
		}
		if len(alts) >= 3 {
			for p := top.Parent; p != nil && p != body; p = p.Parent {
				k := 0
				for _, a := range alts {
					if HasAncestor(a, p) || a == p {
						k++
					}
				}
				if k >= 3 {
					top = p
					break
				}
			}
		}
		// Climb while an ancestor scores better: it holds more of the article.
		last := s.get(top).score
		threshold := last / 3
		for p := top.Parent; p != nil && p != body; p = p.Parent {
			ps := s.st[p]
			if ps == nil || !ps.scored {
				continue
			}
			if ps.score < threshold {
				break
			}
			if ps.score > last {
				top = p
				break
			}
			last = ps.score
		}
		top = s.climb(top, body)
	}
	out := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	if top == body || top.Parent == nil {
		moveChildren(out, top)
		return out, s, top
	}
	parts := s.bodyParts(top, body)
	first := top
	if len(parts) > 0 {
		first = parts[0]
	}
	// A lead figure just before the body belongs to the article.
	if lead := leadMedia(first); lead != nil {
		lead.Parent.RemoveChild(lead)
		out.AppendChild(lead)
	}
	if len(parts) == 0 {
		moveChildren(out, top)
		return out, s, top
	}
	for _, n := range parts {
		switch {
		case n == top || HasAncestor(top, n):
			moveChildren(out, top)
		case isContainer(n):
			// Its children, so that the block's own class is not
			// judged again inside the body.
			moveChildren(out, n)
		default:
			n.Parent.RemoveChild(n)
			out.AppendChild(n)
		}
	}
	return out, s, top
}

// isContainer reports whether n is a generic block that only groups others.
func isContainer(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Article, atom.Main:
		return true
	}
	return false
}

// leadMedia returns the element right before top when it is a figure or a
// block holding an image and at most a caption.
func leadMedia(top *html.Node) *html.Node {
	p := top.PrevSibling
	for p != nil && (p.Type != html.ElementNode) {
		if p.Type == html.TextNode && strings.TrimSpace(p.Data) != "" {
			return nil
		}
		p = p.PrevSibling
	}
	if p == nil || dom.FindElement(p, atom.Img) == nil {
		return nil
	}
	if p.DataAtom == atom.Figure || p.DataAtom == atom.Picture || p.DataAtom == atom.Img {
		return p
	}
	if l, _ := dom.Measure(dom.BlockText(p)); l <= 200 && dom.FindElement(p, atom.A) == nil {
		return p
	}
	return nil
}

// hasBlockChild reports whether n has a block descendant (a rule <hr>
// does not count: it does not make n a container).
func HasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if dom.IsBlock(c) && c.DataAtom != atom.Hr || HasBlockChild(c) && c.Type == html.ElementNode {
			return true
		}
	}
	return false
}

func moveChildren(dst, src *html.Node) {
	for c := src.FirstChild; c != nil; {
		next := c.NextSibling
		src.RemoveChild(c)
		dst.AppendChild(c)
		c = next
	}
}

// beta is how much a character of link text costs against a character of
// prose when the finder decides how far the body reaches (measured: 2 lets
// teaser rails in, 6 leaves standfirsts out).
const beta = 4

func (s *scorer) net(n *html.Node) float64 {
	st := s.get(n)
	return float64(st.good) - beta*float64(st.bad)
}

// climb moves from the best-scored container up to the ancestor that holds
// the most prose net of links: sections of one article that the scoring
// saw separately are joined, a page wrapper full of menus is not taken.
func (s *scorer) climb(top, body *html.Node) *html.Node {
	best, bestNet := top, s.net(top)
	for p := top.Parent; p != nil && p != body.Parent; p = p.Parent {
		if v := s.net(p); v > bestNet {
			best, bestNet = p, v
		}
	}
	return best
}

// docBefore reports whether node a comes before node b in document
// (pre-)order: an ancestor before what it holds, a node before its later
// siblings and what they hold. It climbs from both to the nearest common
// ancestor instead of numbering the whole tree: ties are few.
func docBefore(a, b *html.Node) bool {
	if a == b {
		return false
	}
	da, db := depth(a), depth(b)
	for ; da > db; da-- {
		if a = a.Parent; a == b {
			return false // b holds a
		}
	}
	for ; db > da; db-- {
		if b = b.Parent; b == a {
			return true // a holds b
		}
	}
	for a.Parent != b.Parent {
		a, b = a.Parent, b.Parent
	}
	if a.Parent == nil {
		return false // two trees: no order
	}
	for c := a.NextSibling; c != nil; c = c.NextSibling {
		if c == b {
			return true
		}
	}
	return false
}

// depth is how many ancestors n has.
func depth(n *html.Node) int {
	d := 0
	for p := n.Parent; p != nil; p = p.Parent {
		d++
	}
	return d
}
