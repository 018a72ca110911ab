package dom

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Options say how Text walks a subtree. The zero value takes every text
// node, with no gaps and no limit.
type Options struct {
	// Skip leaves an element out with everything it holds.
	Skip func(*html.Node) bool
	// Gap says whether a space goes before and after an element, where
	// CSS would put a gap between its text and its neighbours'.
	Gap func(*html.Node) (before, after bool)
	// MaxRunes and MaxBytes, when MaxRunes > 0, stop the walk once the
	// text surely collapses to more than that many runes or bytes.
	MaxRunes, MaxBytes int
	// First stops at the first text node holding more than white space
	// and returns that node's collapsed text alone.
	First bool
	// collapse collapses the text as the walk writes it (into walker.c)
	// instead of writing it as it is (walker.b).
	collapse bool
}

// Text is the text under n, as written (callers collapse it). n itself is
// neither skipped nor gapped; a text node n is its own text. ok is false
// when the walk went over the limit.
func Text(n *html.Node, o Options) (text string, ok bool) {
	w := walker{o: o}
	if n.Type == html.TextNode {
		w.text(n.Data)
	} else {
		w.children(n)
	}
	if w.over {
		return "", false
	}
	if o.First {
		return w.first, true
	}
	return w.b.String(), true
}

type walker struct {
	o            Options
	b            strings.Builder
	c            collapser
	runes, bytes int
	over, done   bool
	first        string
}

func (w *walker) children(n *html.Node) {
	for c := n.FirstChild; c != nil && !w.over && !w.done; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			w.text(c.Data)
		case html.ElementNode:
			if w.o.Skip != nil && w.o.Skip(c) {
				continue
			}
			before, after := false, false
			if w.o.Gap != nil {
				before, after = w.o.Gap(c)
			}
			if before {
				w.gap()
			}
			w.children(c)
			if after {
				w.gap()
			}
		}
	}
}

func (w *walker) text(s string) {
	if w.o.First {
		if t := Collapse(s); t != "" {
			w.first, w.done = t, true
		}
		return
	}
	// Counted before it is written: a text over the limit is neither
	// written nor read to its end.
	if w.o.MaxRunes > 0 && countKept(s, &w.runes, &w.bytes, w.o.MaxRunes, w.o.MaxBytes) {
		w.over = true
		return
	}
	if w.o.collapse {
		w.c.write(s)
	} else {
		w.b.WriteString(s)
	}
}

func (w *walker) gap() {
	if w.o.collapse {
		w.c.space = true
	} else {
		w.b.WriteByte(' ')
	}
}

// SkipCode leaves out what a reader never sees as text: scripts, styles,
// noscript fallbacks and templates.
func SkipCode(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template:
		return true
	}
	return false
}

// BlockGaps puts a space around block elements and before a <br>: the
// text of a block reads as its own phrase.
func BlockGaps(n *html.Node) (before, after bool) {
	if IsBlock(n) {
		return true, true
	}
	return n.DataAtom == atom.Br, false
}

// ElementGaps puts a space around every element, so that
// "<span>Dec 17, 2025</span><span>Jane Doe</span>" reads as two phrases.
func ElementGaps(*html.Node) (before, after bool) { return true, true }

// BlockText is the collapsed text of n with gaps at block boundaries,
// code left out; n itself left out too when it is code.
func BlockText(n *html.Node) string {
	if n.Type == html.ElementNode && SkipCode(n) {
		return ""
	}
	if c := n.FirstChild; n.Type == html.TextNode || c != nil && c.NextSibling == nil && c.Type == html.TextNode {
		// A text node, or an element holding one (a plain paragraph,
		// a link, a heading): its text needs no walk and, collapsed
		// already, no copy.
		if n.Type == html.TextNode {
			return Collapse(n.Data)
		}
		return Collapse(c.Data)
	}
	return blockText(n, Options{Skip: SkipCode, Gap: BlockGaps})
}

// blockText is Collapse(Text(n, o)), collapsed as the walk goes: the text
// is not written out first and copied again. o sets no limit.
func blockText(n *html.Node, o Options) string {
	o.collapse = true
	w := walker{o: o}
	buf := getBuf()
	w.c.b = *buf
	w.children(n)
	t := ""
	if !w.c.bad {
		t = string(w.c.b)
	}
	putBuf(buf, w.c.b)
	if w.c.bad {
		// An invalid byte may be half of a rune that the next text node
		// completes: the joined text is collapsed instead.
		o.collapse = false
		t, _ = Text(n, o)
		return Collapse(t)
	}
	return t
}

// BlockTextMax is BlockText when that text has at most maxRunes runes and
// maxBytes bytes; when it surely has more it gives up early and reports
// false.
func BlockTextMax(n *html.Node, maxRunes, maxBytes int) (string, bool) {
	if n.Type == html.ElementNode && SkipCode(n) {
		return "", true
	}
	// Text as written, not blockText: most calls stop at the limit, and
	// counting runes is cheaper than collapsing what is then thrown away.
	t, ok := Text(n, Options{Skip: SkipCode, Gap: BlockGaps, MaxRunes: maxRunes, MaxBytes: maxBytes})
	if !ok {
		return "", false
	}
	return Collapse(t), true
}
