package extract

import (
	"math"
	"newsarchive/extract/internal/body"
	"newsarchive/extract/internal/meta"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
)

// declaredArticle are declared types (JSON-LD @type, og:type) of article pages.
var declaredArticle = map[string]bool{
	"article": true, "newsarticle": true, "blogposting": true, "reportagenewsarticle": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "reviewnewsarticle": true,
	"backgroundnewsarticle": true, "scholarlyarticle": true, "techarticle": true,
	"liveblogposting": true, "report": true, "posting": true, "socialmediaposting": true,
}

// declaredListing are declared types of pages that are not articles:
// the site's front or section pages, listings, profiles. (WebPage, which
// many sites declare for every page next to no other type, says nothing:
// such a page is judged as an undeclared one.)
var declaredListing = map[string]bool{
	"website": true, "collectionpage": true, "itemlist": true, "searchresultspage": true,
	"profilepage": true,
}

// minArticleText is the weighted body length (Latin letters; a CJK
// character counts three) an undeclared page needs to pass as an article:
// a few sentences, so that short news items still count.
const minArticleText = 400

// judge decides whether the page is an article: a declared article type;
// or a date with enough body text, a body that is not a link list and
// does not list stories. A page declared a website or a collection passes
// only with that evidence (a date and a body of prose), never on length
// alone.
func judge(m meta.Meta, bodyLen int, bodyLinkDensity float64, ls listing) bool {
	if declaredArticle[m.Type] {
		return bodyLen > 0
	}
	if bodyLinkDensity > 0.5 || ls.isListing(bodyLen) {
		return false
	}
	if m.PublishedAt != "" {
		return bodyLen >= minArticleText
	}
	return !declaredListing[m.Type] && bodyLen >= 4*minArticleText
}

// isListing reports a body made of dated story cards, or one where date
// stamps come every few lines.
func (l listing) isListing(bodyLen int) bool {
	return l.items >= 2 && l.dated >= 2 && l.share >= 0.6 ||
		l.dates >= 3 && bodyLen < 300*l.dates
}

// listing is the evidence in the body box that the page lists stories
// rather than tells one.
type listing struct {
	// items is the largest number of story cards (a titled link with
	// text of its own: a teaser, a date) side by side under one parent,
	// share the part of the body text they hold, dated how many of them
	// carry a date stamp.
	items, dated int
	share        float64
	// dates is the number of distinct date stamps standing on their own
	// (a <time>, a "2025-03-14 09:20" line) in the body.
	dates int
}

// findListing looks for story cards and date stamps in the body box.
func findListing(box *html.Node, s *body.Scorer) listing {
	var l listing
	total := s.Text(box)
	if total == 0 {
		return l
	}
	dates := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		items, dated, text := 0, 0, 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if t, ok := dateStamp(c); ok {
				dates[t] = true
				continue
			}
			if body.IsTeaser(c, s) {
				items++
				text += s.Text(c)
				if hasStamp(c) {
					dated++
				}
			}
			walk(c)
		}
		if items >= 2 && items > l.items {
			l.items, l.dated = items, dated
			l.share = float64(text) / float64(total)
		}
	}
	walk(box)
	l.dates = len(dates)
	return l
}

// dateStamp reports an element that is a date stamp and nothing else: a
// <time>, or a short line or <span> with a date or time and no sentence.
func dateStamp(n *html.Node) (string, bool) {
	if n.DataAtom != atom.Time && n.DataAtom != atom.Span && !(dom.IsBlock(n) && !body.HasBlockChild(n)) {
		return "", false
	}
	t, ok := dom.BlockTextMax(n, math.MaxInt, 60)
	if !ok {
		return "", false
	}
	t = dom.Collapse(t)
	if t == "" || len(t) > 60 {
		return "", false
	}
	if n.DataAtom == atom.Time || body.StampLine(t) {
		return t, true
	}
	return "", false
}

// hasStamp reports whether n holds a date stamp.
func hasStamp(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if _, ok := dateStamp(c); ok || hasStamp(c) {
			return true
		}
	}
	return false
}
