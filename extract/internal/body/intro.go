package body

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/boilerplate"
	"newsarchive/extract/internal/dom"
)

// A list of links is furniture or text by where it stands, not by its
// link density alone: one that a sentence of the article announces ("We
// compared these five services:", "Sources:") belongs to the article; a
// teaser list after a "Related" heading or a plea does not.

// introducedList reports whether list n follows a paragraph of the
// article that ends in a colon and announces it. The paragraph must be
// prose of its own (not a link, not a related-reading heading or a plea
// such as "If you liked this post you might also like:").
func introducedList(n *html.Node, s *scorer) bool {
	p := n.PrevSibling
	for p != nil && p.Type != html.ElementNode {
		if p.Type == html.TextNode && strings.TrimSpace(p.Data) != "" {
			return false
		}
		p = p.PrevSibling
	}
	if p == nil || p.DataAtom != atom.P && p.DataAtom != atom.Div || HasBlockChild(p) {
		return false
	}
	t := strings.TrimSpace(dom.BlockText(p))
	if !strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "：") {
		return false
	}
	st := s.get(p)
	if st.text == 0 || st.link*2 > st.text {
		return false
	}
	if cjk := dom.IsCJK(firstRune(t)); !cjk && len(strings.Fields(t)) < 4 || cjk && utf8.RuneCountInString(t) < 8 {
		// A label ("Sources:", "More information:") is a heading in
		// effect, not a sentence of the article announcing the list.
		return false
	}
	return !introRejects(t)
}

// introRejects reports the colon lines that open page furniture, not a
// list of the article: related-reading heads and prefixes, pleas.
func introRejects(t string) bool {
	return boilerplate.BlockHead.MatchString(t) || boilerplate.ForeignHead.MatchString(t) ||
		boilerplate.RelatedPrefix.MatchString(t) || boilerplate.ForeignPrefix.MatchString(t) ||
		boilerplate.EnjoyedPlea.MatchString(t) || len(t) < 60 && boilerplate.ReadingHead.MatchString(t)
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}
