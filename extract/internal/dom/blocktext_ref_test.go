package dom

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// blockTextRef is BlockText as it was written: the text written out by
// Text, then collapsed.
func blockTextRef(n *html.Node) string {
	if n.Type == html.ElementNode && SkipCode(n) {
		return ""
	}
	t, _ := Text(n, Options{Skip: SkipCode, Gap: BlockGaps})
	return Collapse(t)
}

// blockTextMaxRef is BlockTextMax read plainly: the whole text, and the
// counts of every text node the walk takes (the limit is checked at each
// one, and the counts only grow, so the text is over when it has a text
// node and the totals pass the limit).
func blockTextMaxRef(n *html.Node, maxRunes, maxBytes int) (string, bool) {
	if n.Type == html.ElementNode && SkipCode(n) {
		return "", true
	}
	runes, bytes, texts := 0, 0, 0
	var count func(*html.Node)
	count = func(c *html.Node) {
		switch {
		case c.Type == html.TextNode:
			r, b := countKeptRef(c.Data)
			runes, bytes, texts = runes+r, bytes+b, texts+1
		case c.Type == html.ElementNode && c != n && SkipCode(c):
		default:
			for d := c.FirstChild; d != nil; d = d.NextSibling {
				if d.Type == html.TextNode || d.Type == html.ElementNode {
					count(d)
				}
			}
		}
	}
	count(n)
	if texts > 0 && (runes > maxRunes || bytes > maxBytes) {
		return "", false
	}
	return blockTextRef(n), true
}

// checkBlockText compares BlockText and BlockTextMax with the plain
// readings on every node of the fragment's tree.
func checkBlockText(t *testing.T, frag string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(frag))
	if err != nil {
		t.Fatal(err)
	}
	for n := range doc.Descendants() {
		if got, want := BlockText(n), blockTextRef(n); got != want {
			t.Errorf("BlockText(<%s> of %q) = %q, want %q", n.Data, frag, got, want)
		}
		for _, max := range []int{1, 5, 40} {
			got, ok := BlockTextMax(n, max, 2*max)
			if want, wok := blockTextMaxRef(n, max, 2*max); got != want || ok != wok {
				t.Errorf("BlockTextMax(<%s> of %q, %d) = %q, %v; want %q, %v", n.Data, frag, max, got, ok, want, wok)
			}
		}
	}
}

var blockTextCases = []struct{ name, frag string }{
	{"plain paragraph", "<p>The pier reopened on Monday.</p>"},
	{"spaces to collapse", "<p>  The pier \n\t reopened  </p>"},
	{"inline link", "<p>Crews <a href=/x>left the pier</a>, and the board met.</p>"},
	{"space across nodes", "<p>one <b> two</b> three</p>"},
	{"blocks gapped", "<div><p>One.</p><p>Two.</p>three<br>four</div>"},
	{"no gap inline", "<p>pi<b>er</b>s</p>"},
	{"code left out", "<div>a<script>var x</script><style>p{}</style>b<template>t</template></div>"},
	{"lone script", "<script>var x = 1</script>"},
	{"empty", "<div></div><p> </p>"},
	{"no-break and ideographic", "<p>港口\u3000码头<span>\u00a0新闻</span></p>"},
	{"rune split over nodes", "<p>\xe2\x82<b>\xac</b> 5</p>"},
	{"invalid byte", "<p>a\xffb <i>c</i></p>"},
	{"control bytes", "<p>a\x01b<i>\x7f c</i></p>"},
	{"cells and lists", "<table><tr><td>a</td><td> b </td></tr></table><ul><li>x<li>y</ul>"},
}

func TestBlockTextCollapsing(t *testing.T) {
	for _, tt := range blockTextCases {
		t.Run(tt.name, func(t *testing.T) { checkBlockText(t, tt.frag) })
	}
}

// FuzzBlockText: collapsing while walking gives what collapsing the
// written-out text gives, on any page.
func FuzzBlockText(f *testing.F) {
	for _, tt := range blockTextCases {
		f.Add(tt.frag)
	}
	f.Fuzz(func(t *testing.T, frag string) { checkBlockText(t, frag) })
}
