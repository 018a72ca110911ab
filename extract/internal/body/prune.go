package body

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
)

// prune removes low-quality children from the body container: link lists,
// empty boxes, forms, the title repeated as a heading, and boilerplate lines
// (label lines, date lines, ICP and copyright lines, related-reading and
// disclaimer blocks).
func prune(box *html.Node, s *scorer, title string) {
	normTitle := dom.Collapse(title)
	total := 0
	for c := box.FirstChild; c != nil; c = c.NextSibling {
		total += s.get(c).text
	}
	// The tail rules ask again and again, from each level of the walk,
	// whether the paragraphs below and after it are prose: each verdict
	// is remembered. The walk only ever changes what it has passed, and
	// the rules only look ahead, so a verdict holds until the walk ends.
	if memoParas {
		s.paras = map[*html.Node]bool{}
		defer func() { s.paras = nil }()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for _, c := range tailTeasers(n, s, box, total) {
			n.RemoveChild(c)
		}
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				if pruneNode(c, s, box, normTitle, total) {
					n.RemoveChild(c)
				} else {
					walk(c)
				}
			}
			c = next
		}
	}
	walk(box)
	s.paras = nil // pruneBoilerplate changes the tree anywhere
	pruneBoilerplate(box, s, normTitle)
}

// memoParas is false only in the test that checks the remembered verdicts
// against verdicts reached afresh.
var memoParas = true

// pruneNode decides on one element of the body, before its children.
func pruneNode(n *html.Node, s *scorer, box *html.Node, title string, total int) bool {
	switch n.DataAtom {
	case atom.H1:
		// The title is a field of its own; an <h1> that follows a
		// paragraph of the text is a subheading some editors mark so.
		return isTitle(dom.BlockText(n), title) || !afterProse(n, s)
	case atom.Header:
		// Kept through scoring (its links mark teaser cards), dropped
		// here unless it holds real prose.
		return s.get(n).good < bigProse
	case atom.Form, atom.Fieldset:
		return s.linkDensity(n) > 0.3 || s.get(n).text < 200
	case atom.H2, atom.H3:
		if title != "" && dom.Collapse(dom.BlockText(n)) == title {
			return true
		}
	case atom.Span:
		return hoverCard(n)
	}
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Ul, atom.Ol, atom.Table, atom.Header, atom.Dl:
	default:
		if n.DataAtom == 0 && strings.Contains(n.Data, "-") {
			break
		}
		return false
	}
	st := s.get(n)
	if st.text < bigProse && authorBox(n) || tailBio(n, s, st, total) {
		return true
	}
	weight := s.wc.weight(n)
	if n.DataAtom == atom.Table && isDataTable(n) {
		return s.linkDensity(n) > 0.5
	}
	if teaserList(n, s) || pictureLinks(n, st) {
		return true
	}
	if st.punct >= 10 {
		return false
	}
	ld := s.linkDensity(n)
	isList := n.DataAtom == atom.Ul || n.DataAtom == atom.Ol
	if isList && plainItems(n, s) {
		// Some items link nowhere: a checklist or a list of points
		// with a few links, not a menu or teaser list (which link
		// every item).
		return false
	}
	if isList && s.host != "" && offSite(n, s.host) && proseBefore(n, s) && proseFollows(n, s, box) {
		// A list of links to other sites between two paragraphs of the
		// text (the sources, tools or products it names) is the
		// article's: teaser and section lists link the site's own
		// pages, and a list at the tail may be a blogroll.
		return false
	}
	if (isList || listBox(n)) && introducedList(n, s) {
		// A list of links the article announces ("The tools we
		// tested:") is its text: kept, its items judged line by line.
		return false
	}
	lis := st.lis
	if !isList && ld > 0.3 && proseFollows(n, s, box) {
		// Links in the lists the article announces are its text: a
		// section made of such lists, inside the article's flow, is
		// not a link list. (At the tail, "Check out these guides:"
		// opens a teaser list as often as not.)
		if al, alis := announcedLinks(n, s); al > 0 {
			ld, lis = float64(st.link-al)/float64(st.text), lis-alis
		}
	}
	switch {
	case st.text == 0 && st.imgs == 0:
		return true
	case !isList && lis > st.paras+2 && ld > 0.3:
		return true
	case weight < 25 && ld > ldLo && st.text < 400*dom.CJKWeight:
		return ld > ldHi || st.punct < 2
	case weight >= 25 && ld > 0.5:
		return true
	}
	return false
}

// hoverCard reports a card that pops up over a name in a paragraph: an
// inline element inside a <p> holding a picture and three or more links
// and little text besides (the person's photo, name and latest stories).
// Hidden until the pointer rests on the name, it is not read with the
// sentence.
func hoverCard(n *html.Node) bool {
	inPara := false
	for p, i := n.Parent, 0; p != nil && i < 8; p, i = p.Parent, i+1 {
		if p.DataAtom == atom.P {
			inPara = true
			break
		}
	}
	if !inPara {
		return false
	}
	if !cardLike(n) {
		return false
	}
	// The innermost such element is the card: its parent may hold the
	// name the card pops up over, which the sentence needs.
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom != atom.A && cardLike(c) {
			return false
		}
	}
	return true
}

// cardLike reports an element holding a picture and three or more links
// and little text besides.
func cardLike(n *html.Node) bool {
	if dom.FindElement(n, atom.Img) == nil {
		return false
	}
	links, linkText := 0, 0
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			links++
			l, _ := dom.Measure(dom.BlockText(c))
			linkText += l
			return
		}
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			walk(d)
		}
	}
	walk(n)
	total, _ := dom.Measure(dom.BlockText(n))
	return links >= 3 && linkText*10 >= total*9
}

// authorHint names a box about the writer: a bio, an author card, a
// contributor or "written by" box (saboxplugin: a common author-box
// plugin).
var authorHint = newAltMatcher(`author|\bbio\b|biography|contributor|written-?by|saboxplugin`)

// authorBox reports whether n's class or id names a box about the author
// (a bio and a photo under or beside the text). The article says who wrote
// it in its byline; the bio is page furniture. A class that also names
// the content ("author-content", "entry") may wrap the article.
func authorBox(n *html.Node) bool {
	ci := ClassID(n)
	if ci == "" || !authorHint.MatchString(ci) || maybe.MatchString(ci) {
		return false
	}
	for f := range strings.FieldsSeq(ci) {
		if strings.HasPrefix(f, "has-") || strings.HasPrefix(f, "no-") || strings.HasPrefix(f, "is-") || strings.Contains(f, "with-") {
			continue
		}
		if authorHint.MatchString(f) {
			return true
		}
	}
	return false
}

// afterProse reports whether the element before n is a paragraph of
// prose (not a link, not a stamp).
func afterProse(n *html.Node, s *scorer) bool {
	p := n.PrevSibling
	for p != nil && (p.Type != html.ElementNode || p.DataAtom == atom.Img || p.DataAtom == atom.Br) {
		if p.Type == html.TextNode && strings.TrimSpace(p.Data) != "" {
			return false
		}
		p = p.PrevSibling
	}
	if p == nil || p.DataAtom != atom.P {
		return false
	}
	st := s.get(p)
	return st.good >= 2*minPara && st.punct >= 1 && st.link*4 < st.text
}

// pictureLinks reports a gallery of links to other pages: three or more
// linked pictures whose link leads to a page rather than to a larger copy
// of the picture, with only short labels and no sentence between them.
func pictureLinks(n *html.Node, st *stat) bool {
	if st.punct > 0 || st.imgs < 3 {
		return false
	}
	k := 0
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			if dom.FindElement(c, atom.Img) != nil && !imageFile.MatchString(dom.Attr(c, "href")) {
				k++
			}
			return
		}
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			walk(d)
		}
	}
	walk(n)
	return k >= 3 && st.text <= k*12*dom.CJKWeight
}

// imageFile matches the address of a picture.
var imageFile = regexp.MustCompile(`(?i)\.(jpe?g|png|gif|webp|avif|bmp|tiff?)(\?|#|$)`)

// teaserList reports a feed of story teasers: at least four children, most
// of them a short card with one titled link plus a line of text of its own
// (an excerpt, a date). Such feeds follow articles ("more stories") and
// pass the link-density test because the excerpts are not links.
func teaserList(n *html.Node, s *scorer) bool {
	kids, teasers := 0, 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		kids++
		if IsTeaser(c, s) {
			teasers++
		}
	}
	return kids >= 4 && teasers*10 >= kids*7
}

// isTeaser reports a story card: short, one titled link, some text of its
// own besides.
func IsTeaser(c *html.Node, s *scorer) bool {
	st := s.get(c)
	if st.text == 0 || st.text > 900 || st.link < 15 || st.link*10 > st.text*9 {
		return false
	}
	return titleLinks(c) == 1
}

// titleLinks counts the distinct targets of links in n whose text is a
// title (15 or more characters standing on their own block) and that lead
// to another page: a "#" link opens a FAQ's answer or jumps in the page.
func titleLinks(n *html.Node) int {
	hrefs := map[string]bool{}
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			if l, _ := dom.Measure(dom.BlockText(c)); l >= 15 && !inPage(dom.Attr(c, "href")) && standsAlone(c) {
				hrefs[dom.Attr(c, "href")] = true
			}
			return
		}
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			walk(d)
		}
	}
	walk(n)
	return len(hrefs)
}

// standsAlone reports whether link a is the whole text of its block (a
// title), not a few words inside a sentence.
func standsAlone(a *html.Node) bool {
	if HasBlockChild(a) {
		return true
	}
	b := a.Parent
	for b != nil && !dom.IsBlock(b) {
		b = b.Parent
	}
	if b == nil {
		return false
	}
	if lineEdge(a.PrevSibling, true) && lineEdge(a.NextSibling, false) && (blockNeighbour(a.PrevSibling, true) || blockNeighbour(a.NextSibling, false)) {
		// A line of its own among the card's blocks: the card's title
		// above its picture and excerpt.
		return true
	}
	lt, _ := dom.Measure(dom.BlockText(a))
	bt, _ := dom.Measure(dom.BlockText(b))
	return lt*10 >= bt*8
}

func inFigure(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p.DataAtom == atom.Figure {
			return true
		}
	}
	return false
}

// headerRow reports whether table t opens with a row of column headers:
// a <thead>, or a first row of two or more <th> cells and nothing else.
func headerRow(t *html.Node) bool {
	var first *html.Node
	var find func(*html.Node) bool
	find = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Thead:
				return true
			case atom.Table:
				continue // a nested table has its own rows
			case atom.Tr:
				first = c
				return false
			}
			if find(c) || first != nil {
				return first == nil
			}
		}
		return false
	}
	if find(t) {
		return true
	}
	if first == nil {
		return false
	}
	th := 0
	for c := first.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.DataAtom == atom.Th:
			th++
		case c.Type == html.ElementNode:
			return false
		}
	}
	return th >= 2
}

// isDataTable reports whether t is a table of data (headers, a caption, or
// several rows and columns) rather than a layout grid.
func isDataTable(t *html.Node) bool {
	if dom.FindElement(t, atom.Th) != nil || dom.FindElement(t, atom.Caption) != nil || dom.FindElement(t, atom.Table) == nil && dom.Attr(t, "summary") != "" {
		return true
	}
	rows, cols := 0, 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom == atom.Table {
				continue
			}
			if c.DataAtom == atom.Tr {
				rows++
				k := 0
				for d := c.FirstChild; d != nil; d = d.NextSibling {
					if d.DataAtom == atom.Td {
						k++
					}
				}
				cols = max(cols, k)
				continue
			}
			walk(c)
		}
	}
	walk(t)
	return rows >= 3 && cols >= 2 && dom.FindElement(t, atom.Table) == t
}

// ldLo and ldHi bound the link density of a block without a content
// hint: above ldHi it goes; between them it goes when it has no sentences.
// Measured on the dev sets: lower bounds cut link-rich article sections
// (patch lists, resource lists) that the labels keep.
const ldLo, ldHi = 0.4, 0.6

// plainItems reports a list of three or more items of which at least two,
// and a third, hold text but no link.
func plainItems(n *html.Node, s *scorer) bool {
	items, plain := 0, 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Li {
			continue
		}
		items++
		if st := s.get(c); st.text > 0 && st.link == 0 {
			plain++
		}
	}
	return items >= 3 && plain >= 2 && plain*3 >= items
}
