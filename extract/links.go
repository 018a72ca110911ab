package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
	"newsarchive/urlnorm"
)

// pageLinks returns the page's absolute, normalised http(s) links in
// document order without duplicates, and the RSS/Atom feeds it announces.
// Without a base URL only links that are already absolute are kept.
func pageLinks(root *html.Node, rs *urlnorm.Resolver) (links, feeds []string) {
	resolve := func(ref string) string {
		ref = strings.TrimSpace(ref)
		if ref == "" || strings.HasPrefix(ref, "#") {
			return ""
		}
		s, err := rs.Resolve(ref)
		if err != nil {
			return ""
		}
		return s
	}
	// The hrefs are gathered first so that the sets below are made at
	// their final size: growing them was half of this function's time.
	var hrefs []string
	seenF := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.A, atom.Area:
				hrefs = append(hrefs, dom.Attr(n, "href"))
			case atom.Link:
				if isFeed(n) {
					if s := resolve(dom.Attr(n, "href")); s != "" && !seenF[s] {
						seenF[s] = true
						feeds = append(feeds, s)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	// A page repeats its hrefs (menus, teaser and headline links): each
	// is resolved once, as its result is already in seen.
	tried, seen := make(map[string]bool, len(hrefs)), make(map[string]bool, len(hrefs))
	for _, href := range hrefs {
		if tried[href] {
			continue
		}
		tried[href] = true
		if s := resolve(href); s != "" && !seen[s] {
			seen[s] = true
			links = append(links, s)
		}
	}
	return links, feeds
}

func isFeed(n *html.Node) bool {
	rel := false
	for f := range strings.FieldsSeq(strings.ToLower(dom.Attr(n, "rel"))) {
		if f == "alternate" {
			rel = true
		}
	}
	t := strings.ToLower(strings.TrimSpace(dom.Attr(n, "type")))
	return rel && (strings.HasPrefix(t, "application/rss+xml") || strings.HasPrefix(t, "application/atom+xml"))
}
