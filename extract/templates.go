package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
)

// revealTemplates renders the markup templates an article body holds:
// some blog platforms ship the post inside the element the page declares
// as its body (itemprop="articleBody") as a <script type="text/template">,
// which a script writes into the page. A reader sees the post; a parser
// sees a script, which is never text. Only a template that is a direct
// child of the declared body is read, so that a widget's templates
// elsewhere (a comment form, a carousel card) stay scripts. A body the
// streamed parts' fallback took out of the page changes nothing.
func (p *scriptParts) revealTemplates() {
	for _, b := range p.bodies {
		for c := b.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && c.DataAtom == atom.Script && strings.EqualFold(strings.TrimSpace(dom.Attr(c, "type")), "text/template") {
				if src := c.FirstChild; src != nil && src.Type == html.TextNode && strings.Contains(src.Data, "<") {
					if nodes, err := html.ParseFragment(strings.NewReader(src.Data), b); err == nil {
						for _, n := range nodes {
							b.InsertBefore(n, c)
						}
						b.RemoveChild(c)
					}
				}
			}
			c = next
		}
	}
}
