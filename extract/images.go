package extract

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/article"
	"newsarchive/extract/internal/dom"
	"newsarchive/urlnorm"
)

// bodyImages lists the images of the body with their captions: the
// figure's <figcaption>, else a short caption line right below the image
// (Chinese CMSs centre a <p> under it), else the alt text.
// Without a base URL, image addresses are kept as written.
func bodyImages(box *html.Node, rs *urlnorm.Resolver) []article.Image {
	var out []article.Image
	seen := map[string]bool{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Img {
			src := dom.ImgSrc(n)
			if src == "" || tiny(n) {
				return
			}
			if rs.HasBase() {
				abs, err := rs.Resolve(src)
				if err != nil {
					return
				}
				src = abs
			}
			if seen[src] {
				return
			}
			seen[src] = true
			out = append(out, article.Image{URL: src, Caption: imgCaption(n)})
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(box)
	return out
}

// tiny reports a tracking pixel or spacer by its declared size.
func tiny(n *html.Node) bool {
	w, h := dom.Attr(n, "width"), dom.Attr(n, "height")
	return w == "1" || h == "1" || w == "0" || h == "0"
}

func imgCaption(img *html.Node) string {
	for p := img.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Figure {
			if fc := dom.FindElement(p, atom.Figcaption); fc != nil {
				if t := dom.BlockText(fc); t != "" {
					return t
				}
			}
			break
		}
	}
	if t := captionBelow(img); t != "" {
		return t
	}
	return dom.Collapse(dom.Attr(img, "alt"))
}

// captionBelow finds a short line directly after the image's own block,
// when that block holds nothing but the image.
func captionBelow(img *html.Node) string {
	blk := img
	for blk.Parent != nil && !dom.IsBlock(blk) {
		blk = blk.Parent
	}
	if dom.BlockText(blk) != "" {
		// Image and caption in one paragraph: <p><img><br>caption</p>.
		after := textAfter(img, blk)
		if n := utf8.RuneCountInString(after); n > 0 && n <= 80 {
			return after
		}
		return ""
	}
	next := blk.NextSibling
	for next != nil && (next.Type != html.ElementNode) {
		if next.Type == html.TextNode && strings.TrimSpace(next.Data) != "" {
			return ""
		}
		next = next.NextSibling
	}
	if next == nil || !dom.IsBlock(next) || dom.FindElement(next, atom.Img) != nil {
		return ""
	}
	t := dom.BlockText(next)
	n := utf8.RuneCountInString(t)
	if n == 0 || n > 100 {
		return ""
	}
	centred := strings.EqualFold(dom.Attr(next, "align"), "center") || strings.Contains(strings.ToLower(dom.Attr(next, "style")), "center") ||
		strings.Contains(strings.ToLower(dom.Attr(next, "class")), "center") || strings.Contains(strings.ToLower(dom.Attr(next, "class")), "caption")
	if centred || n <= 40 && !dom.EndsSentence(t) {
		return t
	}
	return ""
}

// textAfter is the text of blk that follows img in document order.
func textAfter(img, blk *html.Node) string {
	var b strings.Builder
	found := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n == img {
			found = true
			return
		}
		if found && n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(blk)
	return dom.Collapse(b.String())
}
