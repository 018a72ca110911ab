package meta

import (
	"strings"

	"golang.org/x/net/html"
)

// pageElems are the elements the author and microdata finders read:
// what cascadia.QueryAll(root, sel) returns for bylineSel, authorLinkSel,
// timeSel and modTimeSel, in document order. They come from one walk
// over the document, made when a finder first asks, where each finder
// walked the whole document for its own (TestPageElems, FuzzPageElems).
type pageElems struct {
	root                                 *html.Node
	walked                               bool
	byline, authorLinks, times, modTimes []*html.Node
}

func newPageElems(root *html.Node) *pageElems { return &pageElems{root: root} }

// get walks the document on the first call.
func (p *pageElems) get() *pageElems {
	if !p.walked {
		p.walked = true
		if p.root != nil {
			p.walk(p.root)
		}
	}
	return p
}

// walk is cascadia's queryInto for the four matchers at once: the
// descendants of n, each before its own.
func (p *pageElems) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if bylineSel(c) {
				p.byline = append(p.byline, c)
			}
			if authorLinkSel(c) {
				p.authorLinks = append(p.authorLinks, c)
			}
			pub, mod := microdataDateMatch(c)
			if pub {
				p.times = append(p.times, c)
			}
			if mod {
				p.modTimes = append(p.modTimes, c)
			}
		}
		if c.FirstChild != nil {
			p.walk(c)
		}
	}
}

// microdataDateMatch is timeSel.Match and modTimeSel.Match of an
// element: `time[datetime], [itemprop~=datePublished],
// [itemprop~=dateCreated]` and `[itemprop~=dateModified]`, attributes
// compared as cascadia does (any namespace, ~= words split on
// " \t\r\n\f", case and all).
func microdataDateMatch(n *html.Node) (pub, mod bool) {
	isTime := n.Data == "time"
	for _, a := range n.Attr {
		switch a.Key {
		case "datetime":
			pub = pub || isTime
		case "itemprop":
			for v := a.Val; v != ""; {
				w := v
				if i := strings.IndexAny(v, " \t\r\n\f"); i >= 0 {
					w, v = v[:i], v[i+1:]
				} else {
					v = ""
				}
				switch w {
				case "datePublished", "dateCreated":
					pub = true
				case "dateModified":
					mod = true
				}
			}
		}
	}
	return pub, mod
}
