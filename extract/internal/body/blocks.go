package body

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
)

// The blocks the line rules remove with a heading, and the measures they
// use: where a block starts, where the article's prose resumes, how much
// of the body follows a line.

// removeBlock removes the block that heading h introduces: the largest
// ancestor that starts with h and holds less than half the body, or, when h
// stands among other blocks, h and what follows it, unless that is most of
// the body.
//
// After a related-reading heading (resumes) the article may go on: the
// sweep stops at the first paragraph of prose.
func removeBlock(h, box *html.Node, resumes bool) {
	total := textLen(box)
	c := h
	for c.Parent != nil && c.Parent != box && firstTextElement(c.Parent) == c && textLen(c.Parent)*2 < total {
		c = c.Parent
	}
	if c != h {
		RemoveNode(c)
		return
	}
	var after int
	for s := h.NextSibling; s != nil; s = s.NextSibling {
		after += textLen(s)
	}
	if after*2 > total {
		RemoveNode(h)
		return
	}
	for s := h; s != nil; {
		if resumes && s != h && proseParagraph(s) {
			// The article goes on: a box of links set into the text
			// ends where its paragraphs resume.
			return
		}
		next := s.NextSibling
		RemoveNode(s)
		s = next
	}
}

// proseParagraph reports a paragraph of the article's own prose: a <p> of
// 100 runes or more that ends a sentence and is not mostly link text.
// Teasers under a related-reading heading come in cards, or as links.
func proseParagraph(n *html.Node) bool {
	if n.Type != html.ElementNode || n.DataAtom != atom.P {
		return false
	}
	t := dom.BlockText(n)
	if utf8.RuneCountInString(t) < 100 || !dom.EndsSentence(t) {
		return false
	}
	linked := 0
	for a := range n.Descendants() {
		if a.Type == html.ElementNode && a.DataAtom == atom.A {
			linked += utf8.RuneCountInString(dom.BlockText(a))
		}
	}
	return linked*2 < utf8.RuneCountInString(t)
}

// proseParagraph is the package's proseParagraph, remembered in s.paras
// when that is set.
func (s *scorer) proseParagraph(n *html.Node) bool {
	if s.paras == nil || n.Type != html.ElementNode || n.DataAtom != atom.P {
		return proseParagraph(n)
	}
	v, ok := s.paras[n]
	if !ok {
		v = proseParagraph(n)
		s.paras[n] = v
	}
	return v
}

func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		l, _ := dom.Measure(n.Data)
		return l
	}
	l, _ := dom.Measure(dom.BlockText(n))
	return l
}

// firstSegment is the text of n up to its first <br>, or "" when n has
// no <br> (or none within the first 200 bytes of its text). The text
// nodes are gathered uncopied and joined only when a <br> ends them: most
// lines have none.
func firstSegment(n *html.Node) string {
	var parts []string
	size, found := 0, false
	var walk func(*html.Node) bool
	walk = func(c *html.Node) bool {
		if c.Type == html.TextNode {
			parts = append(parts, c.Data)
			size += len(c.Data)
			return size > 200
		}
		if c.Type == html.ElementNode && c.DataAtom == atom.Br {
			found = true
			return true
		}
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			if walk(d) {
				return true
			}
		}
		return false
	}
	walk(n)
	if !found {
		return ""
	}
	return dom.Collapse(strings.Join(parts, ""))
}

// firstTextElement returns the child of n that holds n's first text.
func firstTextElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return c
			}
		case html.ElementNode:
			if dom.BlockText(c) != "" {
				return c
			}
		}
	}
	return nil
}

// tailShare: a block at the tail of the body holds, with what follows it,
// less than 1/tailShare of the body's text.
const tailShare = 5

// atTail reports whether line l and what follows it, up to the end of
// box, hold less than 1/tailShare of box's text.
func atTail(l, box *html.Node) bool {
	after := textLen(l)
	for p := l; p != nil && p != box; p = p.Parent {
		for c := p.NextSibling; c != nil; c = c.NextSibling {
			after += textLen(c)
		}
	}
	return after*tailShare < textLen(box)
}
