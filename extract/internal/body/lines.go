package body

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/boilerplate"
	"newsarchive/extract/internal/dom"
)

// The line rules of pruneBoilerplate: a line of the body is judged by its
// text (patterns in linepatterns.go) and where it stands.

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
			if dom.IsBlock(c) && !HasBlockChild(c) || IsHeading(c) || looseLine(c) && s != nil && !IsTeaser(n, s) {
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
	// The lines are disjoint and the rules below remove whole lines, so
	// each line's text is read once (the edge, tail and signature scans
	// and the rules read the same lines).
	text := lineTexts(lines)
	// Lines at the edges of the body (first and last few with text) are
	// where bylines, datelines and "updated" stamps sit.
	edge := map[*html.Node]bool{}
	for i, k := 0, 0; i < len(lines) && k < 5; i++ {
		if text(i) != "" {
			edge[lines[i]] = true
			k++
		}
	}
	// The tail is the lines after the last paragraph of prose, where
	// the source and editor are credited.
	tail := map[*html.Node]bool{}
	for i, k := len(lines)-1, 0; i >= 0 && k < 3; i-- {
		t := text(i)
		if t == "" || utf8.RuneCountInString(t) < 200 && (boilerplate.CopyNotice.MatchString(t) || boilerplate.IcpLine.MatchString(t) || boilerplate.CopyLine.MatchString(t)) {
			// A copyright notice under the credits is no prose.
			continue
		}
		if _, p := dom.Measure(t); p > 0 && utf8.RuneCountInString(t) >= 40 || dom.EndsSentence(t) {
			break
		}
		tail[lines[i]] = true
		k++
	}
	for i, k := len(lines)-1, 0; i >= 0 && k < 3; i-- {
		if text(i) != "" {
			edge[lines[i]] = true
			k++
		}
	}
	signed := signedDate(lines, text)
	for i, l := range lines {
		if l.Parent == nil || !HasAncestor(l, box) {
			continue // removed with an earlier block
		}
		t := text(i)
		n := utf8.RuneCountInString(t)
		if cells[l] {
			// Of the line rules only the link rule holds in a table:
			// a cell that is a button or a link out is not data.
			if s != nil && n > 0 && n < 60 && linkedLine(l, s) {
				RemoveNode(l)
			}
			continue
		}
		if n == 0 {
			if dom.FindElement(l, atom.Img) == nil {
				RemoveNode(l)
			}
			continue
		}
		if n > 40 && l.Parent != nil {
			// A notice written as one paragraph broken by <br>: its first
			// line is the heading.
			if h := firstSegment(l); h != "" && utf8.RuneCountInString(h) < 40 && (boilerplate.BlockHead.MatchString(h) || boilerplate.NoticeHead.MatchString(h) || boilerplate.ForeignHead.MatchString(h)) {
				RemoveNode(l)
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
		case n < 40 && (boilerplate.BlockHead.MatchString(t) || boilerplate.NoticeHead.MatchString(t) || latin && boilerplate.ForeignHead.MatchString(t)):
			removeBlock(l, box, boilerplate.ReadingHead.MatchString(t))
		case boilerplate.IcpLine.MatchString(t), boilerplate.CopyLine.MatchString(t) && n < 200, boilerplate.AttachBox.MatchString(t):
			RemoveNode(l)
		case tail[l] && n < 40 && boilerplate.CreditLine.MatchString(t):
			// The source and editor credited under the text are part of it.
		case n < 120 && boilerplate.LabelLine.MatchString(t) && !strings.ContainsAny(t, "。？！?"):
			// "记者：请问……？" opens a question in an interview: kept.
			RemoveNode(l)
		case latin && n < 200 && boilerplate.PaywallLine.MatchString(t):
			// The wall and its offer go; the article may resume after
			// it on a page that shows the whole text to the crawler.
			removeBlock(l, box, true)
		case latin && n < 60 && boilerplate.AboutHead.MatchString(t) && atTail(l, box):
			// An organisation's blurb under the text, to the end.
			removeBlock(l, box, false)
		case latin && n < 40 && !IsHeading(l) && boilerplate.CtaLine.MatchString(t):
			// A button's label; a heading "Get started" opens a section.
			RemoveNode(l)
		case latin && englishFurniture(t, n):
			RemoveNode(l)
		case latin && n < 40 && boilerplate.EuroTailHead.MatchString(t) && atTail(l, box):
			// Contact, sources, tags under the text, to the end.
			removeBlock(l, box, false)
		case latin && n < 40 && boilerplate.SourcesHead.MatchString(t) && atTail(l, box):
			// The sources an English text cites, to the end.
			removeBlock(l, box, false)
		case latin && l.DataAtom != atom.Td && l.DataAtom != atom.Th && europeanFurniture(t, n):
			// (A cell "Werbung" in a table of contents is a chapter.)
			RemoveNode(l)
		case n < 80 && (boilerplate.CopyNotice.MatchString(t) || n < 40 && boilerplate.ToolLine.MatchString(t) || boilerplate.UrlLine.MatchString(t)), n < 120 && boilerplate.DisclaimerLine.MatchString(t):
			RemoveNode(l)
		case edge[l] && n < 60 && (strings.HasPrefix(t, "——") || strings.HasPrefix(t, "--")):
			RemoveNode(l) // the subtitle under a title line
		case l == signed:
			// The date under the signer of a letter or notice is part of it.
		case n < 60 && isDateLine(t):
			RemoveNode(l)
		case n < 80 && boilerplate.PagerLine.MatchString(t):
			RemoveNode(l)
		case n < 80 && (boilerplate.PhotoCredit.MatchString(t) || latin && boilerplate.ImageCredit.MatchString(t) && !strings.Contains(t, "http")):
			RemoveNode(l) // a caption: captions go to images[]
		case latin && boilerplate.CreditedCaption.MatchString(t), n < 200 && boilerplate.CreditTail.MatchString(t) && !inFigure(l):
			// A caption signed by its credit. (One in a <figure> is the
			// image's, read into images[].)
			RemoveNode(l)
		case edge[l] && n < 50 && boilerplate.SiteLine.MatchString(t):
			RemoveNode(l)
		case title != "" && edge[l] && isTitle(t, title):
			RemoveNode(l)
		case edge[l] && n < 40 && (boilerplate.ReporterLine.MatchString(t) && !strings.ContainsAny(t, "。？！?：:") || boilerplate.ColumnTag.MatchString(t)):
			RemoveNode(l)
		case edge[l] && n < 100 && StampLine(t):
			RemoveNode(l)
		case s != nil && !listItem(l) && !IsHeading(l) && linkedLine(l, s) && (n < 60 || n < 160 && teaserLine(t)):
			RemoveNode(l)
		case n < 80 && hasPrefixFold(t, "related:", "read more:", "also read:", "read also:", "see also:", "相关阅读：", "相关阅读:", "延伸阅读："):
			RemoveNode(l)
		case latin && n < 160 && (boilerplate.RelatedPrefix.MatchString(t) || boilerplate.ForeignPrefix.MatchString(t) && !dom.EndsSentence(t)):
			RemoveNode(l)
		}
	}
}

// lineTexts returns the text of lines[i] (dom.BlockText), read on the
// first call for each i.
func lineTexts(lines []*html.Node) func(i int) string {
	texts := make([]string, len(lines))
	read := make([]bool, len(lines))
	return func(i int) string {
		if !read[i] || !keepLineTexts {
			texts[i], read[i] = dom.BlockText(lines[i]), true
		}
		return texts[i]
	}
}

// keepLineTexts is false only in the test that checks the kept texts
// against texts read afresh each time.
var keepLineTexts = true

// englishFurniture reports a line of English page furniture by its text
// (patterns in linepatterns.go): ads, cookie and subscription notices,
// pleas, tags, bylines left in the body, widgets, affiliate notes, stamps.
// n is the line's length in runes.
func englishFurniture(t string, n int) bool {
	return n < 160 && (boilerplate.StockLine.MatchString(t) || boilerplate.AffiliateDisclosure.MatchString(t)) ||
		n < 300 && boilerplate.CookieLine.MatchString(t) ||
		n < 200 && boilerplate.SubscribeLine.MatchString(t) ||
		n < 200 && boilerplate.ContactLine.MatchString(t) && boilerplate.ContactAddr.MatchString(t) ||
		n < 300 && boilerplate.EnjoyedPlea.MatchString(t) ||
		n < 160 && boilerplate.OnSiteLine.MatchString(t) && !dom.EndsSentence(t) ||
		n < 200 && boilerplate.TagLine.MatchString(t) ||
		n < 80 && boilerplate.BylineLabel.MatchString(t) ||
		n < 40 && boilerplate.ReadingTime.MatchString(t) ||
		n < 200 && boilerplate.WidgetLine.MatchString(t) ||
		n < 250 && boilerplate.JoinPlea.MatchString(t) ||
		n < 200 && boilerplate.AppPlea.MatchString(t) ||
		n < 300 && boilerplate.AffiliateNote.MatchString(t) ||
		n < 60 && boilerplate.UpdatedStamp.MatchString(t) && (boilerplate.Stamp.MatchString(t) || boilerplate.AgoStamp.MatchString(t))
}

// europeanFurniture reports a line of page furniture in the other
// European languages (see european.go): widgets, labels, stamps, notices.
func europeanFurniture(t string, n int) bool {
	return n < 200 && boilerplate.EuroLine.MatchString(t) ||
		n < 200 && boilerplate.EuroNote.MatchString(t) ||
		n < 60 && boilerplate.EuroStamp.MatchString(t)
}

// looseLine reports an inline element that stands as a line of its own
// among blocks: a <span> holding a date or a counter between a heading and
// a figure. Nothing but blocks, <br> or white space is next to it. (The
// caller leaves alone the date of a story card in a listing: it is the
// listing's evidence, see findListing.)
func looseLine(c *html.Node) bool {
	if dom.IsBlock(c) || c.DataAtom == atom.Br || c.DataAtom == atom.Img || HasBlockChild(c) {
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
			return dom.IsBlock(s) || s.DataAtom == atom.Br
		}
	}
	return true
}

// blockNeighbour reports whether the first element met from s is a block:
// the parent mixes blocks and inline elements.
func blockNeighbour(s *html.Node, back bool) bool {
	for ; s != nil; s = step(s, back) {
		if s.Type == html.ElementNode {
			return dom.IsBlock(s)
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

// isTitle reports whether line t is the article's title (maybe with a
// short suffix such as "(图)").
func isTitle(t, title string) bool {
	t = dom.Collapse(t)
	if t == title {
		return true
	}
	nt, nl := utf8.RuneCountInString(t), utf8.RuneCountInString(title)
	// The line may add "(图)", or the <title> may add the site's name.
	return strings.HasPrefix(t, title) && nt-nl <= 5 || strings.HasPrefix(title, t) && nt >= 8 && nt*2 >= nl
}

// stampLine reports a short line with a date or time and no sentence in it:
// "Updated 5:27 am, March 4, 2021", "By admin - 2018-09-16".
func StampLine(t string) bool {
	// The cheap tests first: the regexp runs on few lines.
	if dom.EndsSentence(t) {
		return false
	}
	if _, p := dom.Measure(t); p > 3 {
		return false
	}
	return boilerplate.Stamp.MatchString(t)
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
	return !dom.EndsSentence(t) && !boilerplate.UrlLine.MatchString(t)
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
	loc := boilerplate.DateOnly.Re.FindStringIndex(t)
	if loc == nil {
		return false
	}
	rest := t[:loc[0]] + t[loc[1]:]
	l, p := dom.Measure(rest)
	return p == 0 && l < 40 || boilerplate.LabelLine.MatchString(strings.TrimSpace(rest))
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

// listItem reports a list item, or the one paragraph that fills one
// (<li><p><a>…</a></p></li>, as converters and block editors write
// items): a list that survived the block rules is judged as a list.
func listItem(l *html.Node) bool {
	return l.DataAtom == atom.Li || l.Parent != nil && l.Parent.DataAtom == atom.Li && onlyChild(l.Parent) == l
}
