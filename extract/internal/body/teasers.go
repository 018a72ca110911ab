package body

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
)

// A rail of story cards closes many articles: three or four teasers
// ("Wedding checklists: [picture] The barn wedding checklist. Planning a
// barn wedding? …") set straight after the text, often as siblings of its
// paragraphs, so that no one box holds them all. At the tail of the body
// (no paragraph of prose after them) three cards in a row that hold less
// than half the body's text are a feed. The same cards inside the text,
// making most of it, or going on from cards before them, are the article's
// own list (a round-up whose items each link to a review, broken by a
// picture; a page that lists webcams): left to the other rules.

// minTailTeasers is the shortest run of cards at the tail that is a feed.
const minTailTeasers = 3

// tailTeasers returns the last run of story cards among n's children
// (see IsTeaser), when it holds minTailTeasers or more, less than half of
// the body's text (total) and no paragraph of prose follows it, in n or
// after n up to the body box.
func tailTeasers(n *html.Node, s *scorer, box *html.Node, total int) []*html.Node {
	var run []*html.Node
	text := 0
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if s.get(c).text == 0 {
			continue // an empty box or a lone picture: no verdict
		}
		if !IsTeaser(c, s) || !titledFirst(c) {
			if len(run) == 0 && (s.proseParagraph(c) || s.firstProse(c)) {
				return nil
			}
			if len(run) > 0 {
				break
			}
			continue // a short line after the cards (a "more" link)
		}
		run = append(run, c)
		text += s.get(c).text
	}
	if len(run) < minTailTeasers || text*2 >= total {
		return nil
	}
	for c := run[len(run)-1].PrevSibling; c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode && IsTeaser(c, s) {
			// The article's own list goes on after a picture: the
			// same cards stand before it.
			return nil
		}
	}
	for p := n; p != nil && p != box; p = p.Parent {
		for c := p.NextSibling; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (s.proseParagraph(c) || s.firstProse(c)) {
				return nil
			}
		}
	}
	return run
}

// titledFirst reports a card that opens with its title: the first text of
// c is a link to another page (not a "#" toggle of a FAQ's question). A box
// whose link comes last is a slide or a pitch with a button ("See the
// work"), not a teaser.
func titledFirst(c *html.Node) bool {
	for d := range c.Descendants() {
		if d.Type == html.TextNode && strings.TrimSpace(d.Data) != "" {
			for a := d.Parent; a != nil && a != c; a = a.Parent {
				if a.Type == html.ElementNode && a.DataAtom == atom.A {
					return !inPage(dom.Attr(a, "href"))
				}
			}
			return false
		}
	}
	return false
}

// inPage reports a link that leads nowhere else: none, "#…" or a script.
func inPage(href string) bool {
	h := strings.TrimSpace(href)
	return h == "" || strings.HasPrefix(h, "#") || len(h) >= 11 && strings.EqualFold(h[:11], "javascript:")
}
