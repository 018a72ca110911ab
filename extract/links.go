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
	seenL, seenF := map[string]bool{}, map[string]bool{}
	// A page repeats its hrefs (menus, teaser and headline links): each
	// is resolved once, as its result is already in seenL.
	triedL := map[string]bool{}
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
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.A, atom.Area:
				href := dom.Attr(n, "href")
				if triedL[href] {
					break
				}
				triedL[href] = true
				if s := resolve(href); s != "" && !seenL[s] {
					seenL[s] = true
					links = append(links, s)
				}
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
