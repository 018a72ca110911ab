package body

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
)

// An author bio is known by its shape, whatever its class: a short block
// after the article's prose holding the writer's picture and a link to
// the writer's page ("Jane Roe covers the harbour for the Courier. [photo]
// View all posts by Jane Roe"). The byline already says who wrote it.

// bioMax is the most text (see stat.text) a bio box holds.
const bioMax = 800

// authorPath matches the address of a writer's page.
var authorPath = regexp.MustCompile(`/(authors?|writers?|contributors?|staff|people|profiles?|team)/`)

// tailBio reports a bio box: a block of at most bioMax text, with a
// picture and a link to an author page (rel=author or an author path),
// that no paragraph of prose follows. It is a small part of the body
// (total): a short post under its writer's picture is the article.
func tailBio(n *html.Node, sc *scorer, st *stat, total int) bool {
	if st.text == 0 || st.text > bioMax || st.imgs == 0 || st.text*3 > total {
		return false
	}
	if !authorLink(n) {
		return false
	}
	// At the body's tail: what follows it, up to the end of the body,
	// holds no paragraph of prose and less text than the box.
	after := 0
	for p := n; p != nil; p = p.Parent {
		for c := p.NextSibling; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if sc.proseParagraph(c) || sc.firstProse(c) {
				return false
			}
			after += sc.get(c).text
		}
	}
	return after < st.text
}

// authorLink reports a link in n to a writer's page.
func authorLink(n *html.Node) bool {
	for a := range n.Descendants() {
		if a.Type != html.ElementNode || a.DataAtom != atom.A {
			continue
		}
		if strings.Contains(strings.ToLower(dom.Attr(a, "rel")), "author") || authorPath.MatchString(strings.ToLower(dom.Attr(a, "href"))) {
			return true
		}
	}
	return false
}

// firstProse reports a paragraph of prose anywhere in n.
func (s *scorer) firstProse(n *html.Node) bool {
	for p := range n.Descendants() {
		if s.proseParagraph(p) {
			return true
		}
	}
	return false
}
