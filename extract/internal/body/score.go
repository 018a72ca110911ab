package body

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
)

// stat is what the scorer knows about one element: totals over its subtree
// (weighted text length, text inside links, punctuation, counts of some
// descendants) and the content score it collected from its paragraphs.
type stat struct {
	text, link, punct int
	paras, imgs, lis  int
	inputs, headText  int
	// good is the text of prose runs outside links, bad the text of link
	// lists and links (see flush); the body finder maximises good − β·bad.
	good, bad int
	score     float64
	scored    bool
}

// scorer holds the statistics of one tree.
type scorer struct {
	st map[*html.Node]*stat
	// slab holds the stats not yet handed out: one allocation for the
	// tree's blocks, not one a block.
	slab []stat
	wc   weightCache
	// host is the page's host name ("" when unknown): links elsewhere
	// lead off the site.
	host string
	// paras remembers proseParagraph's verdict on each <p> while prune
	// walks the box (nil otherwise): see proseParagraph.
	paras map[*html.Node]bool
}

// minPara is the weighted length below which a run of text is not a
// paragraph worth scoring (a label, a button, a date).
const minPara = 25

func NewScorer(root *html.Node) *scorer {
	// Every block gets a stat, and a few ancestors above scored runs; the
	// map and the slab are sized for that, not for a large page, since
	// the body box is often small.
	n := countBlocks(root) + 8
	s := &scorer{st: make(map[*html.Node]*stat, n), slab: make([]stat, n), wc: weightCache{}}
	s.block(root)
	return s
}

// countBlocks counts the blocks in n's subtree, n included.
func countBlocks(n *html.Node) int {
	k := 0
	if dom.IsBlock(n) {
		k++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			k += countBlocks(c)
		}
	}
	return k
}

// newStat hands out a zero stat for n and records it.
func (s *scorer) newStat(n *html.Node) *stat {
	if len(s.slab) == 0 {
		s.slab = make([]stat, 64)
	}
	st := &s.slab[0]
	s.slab = s.slab[1:]
	s.st[n] = st
	return st
}

// noStat is what get gives for an element without statistics. It is
// never written: every stat that is written comes from newStat.
var noStat stat

// Scorer holds the text and link lengths of every element of a tree.
type Scorer = scorer

// Text is the weighted text length under n.
func (s *scorer) Text(n *html.Node) int { return s.get(n).text }

// Link is the weighted length of the link text under n.
func (s *scorer) Link(n *html.Node) int { return s.get(n).link }

func (s *scorer) get(n *html.Node) *stat {
	if st := s.st[n]; st != nil {
		return st
	}
	return &noStat
}

// textRun is an uninterrupted run of inline text: one paragraph as a reader
// sees it.
type textRun struct{ text, link, punct int }

// block walks the children of a block element, splitting its inline content
// into runs at every child block and <br>, and returns the subtree totals.
func (s *scorer) block(b *html.Node) *stat {
	st := s.newStat(b)
	var run textRun
	for c := b.FirstChild; c != nil; c = c.NextSibling {
		s.inline(c, b, false, &run, st)
	}
	s.flush(b, &run, st)
	switch b.DataAtom {
	case atom.P:
		st.paras++
	case atom.Li:
		st.lis++
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		st.headText += st.text
	}
	return st
}

// inline handles one node found inside block owner, adding to run and to the
// owner's totals.
func (s *scorer) inline(n, owner *html.Node, inLink bool, run *textRun, tot *stat) {
	switch n.Type {
	case html.TextNode:
		l, p := dom.Measure(n.Data)
		run.text += l
		run.punct += p
		tot.text += l
		tot.punct += p
		if inLink {
			run.link += l
			tot.link += l
		}
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return
	}
	if dom.IsBlock(n) {
		s.flush(owner, run, tot)
		cs := s.block(n)
		add(tot, cs, inLink)
		return
	}
	switch n.DataAtom {
	case atom.Br:
		s.flush(owner, run, tot)
		return
	case atom.Img:
		tot.imgs++
	case atom.A:
		inLink = inLink || !namedAnchor(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s.inline(c, owner, inLink, run, tot)
	}
}

// namedAnchor reports whether a is a jump target, not a link: no href,
// and blocks inside it. An <a name="part2"> left unclosed before a
// section heading is stretched by the parser over the whole section
// (<a name="part2"><h2>Part 2</h2><p>…</p>…), whose prose would otherwise
// count as link text.
func namedAnchor(a *html.Node) bool {
	for _, at := range a.Attr {
		if at.Key == "href" {
			return false
		}
	}
	return HasBlockChild(a)
}

func add(t, c *stat, inLink bool) {
	t.text += c.text
	t.punct += c.punct
	if inLink {
		t.link += c.text
	} else {
		t.link += c.link
	}
	t.paras += c.paras
	t.imgs += c.imgs
	t.lis += c.lis
	t.inputs += c.inputs
	t.headText += c.headText
	if inLink {
		t.bad += c.good + c.bad
	} else {
		t.good += c.good
		t.bad += c.bad
	}
}

// leafTags are blocks that are themselves paragraphs: their score goes to
// their container, as in Readability.
var leafTags = map[atom.Atom]bool{
	atom.P: true, atom.Pre: true, atom.Li: true, atom.Dd: true, atom.Dt: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Figcaption: true, atom.Blockquote: true, atom.Caption: true,
	atom.Th: true,
}

// flush scores a finished run: one point, one per punctuation mark, one per
// 100 weighted characters (at most three). The score goes to the run's
// container in full, half to the next ancestor and less further up.
func (s *scorer) flush(owner *html.Node, run *textRun, tot *stat) {
	r := *run
	*run = textRun{}
	switch {
	case r.text == 0:
	case r.link*2 > r.text:
		tot.bad += r.text
	case r.text < minPara:
		if !IsHeading(owner) {
			tot.bad += r.text / 2
		}
	default:
		tot.good += r.text - r.link
		tot.bad += r.link
	}
	if r.text < minPara || r.link*2 > r.text {
		return
	}
	score := 1 + float64(r.punct) + min(float64(r.text)/100, 3)
	n := owner
	if leafTags[n.DataAtom] && n.Parent != nil {
		n = n.Parent
	}
	for level := 0; n != nil && n.Type == html.ElementNode && level < 5; level++ {
		st := s.st[n]
		if st == nil {
			st = s.newStat(n)
		}
		if !st.scored {
			st.scored = true
			st.score += s.baseScore(n)
		}
		div := 1.0
		switch {
		case level == 1:
			div = 2
		case level > 1:
			div = float64(level * 3)
		}
		st.score += score / div
		n = n.Parent
	}
}

// baseScore is a container's prior from its tag and its class/id.
func (s *scorer) baseScore(n *html.Node) float64 {
	w := s.wc.weight(n)
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Main, atom.Section:
		w += 5
	case atom.Pre, atom.Td, atom.Blockquote:
		w += 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		w -= 3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		w -= 5
	}
	return w
}

var (
	positiveHint = newAltMatcher(`article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|detail|zhengwen|正文`)
	negativeHint = newAltMatcher(`-ad-|hidden|\bhid\b|banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|recommend|\bhot|\brank|\blist\b|-list|\bnav|copyright`)
)

// classWeight is ±25 for class/id hints of content or furniture.
func classWeight(n *html.Node) float64 {
	ci := ClassID(n)
	if ci == "" {
		return 0
	}
	return hintWeight(ci)
}

// weightCache remembers hintWeight per class/id string for one page: the
// same few class strings repeat on hundreds of elements.
type weightCache map[string]float64

func (c weightCache) weight(n *html.Node) float64 {
	ci := ClassID(n)
	if ci == "" {
		return 0
	}
	w, ok := c[ci]
	if !ok {
		w = hintWeight(ci)
		c[ci] = w
	}
	return w
}

func hintWeight(ci string) float64 {
	w := 0.0
	if negativeHint.MatchString(ci) {
		w -= 25
	}
	if positiveHint.MatchString(ci) {
		w += 25
	}
	return w
}

// linkDensity is the share of n's text that sits inside links.
func (s *scorer) linkDensity(n *html.Node) float64 {
	st := s.get(n)
	if st.text == 0 {
		return 0
	}
	return float64(st.link) / float64(st.text)
}
