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

// checkBlockText compares BlockText with the written-out path on every
// node of the fragment's tree.
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
