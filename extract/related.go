package extract

import (
	"fmt"
	"math"
	"newsarchive/extract/internal/body"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/article"
	"newsarchive/extract/internal/dom"
	"newsarchive/urlnorm"
)

var (
	// relatedHead is the heading of the article's own related-reading block.
	relatedHead = regexp.MustCompile(`(?i)^\s*(相关阅读|相關閱讀|相关文章|相關文章|相关新闻|相關新聞|相关报道|相關報道|相关资讯|相關資訊|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|related( articles| stories| reading| content| coverage| posts| news| links)?|read more|more on this (story|topic)|more about\b|you may also like|you might also like|also read|further reading|see also)`)
	// relatedHint is a class/id/aria hint of a related block.
	relatedHint = regexp.MustCompile(`(?i)related|relate[ds]?-|read-?more|more-on|also-like|xgyd|xgwz|xgxw|xgzx`)
	// notRelated are sidebars that look like related blocks: hot lists,
	// rankings, most-read.
	notRelated = regexp.MustCompile(`(?i)hot|rank|popular|most-?read|trending|排行|热门|熱門|热点|熱點|最新|推广|廣告|广告`)
	// itemDate finds a date (and time) shown in a related item.
	itemDate = regexp.MustCompile(`(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?`)
	// moreLink is a "see more" link text, not an item.
	moreLink = regexp.MustCompile(`(?i)^\s*(查看更多|更多|more|see more|view more|view all|see all|load more)\s*[+>»›]*\s*$`)
)

// findRelated returns the items of the page's own related-reading block,
// or those under sel when a site rule gives one.
func findRelated(doc *goquery.Document, rs *urlnorm.Resolver, sel, self string) []article.Related {
	if sel != "" {
		var items []article.Related
		seen := map[string]bool{self: true}
		doc.Find(sel).Each(func(_ int, s *goquery.Selection) {
			for _, n := range s.Nodes {
				items = append(items, relatedItems(n, rs, seen)...)
			}
		})
		return items
	}
	root := doc.Selection.Nodes[0]
	seen := map[string]bool{self: true}
	if block := relatedByHeading(root); block != nil {
		var items []article.Related
		for _, n := range block {
			items = append(items, relatedItems(n, rs, seen)...)
		}
		return items
	}
	if block := relatedByHint(root); block != nil {
		return relatedItems(block, rs, seen)
	}
	return nil
}

// relatedByHeading finds a short heading-like element whose text is a
// related-reading title and returns the nearest ancestor that holds links
// besides the heading's own.
func relatedByHeading(root *html.Node) []*html.Node {
	var found []*html.Node
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Nav, atom.Head:
				continue
			}
			if c.DataAtom != atom.A && !body.HasBlockChild(c) {
				// Longer text is no heading: stop reading it at 40 runes.
				t, ok := dom.BlockTextMax(c, 40, math.MaxInt)
				if n := utf8.RuneCountInString(t); ok && n > 0 && n <= 40 && relatedHead.MatchString(t) && !notRelated.MatchString(t) {
					if b := linkBlock(c); b != nil {
						found = b
						return true
					}
				}
				continue
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(root)
	return found
}

// linkBlock finds the items a heading introduces: the siblings that follow
// it (or follow its wrapper, climbing a few levels) up to the next heading,
// once they hold at least two links.
func linkBlock(h *html.Node) []*html.Node {
	c := h
	for level := 0; level < 4 && c != nil && c.DataAtom != atom.Body; level++ {
		var block []*html.Node
		k := 0
		for s := c.NextSibling; s != nil; s = s.NextSibling {
			if s.Type != html.ElementNode {
				continue
			}
			if body.IsHeading(s) && countLinks(s, nil) == 0 {
				break
			}
			block = append(block, s)
			k += countLinks(s, nil)
		}
		if k > 60 {
			return nil
		}
		if k >= 2 {
			return block
		}
		c = c.Parent
	}
	return nil
}

func countLinks(n, skip *html.Node) int {
	if n == skip {
		return 0
	}
	k := 0
	if n.Type == html.ElementNode && n.DataAtom == atom.A && dom.Attr(n, "href") != "" {
		k++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		k += countLinks(c, skip)
	}
	return k
}

// relatedByHint finds the first element with a related class/id/aria hint
// and 2–60 links.
func relatedByHint(root *html.Node) *html.Node {
	var found *html.Node
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Nav, atom.Head, atom.A:
				continue
			}
			// Without attributes the hint is " ", which mayHint rejects.
			if len(c.Attr) > 0 && mayHintAttrs(c) {
				hint := body.ClassID(c) + " " + strings.ToLower(dom.Attr(c, "aria-label"))
				if mayHint(hint) && relatedHint.MatchString(hint) && !notRelated.MatchString(hint) {
					if k := countLinks(c, nil); k >= 2 && k <= 60 {
						found = c
						return true
					}
				}
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(root)
	return found
}

// mayHint is a cheap filter before relatedHint: most class strings have
// none of its fragments.
func mayHint(h string) bool {
	return len(h) > 3 && (strings.Contains(h, "rel") || strings.Contains(h, "read") || strings.Contains(h, "more") ||
		strings.Contains(h, "like") || strings.Contains(h, "xg"))
}

// mayHintAttrs is false where mayHint of the element's hint is false,
// read from the attributes without building the hint: none of the
// class, id and aria-label values holds one of its fragments in any
// ASCII case (they hold no space, so none spans the joins). A value with
// a byte above ASCII is passed on: lower-casing may turn it into ASCII
// (the Kelvin sign into k). Most elements have no such fragment, and the
// hint cost a lower-cased copy and a join each (TestMayHintAttrs,
// FuzzMayHintAttrs).
func mayHintAttrs(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id", "aria-label":
			if hasHintFragment(a.Val) {
				return true
			}
		}
	}
	return false
}

// hasHintFragment: s holds a byte above ASCII, or one of mayHint's
// fragments in any ASCII case.
func hasHintFragment(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return true
		}
		rest := s[i:]
		switch c | 0x20 {
		case 'r':
			if hasPrefixFold(rest, "rel") || hasPrefixFold(rest, "read") {
				return true
			}
		case 'm':
			if hasPrefixFold(rest, "more") {
				return true
			}
		case 'l':
			if hasPrefixFold(rest, "like") {
				return true
			}
		case 'x':
			if hasPrefixFold(rest, "xg") {
				return true
			}
		}
	}
	return false
}

// hasPrefixFold: s opens with the lower-case ASCII word w in any case.
func hasPrefixFold(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if s[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}

// relatedItems turns a block into items: each link (by URL) is an item; its
// title is the link's text, else the item's heading or teaser text; its
// date is a date shown in the item.
func relatedItems(block *html.Node, rs *urlnorm.Resolver, seen map[string]bool) []article.Related {
	var links []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A && dom.Attr(n, "href") != "" {
			links = append(links, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(block)
	var out []article.Related
	idx := map[string]int{}
	for _, a := range links {
		href := strings.TrimSpace(dom.Attr(a, "href"))
		if strings.HasPrefix(href, "javascript:") || strings.HasPrefix(href, "#") {
			continue
		}
		u, err := rs.Resolve(href)
		if err != nil {
			continue
		}
		text := dom.BlockText(a)
		if moreLink.MatchString(text) || relatedHead.MatchString(text) && utf8.RuneCountInString(text) < 30 {
			continue
		}
		if i, ok := idx[u]; ok {
			// A second link to the same item (image, then title): keep the
			// longer title.
			if utf8.RuneCountInString(text) > utf8.RuneCountInString(out[i].Title) {
				out[i].Title = text
			}
			continue
		}
		if seen[u] {
			continue
		}
		item := itemOf(a, block)
		title := text
		if h := firstHeading(a); h != "" {
			title = h // a card: heading and teaser inside one link
		}
		if title == "" {
			title = dom.Collapse(dom.Attr(a, "title"))
		}
		if title == "" && item != nil {
			if h := firstHeading(item); h != "" {
				title = h
			} else {
				title = stripDate(dom.BlockText(item))
			}
		}
		r := article.Related{URL: u, Title: title}
		if item != nil {
			r.PublishedAt = itemPublished(item)
		}
		idx[u] = len(out)
		seen[u] = true
		out = append(out, r)
	}
	return out
}

// itemOf is the largest ancestor of a inside block that holds no link to
// another URL: the list item, card or row of that link.
func itemOf(a, block *html.Node) *html.Node {
	href := dom.Attr(a, "href")
	item := a
	for p := a.Parent; p != nil && p != block; p = p.Parent {
		other := false
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if other {
				return
			}
			if n.Type == html.ElementNode && n.DataAtom == atom.A && dom.Attr(n, "href") != href && dom.Attr(n, "href") != "" {
				other = true
				return
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(p)
		if other {
			break
		}
		item = p
	}
	return item
}

func firstHeading(n *html.Node) string {
	var out string
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && body.IsHeading(n) {
			out = dom.BlockText(n)
			return out != ""
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(n)
	return out
}

// itemPublished returns the item's date as ISO (wall time kept,
// nothing invented, as for every date): <time datetime> first, else a date in its text.
func itemPublished(item *html.Node) string {
	if t := dom.FindElement(item, atom.Time); t != nil {
		if v := strings.TrimSpace(dom.Attr(t, "datetime")); v != "" {
			return v
		}
	}
	return isoDate(dom.BlockText(item))
}

// isoDate formats the first date in s: 2025-04-30 17:34:22 becomes
// 2025-04-30T17:34:22, 2025年4月30日 becomes 2025-04-30.
func isoDate(s string) string {
	m := itemDate.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	out := fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
	if m[4] != "" {
		h, _ := strconv.Atoi(m[4])
		mi, _ := strconv.Atoi(m[5])
		if h > 23 || mi > 59 {
			return out
		}
		out += fmt.Sprintf("T%02d:%02d", h, mi)
		if m[6] != "" {
			sec, _ := strconv.Atoi(m[6])
			out += fmt.Sprintf(":%02d", sec)
		}
	}
	return out
}

func stripDate(s string) string {
	return dom.Collapse(itemDate.ReplaceAllString(s, " "))
}
