package body

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/boilerplate"
	"newsarchive/extract/internal/dom"
	"newsarchive/urlnorm"
)

// A list of links is furniture or text by where it stands, not by its
// link density alone: one that a sentence of the article announces ("We
// compared these five services:", "Sources:") belongs to the article; a
// teaser list after a "Related" heading or a plea does not.

// introducedList reports whether list n follows a paragraph of the
// article that ends in a colon and announces it. The paragraph must be
// prose of its own (not a link, not a related-reading heading or a plea
// such as "If you liked this post you might also like:").
//
// Either side may sit in a box of its own, as document converters and
// block editors write them (<div class="paragraph"><p>…:</p></div>
// <div class="ulist"><ul>…</ul></div>): the list's box is judged as the
// list, and a box holding one paragraph as that paragraph.
func introducedList(n *html.Node, s *scorer) bool {
	for n.Parent != nil && listBox(n.Parent) {
		n = n.Parent // the list's own box stands where the list would
	}
	p := n.PrevSibling
	for p != nil && p.Type != html.ElementNode {
		if p.Type == html.TextNode && strings.TrimSpace(p.Data) != "" {
			return false
		}
		p = p.PrevSibling
	}
	for p != nil && p.DataAtom == atom.Div {
		c := onlyChild(p)
		if c == nil || c.DataAtom != atom.P && c.DataAtom != atom.Div {
			break
		}
		p = c
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

// onlyChild returns n's one child element when n holds nothing else but
// white space, else nil.
func onlyChild(n *html.Node) *html.Node {
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && only == nil:
			only = c
		case c.Type == html.ElementNode, c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return nil
		}
	}
	return only
}

// listBox reports a box that holds one list and nothing else.
func listBox(n *html.Node) bool {
	if n.DataAtom != atom.Div {
		return false
	}
	c := onlyChild(n)
	return c != nil && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol)
}

// announcedLinks sums the link text and list items of the lists under n
// that the article announces (introducedList).
func announcedLinks(n *html.Node, s *scorer) (link, lis int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol || listBox(c)) && introducedList(c, s) && offSite(c, s.host) {
			st := s.get(c)
			link, lis = link+st.link, lis+st.lis
			continue
		}
		l, i := announcedLinks(c, s)
		link, lis = link+l, lis+i
	}
	return link, lis
}

// proseFollows reports whether a paragraph of prose comes after n inside
// box: n stands in the article's flow, not at its tail.
func proseFollows(n *html.Node, s *scorer, box *html.Node) bool {
	for x := n; x != nil && x != box; x = x.Parent {
		for c := x.NextSibling; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if proseBlock(s.get(c)) {
				return true
			}
		}
	}
	return false
}

// offSite reports whether most of the links under n lead to other sites
// (sources, products, reports): a list of the site's own pages, however
// announced ("Check out our other guides:"), is a directory of the site.
// Relative links are the site's own; a host of the same site
// ("www.", "blog.") is too.
func offSite(n *html.Node, host string) bool {
	own, other := 0, 0
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			if h := urlnorm.Host(strings.TrimSpace(dom.Attr(c, "href"))); h == "" || sameSite(h, host) {
				own++
			} else {
				other++
			}
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return other > own
}

// sameSite reports whether hosts a and b are one site: equal, or one a
// subdomain of the other, or both under the same last two labels
// ("www.example.com", "shop.example.com"). Unknown b ("") is no site.
func sameSite(a, b string) bool {
	b = strings.ToLower(b)
	if b == "" {
		return false
	}
	return a == b || strings.HasSuffix(a, "."+b) || strings.HasSuffix(b, "."+a) || siteOf(a) == siteOf(b)
}

// siteOf is a host's last two labels, or three under a two-letter
// country code with a short second level ("example.co.uk", "example.com.au").
func siteOf(h string) string {
	s := lastLabels(h, 2)
	if i := strings.IndexByte(s, '.'); i >= 0 && i <= 3 && len(s)-i-1 == 2 {
		return lastLabels(h, 3)
	}
	return s
}

func lastLabels(h string, k int) string {
	i := len(h)
	for ; k > 0 && i > 0; k-- {
		i = strings.LastIndexByte(h[:i], '.')
		if i < 0 {
			return h
		}
	}
	return h[i+1:]
}

// proseBefore reports whether the element right before n is a paragraph
// of prose.
func proseBefore(n *html.Node, s *scorer) bool {
	p := prevElement(n)
	if p != nil && IsHeading(p) {
		p = prevElement(p) // a subheading between: the section the text opens
	}
	return p != nil && proseBlock(s.get(p))
}

func prevElement(n *html.Node) *html.Node {
	p := n.PrevSibling
	for p != nil && p.Type != html.ElementNode {
		p = p.PrevSibling
	}
	return p
}

// proseBlock reports a block of prose: a few sentences, few links.
func proseBlock(st *stat) bool {
	return st.good >= 4*minPara && st.punct >= 2 && st.link*4 < st.text
}
