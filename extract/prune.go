package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// prune removes low-quality children from the body container: link lists,
// empty boxes, forms, the title repeated as a heading, and boilerplate lines
// (label lines, date lines, ICP and copyright lines, related-reading and
// disclaimer blocks).
func prune(box *html.Node, s *scorer, title string) {
	normTitle := collapse(title)
	total := 0
	for c := box.FirstChild; c != nil; c = c.NextSibling {
		total += s.get(c).text
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				if pruneNode(c, s, normTitle, total) {
					n.RemoveChild(c)
				} else {
					walk(c)
				}
			}
			c = next
		}
	}
	walk(box)
	pruneBoilerplate(box, s, normTitle)
}

// pruneNode decides on one element of the body, before its children.
func pruneNode(n *html.Node, s *scorer, title string, total int) bool {
	switch n.DataAtom {
	case atom.H1:
		// The title is a field of its own; an <h1> that follows a
		// paragraph of the text is a subheading some editors mark so.
		return isTitle(nodeText(n), title) || !afterProse(n, s)
	case atom.Header:
		// Kept through scoring (its links mark teaser cards), dropped
		// here unless it holds real prose.
		return s.get(n).good < bigProse
	case atom.Form, atom.Fieldset:
		return s.linkDensity(n) > 0.3 || s.get(n).text < 200
	case atom.H2, atom.H3:
		if title != "" && collapse(nodeText(n)) == title {
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
	if st.text < bigProse && authorBox(n) {
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
	switch {
	case st.text == 0 && st.imgs == 0:
		return true
	case !isList && st.lis > st.paras+2 && ld > 0.3:
		return true
	case weight < 25 && ld > ldLo && st.text < 400*cjkWeight:
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
	if findElement(n, atom.Img) == nil {
		return false
	}
	links, linkText := 0, 0
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			links++
			l, _ := measure(nodeText(c))
			linkText += l
			return
		}
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			walk(d)
		}
	}
	walk(n)
	total, _ := measure(nodeText(n))
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
	ci := classID(n)
	if ci == "" || !authorHint.MatchString(ci) || maybe.MatchString(ci) {
		return false
	}
	for _, f := range strings.Fields(ci) {
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
			if findElement(c, atom.Img) != nil && !imageFile.MatchString(attr(c, "href")) {
				k++
			}
			return
		}
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			walk(d)
		}
	}
	walk(n)
	return k >= 3 && st.text <= k*12*cjkWeight
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
		if isTeaser(c, s) {
			teasers++
		}
	}
	return kids >= 4 && teasers*10 >= kids*7
}

// isTeaser reports a story card: short, one titled link, some text of its
// own besides.
func isTeaser(c *html.Node, s *scorer) bool {
	st := s.get(c)
	if st.text == 0 || st.text > 900 || st.link < 15 || st.link*10 > st.text*9 {
		return false
	}
	return titleLinks(c) == 1
}

// titleLinks counts the distinct targets of links in n whose text is a
// title (15 or more characters standing on their own block).
func titleLinks(n *html.Node) int {
	hrefs := map[string]bool{}
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && c.DataAtom == atom.A {
			if l, _ := measure(nodeText(c)); l >= 15 && standsAlone(c) {
				hrefs[attr(c, "href")] = true
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
	if hasBlockChild(a) {
		return true
	}
	b := a.Parent
	for b != nil && !isBlock(b) {
		b = b.Parent
	}
	if b == nil {
		return false
	}
	lt, _ := measure(nodeText(a))
	bt, _ := measure(nodeText(b))
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
	if findElement(t, atom.Th) != nil || findElement(t, atom.Caption) != nil || findElement(t, atom.Table) == nil && attr(t, "summary") != "" {
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
	return rows >= 3 && cols >= 2 && findElement(t, atom.Table) == t
}

var (
	// labelLine is a metadata line shown above or below the article:
	// 来源/作者/编辑/点击量/发布时间 and their traditional forms.
	labelLine = prefiltered(regexp.MustCompile(`^[\s【\[(（]*(来源|來源|作者|记者|記者|编辑|編輯|责任编辑|責任編輯|责编|責編|编审|審核|审核|校对|點擊量|点击量|點擊數|点击数|点击|點擊|浏览量|瀏覽量|浏览次数|阅读量|閱讀量|阅读数|發佈時間|发布时间|發布時間|发表时间|發表時間|发布日期|發布日期|更新时间|更新時間|稿源|文章来源|文章來源|字号|字號|当前位置|當前位置|您的位置|你的位置|您现在的位置|您現在的位置|所在位置)\s*[:：]`), func(s string) bool {
		// It ends in a colon.
		return strings.Contains(s, ":") || strings.Contains(s, "：")
	})
	// icpLine is a Chinese site licence or police registration number.
	icpLine = prefiltered(regexp.MustCompile(`ICP[备證证许]|ICP\s*\d|公网安备|公網安備|网安备|增值电信业务`), func(s string) bool {
		return strings.Contains(s, "ICP") || strings.Contains(s, "安备") || strings.Contains(s, "安備") || strings.Contains(s, "增值电信业务")
	})
	// copyLine is a copyright notice.
	copyLine = regexp.MustCompile(`(?i)^\s*(©|\(c\)|copyright\b|版权所有|版權所有|all rights reserved)`)
	// attachBox is an attachments box title (often left empty).
	attachBox = regexp.MustCompile(`^\s*(相关资料下载|相關資料下載|附件下载|附件下載|相关附件|相關附件)\s*[:：]?\s*$`)
	// blockHead is the heading of a block that follows the article and is
	// not part of it: related reading, disclaimers, comments, newsletters.
	blockHead = regexp.MustCompile(`(?i)^\s*(相关阅读|相關閱讀|相关文章|相關文章|相关新闻|相關新聞|相关报道|相關報道|相关链接|相關鏈接|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|热门推荐|熱門推薦|热点推荐|猜你喜欢|猜你喜歡|为你推荐|為你推薦|更多阅读|版权与免责声明|版權與免責聲明|免责声明|免責聲明|版权声明|版權聲明|网友评论|網友評論|发表评论|發表評論|related\b|read more\b|more on this story|tags\s*:?\s*$|more (\S+ ){0,3}stories\s*$|you may also like|you might also like|recommended( for you| reading| stories)?\s*$|more from\b|most (popular|read)|also read\b|see also\b|further reading|comments?\s*(\(\d+\))?\s*$|leave a (comment|reply)|tell us what you think\W*$|tell us how we can improve( this (post|article|page|story))?\W*$|have your say\W*$|join the discussion\W*$|share this( article| story| post| page)?( with (others|friends))?( on)?\s*:?\s*$|sign up for|subscribe to|about the (author|writer)s?\s*:?\s*$)`)
	// dateOnly matches a line that is a date and time and little else.
	dateOnly = regexp.MustCompile(`^[\s\p{P}]*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?)[\sT]*(\d{1,2}\s*[:：时]\s*\d{1,2}(\s*[:：分]\s*\d{1,2}\s*秒?)?)?`)
)

// pruneBoilerplate removes short lines and blocks that are boilerplate by
// their text, not their markup.
func pruneBoilerplate(box *html.Node, s *scorer, title string) {
	var lines []*html.Node
	// Cells of a table with a header row are data, not lines: a date or
	// a figure in a column is no dateline or stamp. They still count as
	// the body's edge. (A layout table, or a record of label and value
	// rows, is read line by line.)
	var cells map[*html.Node]bool
	var collect func(*html.Node, bool)
	collect = func(n *html.Node, data bool) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Table && !data && headerRow(c) {
				collect(c, true)
				continue
			}
			if isBlock(c) && !hasBlockChild(c) || isHeading(c) || looseLine(c) && s != nil && !isTeaser(n, s) {
				lines = append(lines, c)
				if data {
					if cells == nil {
						cells = map[*html.Node]bool{}
					}
					cells[c] = true
				}
				continue
			}
			collect(c, data)
		}
	}
	collect(box, false)
	// Lines at the edges of the body (first and last few with text) are
	// where bylines, datelines and "updated" stamps sit.
	edge := map[*html.Node]bool{}
	for i, k := 0, 0; i < len(lines) && k < 5; i++ {
		if nodeText(lines[i]) != "" {
			edge[lines[i]] = true
			k++
		}
	}
	// The tail is the lines after the last paragraph of prose, where
	// the source and editor are credited.
	tail := map[*html.Node]bool{}
	for i, k := len(lines)-1, 0; i >= 0 && k < 3; i-- {
		t := nodeText(lines[i])
		if t == "" || utf8.RuneCountInString(t) < 200 && (copyNotice.MatchString(t) || icpLine.MatchString(t) || copyLine.MatchString(t)) {
			// A copyright notice under the credits is no prose.
			continue
		}
		if _, p := measure(t); p > 0 && utf8.RuneCountInString(t) >= 40 || endsSentence(t) {
			break
		}
		tail[lines[i]] = true
		k++
	}
	for i, k := len(lines)-1, 0; i >= 0 && k < 3; i-- {
		if nodeText(lines[i]) != "" {
			edge[lines[i]] = true
			k++
		}
	}
	signed := signedDate(lines)
	for _, l := range lines {
		if l.Parent == nil || !hasAncestor(l, box) {
			continue // removed with an earlier block
		}
		t := nodeText(l)
		n := utf8.RuneCountInString(t)
		if cells[l] {
			// Of the line rules only the link rule holds in a table:
			// a cell that is a button or a link out is not data.
			if s != nil && n > 0 && n < 60 && linkedLine(l, s) {
				removeNode(l)
			}
			continue
		}
		if n == 0 {
			if findElement(l, atom.Img) == nil {
				removeNode(l)
			}
			continue
		}
		if n > 40 && l.Parent != nil {
			// A notice written as one paragraph broken by <br>: its first
			// line is the heading.
			if h := firstSegment(l); h != "" && utf8.RuneCountInString(h) < 40 && (blockHead.MatchString(h) || noticeHead.MatchString(h)) {
				removeNode(l)
				continue
			}
		}
		if n > 300 {
			continue
		}
		// The English phrase rules below need Latin letters: a line
		// without any (a Chinese one) skips them all at once.
		latin := hasLatinLetter(t)
		switch {
		case n < 40 && (blockHead.MatchString(t) || noticeHead.MatchString(t)):
			removeBlock(l, box)
		case icpLine.MatchString(t), copyLine.MatchString(t) && n < 200, attachBox.MatchString(t):
			removeNode(l)
		case tail[l] && n < 40 && creditLine.MatchString(t):
			// The source and editor credited under the text are part of it.
		case n < 120 && labelLine.MatchString(t) && !strings.ContainsAny(t, "。？！?"):
			// "记者：请问……？" opens a question in an interview: kept.
			removeNode(l)
		case latin && n < 160 && stockLine.MatchString(t):
			removeNode(l)
		case latin && n < 300 && cookieLine.MatchString(t):
			removeNode(l)
		case latin && n < 200 && subscribeLine.MatchString(t):
			removeNode(l)
		case latin && n < 200 && contactLine.MatchString(t) && contactAddr.MatchString(t):
			removeNode(l)
		case latin && n < 300 && enjoyedPlea.MatchString(t):
			removeNode(l)
		case latin && n < 160 && onSiteLine.MatchString(t) && !endsSentence(t):
			removeNode(l)
		case latin && n < 200 && tagLine.MatchString(t):
			removeNode(l)
		case latin && n < 80 && bylineLabel.MatchString(t):
			removeNode(l)
		case latin && n < 40 && readingTime.MatchString(t):
			removeNode(l)
		case latin && n < 200 && widgetLine.MatchString(t):
			removeNode(l)
		case latin && n < 250 && joinPlea.MatchString(t):
			removeNode(l)
		case latin && n < 300 && affiliateNote.MatchString(t):
			removeNode(l)
		case latin && n < 60 && updatedStamp.MatchString(t) && (stamp.MatchString(t) || agoStamp.MatchString(t)):
			removeNode(l)
		case n < 80 && (copyNotice.MatchString(t) || n < 40 && toolLine.MatchString(t) || urlLine.MatchString(t)), n < 120 && disclaimerLine.MatchString(t):
			removeNode(l)
		case edge[l] && n < 60 && (strings.HasPrefix(t, "——") || strings.HasPrefix(t, "--")):
			removeNode(l) // the subtitle under a title line
		case l == signed:
			// The date under the signer of a letter or notice is part of it.
		case n < 60 && isDateLine(t):
			removeNode(l)
		case n < 80 && pagerLine.MatchString(t):
			removeNode(l)
		case n < 80 && (photoCredit.MatchString(t) || latin && imageCredit.MatchString(t) && !strings.Contains(t, "http")):
			removeNode(l) // a caption: captions go to images[]
		case latin && creditedCaption.MatchString(t):
			removeNode(l) // a caption signed by its credit
		case edge[l] && n < 50 && siteLine.MatchString(t):
			removeNode(l)
		case title != "" && edge[l] && isTitle(t, title):
			removeNode(l)
		case edge[l] && n < 40 && (reporterLine.MatchString(t) && !strings.ContainsAny(t, "。？！?：:") || columnTag.MatchString(t)):
			removeNode(l)
		case edge[l] && n < 100 && stampLine(t):
			removeNode(l)
		case s != nil && l.DataAtom != atom.Li && !isHeading(l) && linkedLine(l, s) && (n < 60 || n < 160 && teaserLine(t)):
			removeNode(l)
		case n < 80 && hasPrefixFold(t, "related:", "read more:", "also read:", "read also:", "see also:", "相关阅读：", "相关阅读:", "延伸阅读："):
			removeNode(l)
		case latin && n < 160 && relatedPrefix.MatchString(t):
			removeNode(l)
		}
	}
}

// looseLine reports an inline element that stands as a line of its own
// among blocks: a <span> holding a date or a counter between a heading and
// a figure. Nothing but blocks, <br> or white space is next to it. (The
// caller leaves alone the date of a story card in a listing: it is the
// listing's evidence, see findListing.)
func looseLine(c *html.Node) bool {
	if isBlock(c) || c.DataAtom == atom.Br || c.DataAtom == atom.Img || hasBlockChild(c) {
		return false
	}
	return lineEdge(c.PrevSibling, true) && lineEdge(c.NextSibling, false) && (blockNeighbour(c.PrevSibling, true) || blockNeighbour(c.NextSibling, false))
}

// lineEdge reports whether walking from s (backwards when back) meets a
// block, a <br> or the end of the parent before any text or inline element.
func lineEdge(s *html.Node, back bool) bool {
	for ; s != nil; s = step(s, back) {
		switch s.Type {
		case html.TextNode:
			if strings.TrimSpace(s.Data) != "" {
				return false
			}
		case html.ElementNode:
			return isBlock(s) || s.DataAtom == atom.Br
		}
	}
	return true
}

// blockNeighbour reports whether the first element met from s is a block:
// the parent mixes blocks and inline elements.
func blockNeighbour(s *html.Node, back bool) bool {
	for ; s != nil; s = step(s, back) {
		if s.Type == html.ElementNode {
			return isBlock(s)
		}
	}
	return false
}

func step(s *html.Node, back bool) *html.Node {
	if back {
		return s.PrevSibling
	}
	return s.NextSibling
}

var (
	// noticeHead is a short heading that ends in "statement"/"notice":
	// 著作权声明, 版權聲明, 反侵权公告 introduce legal boilerplate.
	noticeHead = prefiltered(regexp.MustCompile(`^\s*\S{0,12}(声明|聲明|公告|须知|須知)\s*[:：]?\s*$`), func(s string) bool {
		for _, w := range [...]string{"声明", "聲明", "公告", "须知", "須知"} {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	})
	// pagerLine is a page switcher: 上一页/下一页, 第1页/共3页, prev/next.
	pagerLine = prefiltered(regexp.MustCompile(`(?i)上一页|下一页|上一頁|下一頁|上一篇|下一篇|第\s*\d+\s*页\s*/\s*共|^\s*(«|<)?\s*(previous|prev)\b.*\b(next)\b`), func(s string) bool {
		return strings.Contains(s, "上一") || strings.Contains(s, "下一") || strings.Contains(s, "第") || asciiFoldContains(s, "prev")
	})
	// creditLine credits the source or the editor of the text: 来源：某报,
	// (责编：某某), 责任编辑：某某.
	creditLine = regexp.MustCompile(`^[\s【\[(（]*(信息来源|来源|來源|编辑|編輯|责任编辑|責任編輯|责编|責編)\s*[:：]`)
	// imageCredit credits a picture in English: "Photo: Jane Roe", "Image
	// by Jane Roe", "Credit: Example Agency", "Jane Roe/Example Times/Getty
	// Images".
	imageCredit = prefiltered(regexp.MustCompile(`(?i)^\s*(photo(graph)?|image|picture|credit)s?( by|:)\s*\S|^\s*getty images\b|/ ?(getty images|ap photo|afp|reuters|shutterstock)\)?\s*$`), func(s string) bool {
		return strings.IndexByte(s, '/') >= 0 || strings.IndexByte(s, ':') >= 0 || asciiFoldContains(s, " by") || asciiFoldContains(s, "getty")
	})
	// creditedCaption is a picture's caption that ends with its credit in
	// brackets: "The pier at dawn. (credit: Jane Roe)", "… (Picture credit:
	// Example Agency)".
	creditedCaption = prefiltered(regexp.MustCompile(`(?i)\(((photo|image|picture)\s*)?credits?\s*:[^)]{1,60}\)\s*$`), func(s string) bool {
		return asciiFoldContains(s, "credit")
	})
	// reporterLine names the reporters: 本报记者 张三, 新华社记者 李四.
	reporterLine = regexp.MustCompile(`记者|記者|通讯员|通訊員|特约撰稿|特約撰稿|实习生|實習生`)
	// photoCredit ends a picture's caption with its photographer: "张三/摄",
	// "记者 张三 摄", "（李四 摄）". 拍摄 in a sentence has no space or slash.
	photoCredit = prefiltered(regexp.MustCompile(`(\s|/|／)(摄|攝)\s*$|[（(][^（）()]{1,16}(\s|/|／)(摄|攝)[）)]\s*$`), func(s string) bool {
		return strings.Contains(s, "摄") || strings.Contains(s, "攝")
	})
	// siteLine is a site's name and address alone on a line: 某某市政府门户网站
	// www.example.gov.cn, 某某网：example.com.
	siteLine = regexp.MustCompile(`(?i)^[^\s。，！？]{1,24}(网|網|网站|網站|在线|在線|频道|頻道)\s*[:：]?\s*(https?://)?([a-z0-9-]+\.)+[a-z]{2,}/?\s*$`)
	// columnTag is a column label in lenticular brackets alone on a line.
	columnTag = regexp.MustCompile(`^\s*【[^】]{1,20}】\s*$`)
)

// isTitle reports whether line t is the article's title (maybe with a
// short suffix such as "(图)").
func isTitle(t, title string) bool {
	t = collapse(t)
	if t == title {
		return true
	}
	nt, nl := utf8.RuneCountInString(t), utf8.RuneCountInString(title)
	// The line may add "(图)", or the <title> may add the site's name.
	return strings.HasPrefix(t, title) && nt-nl <= 5 || strings.HasPrefix(title, t) && nt >= 8 && nt*2 >= nl
}

var (
	// stockLine is a stock phrase of page furniture in English: ad labels,
	// contents boxes, affiliate and newsletter notices, pleas to follow
	// the site or share the story, a slideshow's
	// counter ("Image 2 of 5") and its no-script notice.
	stockLine = prefiltered(regexp.MustCompile(`(?i)^\s*(advertisement|advertising|advert|sponsored( content)?|(image|photo|picture|slide) \d+ ?(of|/)( /)? ?\d+|this slideshow requires javascript\.?|table of contents|contents|in this article|jump to:?|about the author|share this( article| story| post)?:?|follow us( on)?.*|follow \S+( \S+)? on|follow (\S+ ){1,6}on (twitter|facebook|instagram|youtube|tiktok|x|telegram|linkedin|threads)\b.*|sharing is caring!?|(like this (story|article|post)\?\s*)?share it( with (a|your) friends?)?!?|this (post|article|page) (may )?contains? affiliate links.*|.*affiliate links?\..*disclosure.*|sign up for our .*newsletter.*|subscribe to our .*newsletter.*|get the latest .* in your inbox.*)\s*$`), func(s string) bool {
		// Each form but ".*affiliate…" starts, after the white space (\s),
		// with one of stockFirst's words. A word with other than ASCII
		// letters may be one (?i) reads so (ſ for s, K for k): it passes.
		i := 0
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
			i++
		}
		j := i
		var w [16]byte
		for j < len(s) && j-i < len(w) {
			c := s[j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c >= 0x80 {
				return true
			}
			if c < 'a' || c > 'z' {
				break
			}
			w[j-i] = c
			j++
		}
		return stockFirst[string(w[:j-i])] || asciiFoldContains(s, "affiliate")
	})
	// stockFirst are the first words of stockLine's forms.
	stockFirst = map[string]bool{
		"advertisement": true, "advertising": true, "advert": true, "sponsored": true,
		"image": true, "photo": true, "picture": true, "slide": true, "this": true,
		"table": true, "contents": true, "in": true, "jump": true, "about": true,
		"share": true, "follow": true, "sharing": true, "like": true, "sign": true,
		"subscribe": true, "get": true,
	}
	// cookieLine is a cookie-consent banner left in the page: "This
	// website uses cookies to …", "By continuing to use this site you
	// agree to our use of cookies".
	cookieLine = prefiltered(regexp.MustCompile(`(?i)^\s*((this (web)?site|this page|we|our (web)?site)( also)? uses? cookies\b|the cookie settings on this (web)?site\b|by (continuing to (use|browse)|using) (this|our) (web)?site,? you (agree|consent|accept)\b.{0,40}\bcookies)`), func(s string) bool {
		return asciiFoldContains(s, "coo")
	})
	// subscribeLine is a subscription plea or button: "Subscribe", "Sign
	// up for our newsletter", "Thanks for reading! Subscribe for free to
	// receive new posts".
	subscribeLine = prefiltered(regexp.MustCompile(`(?i)^\s*(subscribe|sign ?up)( now| today| here| for (free|updates))?[.!]?\s*$|^\s*(click here to )?subscribe to (our|the|\w+\W?s) .{0,60}\b(newsletters?|youtube channel)\b|\bsubscribe for free to receive new posts\b|\bsign up for (our|the|a) (free )?(\S+ ){0,4}newsletters?\b|\bsubscribe to (our|the) .{0,40}newsletters?\b`), func(s string) bool {
		return asciiFoldContains(s, "cribe") || asciiFoldContains(s, "ign")
	})
	// joinPlea asks readers to join the site's newsletter, forum or club,
	// or to turn on its notifications: "Join our newsletter", "Become a
	// Member", "Get the daily newsletter …".
	joinPlea = prefiltered(regexp.MustCompile(`(?i)^\s*(join (our|the) ([\w’'-]+ ){0,3}(newsletter|mailing list|community|forums?|club|conversation)\b|become a (member|subscriber|patron|supporter)\b|get the ([\w’'-]+ ){0,3}newsletter\b)|turn on (push |browser )?notifications`), func(s string) bool {
		return asciiFoldContains(s, "join") || asciiFoldContains(s, "become") || asciiFoldContains(s, "letter") || asciiFoldContains(s, "notification")
	})
	// affiliateNote discloses affiliate links: "This post may contain
	// affiliate and/or referral links.", "Example may earn an affiliate
	// commission if you buy …", "Some of the links in this article are
	// affiliate ones."
	affiliateNote = prefiltered(regexp.MustCompile(`(?i)^(disclosure:\s*|note:\s*)?(this|the|our|some) (post|article|page|story|blog|posts)s? (may )?(contains?|includes?|uses?) (some )?affiliate\b|^[\w.’'-]+( [\w.’'-]+)? may earn an? (small )?(affiliate )?commission\b|^some of the links (in|on) this (post|article|page) are affiliate`), func(s string) bool {
		return asciiFoldContains(s, "affiliate") || asciiFoldContains(s, "commi")
	})
	// updatedStamp is a publication or update stamp anywhere in the body:
	// "Updated at 1:23 p.m.", "Last updated on November 24, 2025",
	// "Published 6 hours ago". It needs a date with its day, a clock time
	// (see stamp) or a time ago: "Last Updated: June 2022" may be the
	// text's own note.
	updatedStamp = prefiltered(regexp.MustCompile(`(?i)^\s*(last )?(updated|published|posted)( on| at)?\s*:?\s*.{0,30}\b\d{1,2}\b.{0,30}$`), func(s string) bool {
		return asciiFoldContains(s, "ted") || asciiFoldContains(s, "hed")
	})
	// agoStamp is a time ago: "6 hours ago".
	agoStamp = regexp.MustCompile(`(?i)\b\d+ (minutes?|hours?|days?|weeks?|months?) ago\b`)
	// contactLine asks readers to write to the reporter: "Write to Jane
	// Roe at …", "Email Jane at …", "Have a tip? Jane may be reached at …".
	// It goes only with an address in it (see contactAddr).
	contactLine = prefiltered(regexp.MustCompile(`(?i)^\s*(have a tip\?\s*)?((write to|e-?mail|reach|contact) .{1,60}?\b(at|on twitter|via)\b|.{1,40} (may|can) be reached at\b)`), func(s string) bool {
		return asciiFoldContains(s, "at") || asciiFoldContains(s, "twitter") || asciiFoldContains(s, "via")
	})
	// contactAddr is an e-mail address, a Twitter link or an @handle.
	contactAddr = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.]+|(^|\s)@\w{2,}|twitter\.com/`)
	// enjoyedPlea opens a request for support or a list of more posts:
	// "If you enjoyed this article, …", "If you liked this post you might
	// also like:".
	enjoyedPlea = prefiltered(regexp.MustCompile(`(?i)^\s*if you (enjoyed|liked) this (article|post|story|piece)\b`), func(s string) bool {
		return asciiFoldContains(s, "if you")
	})
	// onSiteLine points to another story on the site, named by its
	// address: "Also on example.com …", "On Example.com: …".
	onSiteLine = prefiltered(regexp.MustCompile(`(?i)^\s*(also )?on [\w-]+(\.[\w-]+)*\.(com|org|net|co\.uk)\b:?`), func(s string) bool {
		return asciiFoldContains(s, "on ")
	})
	// tagLine lists the post's tags or categories: "Filed under: Politics
	// |", "Tags: ferries, harbour", "Category: News".
	tagLine = prefiltered(regexp.MustCompile(`(?i)^\s*(filed (under|in)|tags?|tagged( with)?|categories|category|topics?)\s*:`), func(s string) bool {
		return strings.IndexByte(s, ':') >= 0
	})
	// relatedPrefix opens a link to another story: "Related post: …",
	// "[Read more: …]", "» Related Reading: …", "Recommended: …".
	relatedPrefix = prefiltered(regexp.MustCompile(`(?i)^\s*[\[»]?\s*(related( posts?| stor(y|ies)| articles?| reading)?|read more|also read|read also|see also|recommended( reading)?)\s*:`), func(s string) bool {
		return strings.IndexByte(s, ':') >= 0
	})
	// bylineLabel is a byline in English with nothing else: "Written by",
	// "Written by: Jane Roe, Senior Analyst", "Posted by Jane at 11:15 AM".
	// ("Published by" names a book's or a game's publisher: not one.)
	bylineLabel = prefiltered(regexp.MustCompile(`(?i)^\s*(written|posted|reviewed|fact[- ]checked|edited) by\b[^.!?]{0,50}$`), func(s string) bool {
		return asciiFoldContains(s, " by")
	})
	// readingTime is a reading-time note: "5 min read", "Reading time: 8
	// minutes", "Tempo de leitura: 2 minutos".
	readingTime = prefiltered(regexp.MustCompile(`(?i)^\s*((estimated )?(reading|read) time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit)\s*:?\s*(about |approx\.? )?\d+\s*(min\w*|minutos?|minuten)\.?\s*$|^\s*\d+\s*(min|mins|minutes?)\.?\s+(read|reading)\s*$`), func(s string) bool {
		return asciiFoldContains(s, "min")
	})
	// widgetLine is the text of a page widget: a form's status messages,
	// the consent line under a sign-up button, an author box's link.
	widgetLine = prefiltered(regexp.MustCompile(`(?i)^\s*(oops! something went wrong|thank you! your submission has been received|view all posts by\b|by clicking\b.{0,80}\byou (agree|confirm|consent)\b)`), func(s string) bool {
		return asciiFoldContains(s, "went wrong") || asciiFoldContains(s, "received") || asciiFoldContains(s, "view all") || asciiFoldContains(s, "clic")
	})
	// copyNotice is a reprint/copyright notice line.
	copyNotice = prefiltered(regexp.MustCompile(`(版权|版權|著作权|著作權).{0,20}(所有|禁止|声明|聲明)|(禁止|谢绝|謝絕|严禁|嚴禁|未经|未經|不得).{0,12}(转载|轉載)|(转载|轉載).{0,12}(请|請|须|須|联系|聯繫)`), func(s string) bool {
		return strings.Contains(s, "版权") || strings.Contains(s, "版權") || strings.Contains(s, "著作权") || strings.Contains(s, "著作權") || strings.Contains(s, "转载") || strings.Contains(s, "轉載")
	})
	// disclaimerLine is a platform's disclaimer under a reprinted post:
	// 声明：该文观点仅代表作者本人，本平台仅提供信息存储空间服务.
	disclaimerLine = prefiltered(regexp.MustCompile(`(观点|觀點|立场|立場).{0,8}(仅代表|僅代表|不代表)|(仅代表|僅代表)(作者|本人|个人|個人)|不代表本(网|網|站|平台|报|報|刊)|(仅|僅)提供信息(存储|存儲)空间服务|系信息(发布|發佈|發布)平台`), func(s string) bool {
		return strings.Contains(s, "代表") || strings.Contains(s, "信息存") || strings.Contains(s, "信息发布") || strings.Contains(s, "信息發")
	})
	// toolLine is a page tool: print, close, share, font size, QR code.
	toolLine = prefiltered(regexp.MustCompile(`打印本页|打印本頁|关闭窗口|關閉窗口|扫一扫|掃一掃|分享到|收藏本页|收藏本頁|返回顶部|返回頂部|【打印】|【关闭】|【關閉】|\[打印\]|\[关闭\]|字号[:：]|字體[:：]|字号：|【字体|【字號`), func(s string) bool {
		// Every form holds one of these.
		for _, w := range [...]string{"打印", "关闭", "關閉", "扫一扫", "掃一掃", "分享到", "收藏本", "返回", "字号", "字體", "字体", "字號"} {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	})
	// urlLine is a bare web address on a line of its own.
	urlLine = prefiltered(regexp.MustCompile(`(?i)^\s*(https?://)?([a-z0-9-]+\.)+[a-z]{2,}(/\S*)?\s*$`), func(s string) bool {
		// A dot, and after the leading white space (\s) a letter, a digit,
		// "-" or the first byte of the other runes (?i)[a-z] takes: K, ſ.
		if strings.IndexByte(s, '.') < 0 {
			return false
		}
		i := 0
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
			i++
		}
		return i < len(s) && (isWordByte(s[i]) && s[i] != '_' || s[i] == '-' || s[i] == 0xE2 || s[i] == 0xC5)
	})
)

// stamp finds a date or a clock time: 2019-11-20, 20.11.2019, 2019年11月,
// 5:27, "November 20, 2019", "20 de novembro de 2019". A bare year (a
// caption "2025 survey map") is not one.
var stamp = prefiltered(regexp.MustCompile(`\d{4}\s*[-/.年]\s*\d{1,2}|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b|\b\d{1,2}:\d\d\b|\d月\d|\b\d{1,2}\.?(\s+\p{L}+){1,3},?\s+(19|20)\d\d\b|\p{L}\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+(19|20)\d\d\b`), func(s string) bool {
	// Every form has an ASCII digit (\d).
	return strings.ContainsAny(s, "0123456789")
})

// stampLine reports a short line with a date or time and no sentence in it:
// "Updated 5:27 am, November 20, 2019", "By admin - 2018-09-16".
func stampLine(t string) bool {
	if !stamp.MatchString(t) || endsSentence(t) {
		return false
	}
	_, p := measure(t)
	return p <= 3
}

// linkedLine reports a line that is nothing but a link ("Read more",
// "[Source]", a teaser title).
func linkedLine(l *html.Node, s *scorer) bool {
	st := s.st[l]
	if st == nil {
		return false
	}
	return st.text > 0 && st.link >= st.text
}

// teaserLine reports whether the text of a longer all-link line reads as a
// headline pointing elsewhere ("ANOTHER STORY: WHAT HAPPENED NEXT"): it
// ends no sentence and is not a web address cited as a source.
func teaserLine(t string) bool {
	return !endsSentence(t) && !urlLine.MatchString(t)
}

func hasPrefixFold(s string, ps ...string) bool {
	ls := strings.ToLower(s)
	for _, p := range ps {
		if strings.HasPrefix(ls, p) {
			return true
		}
	}
	return false
}

// isDateLine reports whether t is a date (and time) with little else: what
// is left after the date is short and has no sentence punctuation.
func isDateLine(t string) bool {
	loc := dateOnly.FindStringIndex(t)
	if loc == nil {
		return false
	}
	rest := t[:loc[0]] + t[loc[1]:]
	l, p := measure(rest)
	return p == 0 && l < 40 || labelLine.MatchString(strings.TrimSpace(rest))
}

// removeBlock removes the block that heading h introduces: the largest
// ancestor that starts with h and holds less than half the body, or, when h
// stands among other blocks, h and what follows it, unless that is most of
// the body.
func removeBlock(h, box *html.Node) {
	total := textLen(box)
	c := h
	for c.Parent != nil && c.Parent != box && firstTextElement(c.Parent) == c && textLen(c.Parent)*2 < total {
		c = c.Parent
	}
	if c != h {
		removeNode(c)
		return
	}
	var after int
	for s := h.NextSibling; s != nil; s = s.NextSibling {
		after += textLen(s)
	}
	if after*2 > total {
		removeNode(h)
		return
	}
	for s := h; s != nil; {
		next := s.NextSibling
		removeNode(s)
		s = next
	}
}

func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		l, _ := measure(n.Data)
		return l
	}
	l, _ := measure(nodeText(n))
	return l
}

// firstSegment is the text of n up to its first <br>, or "" when n has
// no <br>.
func firstSegment(n *html.Node) string {
	var b strings.Builder
	found := false
	var walk func(*html.Node) bool
	walk = func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			return b.Len() > 200
		}
		if c.Type == html.ElementNode && c.DataAtom == atom.Br {
			found = true
			return true
		}
		for d := c.FirstChild; d != nil; d = d.NextSibling {
			if walk(d) {
				return true
			}
		}
		return false
	}
	walk(n)
	if !found {
		return ""
	}
	return collapse(b.String())
}

// firstTextElement returns the child of n that holds n's first text.
func firstTextElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return c
			}
		case html.ElementNode:
			if nodeText(c) != "" {
				return c
			}
		}
	}
	return nil
}

// ldLo and ldHi bound the link density of a block without a content
// hint: above ldHi it goes; between them it goes when it has no sentences.
// Measured on the dev sets: lower bounds cut link-rich article sections
// (patch lists, resource lists) that the labels keep.
const ldLo, ldHi = 0.4, 0.6

// cnDate is a date written out in Chinese and nothing else: 2021年3月5日.
var cnDate = regexp.MustCompile(`^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$`)

// signedDate finds the date that closes a letter or a notice: the last line
// of the body, a date in Chinese alone, under a short signer's line (no
// sentence, label, digit or link) that follows a closing sentence.
func signedDate(lines []*html.Node) *html.Node {
	var last [3]*html.Node
	var text [3]string
	k := 0
	for i := len(lines) - 1; i >= 0 && k < 3; i-- {
		if t := nodeText(lines[i]); t != "" {
			last[k], text[k] = lines[i], t
			k++
		}
	}
	if k < 3 || !cnDate.MatchString(text[0]) {
		return nil
	}
	signer := text[1]
	if n := utf8.RuneCountInString(signer); n < 2 || n > 30 || endsSentence(signer) ||
		strings.ContainsAny(signer, "0123456789:：()（）【】[]") || findElement(last[1], atom.A) != nil {
		return nil
	}
	if !endsSentence(text[2]) {
		return nil
	}
	return last[0]
}

// docInfoLabels label the fields of an official document's record: the
// table above a government notice (索引号, 发文机关, 成文日期, 文号).
var docInfoLabels = [...]string{"索引号", "發文機關", "发文机关", "发布机构", "發布機構", "成文日期", "发文字号", "發文字號", "文号", "文號", "主题分类", "主題分類", "主题词", "主題詞", "发文日期", "公开方式", "公開方式", "生效日期", "有效性"}

// docInfoTable reports whether table t is an official document's record:
// small, with three or more cells that hold a record label.
func docInfoTable(t *html.Node) bool {
	cells, hits := 0, 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Table {
				return false // nested tables: a layout table
			}
			if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
				cells++
				if cells > 40 {
					return false
				}
				t, _ := nodeTextMax(c, 16, 64)
				t = strings.Map(func(r rune) rune {
					if isSpaceRune(r) || r == '\u00a0' {
						return -1
					}
					return r
				}, t)
				for _, l := range docInfoLabels {
					if strings.HasPrefix(t, l) {
						hits++
						break
					}
				}
				continue
			}
			if !walk(c) {
				return false
			}
		}
		return true
	}
	return walk(t) && hits >= 3
}

// addDocInfo puts back, at the top of the body, the record table of an
// official document that stands above it (within eight levels).
func addDocInfo(box, top *html.Node) {
	anc := top
	for i := 0; i < 8 && anc.Parent != nil; i++ {
		anc = anc.Parent
	}
	var found *html.Node
	var walk func(*html.Node) bool // false: box reached, stop
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c == top {
				return false
			}
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Table {
				if docInfoTable(c) {
					found = c
				}
				continue
			}
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if walk(anc) || found == nil {
		return // the box was not found after the table
	}
	if found.Parent != nil {
		found.Parent.RemoveChild(found)
	}
	box.InsertBefore(found, box.FirstChild)
}

// hasLatinLetter reports an ASCII letter in s, or one of the two non-ASCII
// letters that case-insensitive patterns read as s and k (ſ, K).
func hasLatinLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; 'a' <= c && c <= 'z' {
			return true
		}
	}
	return strings.Contains(s, "ſ") || strings.Contains(s, "\u212a")
}
