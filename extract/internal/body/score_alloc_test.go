package body

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"newsarchive/extract/internal/dom"
)

// checkScorerStats runs the body finder over page and checks what the
// scorer's allocation relies on: the shared stat that get gives for an
// element without statistics is never written, and a scorer has a stat
// of its own for every block of its tree, however many its slab held.
func checkScorerStats(t *testing.T, page, title string) {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	s := NewScorer(doc.Selection.Nodes[0])
	for n := range doc.Selection.Nodes[0].Descendants() {
		if dom.IsBlock(n) && s.st[n] == nil {
			t.Errorf("no stat for <%s> in %q", n.Data, page)
		}
		if n.Type == html.TextNode && s.get(n) != &noStat {
			t.Errorf("a text node has a stat of its own in %q", page)
		}
	}
	Find(doc, "", title, "www.example.com")
	if noStat != (stat{}) {
		t.Errorf("the shared empty stat was written on %q: %+v", page, noStat)
		noStat = stat{}
	}
}

var scorerPages = []struct{ name, page string }{
	{"article and sidebar", `<html><body><article><h1>The pier reopens</h1><div class="content"><p>The pier reopened on Monday after a year of repairs, and the first ferries left at dawn.</p><p>Crews worked through the winter, the harbour board said; the cost came in under budget.</p></div><aside class="latest"><ul><li><a href="/a">One story</a><span>2024-09-05</span></li><li><a href="/b">Another story</a></li></ul></aside></article></body></html>`},
	{"more blocks than a slab", "<html><body>" + strings.Repeat("<div><p>A line of text, short.</p><ul><li>x</li><li>y</li></ul></div>", 120) + "</body></html>"},
	{"custom elements", `<story-body><p>Text that runs on, with a comma, and a stop.</p></story-body><hl-source>A few words</hl-source>`},
	{"no body text", `<html><body><nav><a href="/">Home</a></nav></body></html>`},
	{"link list and table", `<div class="related"><a href="/1">One</a><a href="/2">Two</a></div><table><tr><th>a</th></tr><tr><td>1</td></tr></table><p>Prose, at last, of some length to score as a paragraph.</p>`},
}

func TestScorerStats(t *testing.T) {
	for _, tt := range scorerPages {
		t.Run(tt.name, func(t *testing.T) { checkScorerStats(t, tt.page, "The pier reopens") })
	}
}

// FuzzScorerStats: on any page and title, the shared empty stat stays
// empty and every block gets a stat.
func FuzzScorerStats(f *testing.F) {
	for i, tt := range scorerPages {
		f.Add(tt.page, []string{"", "The pier reopens", "One story"}[i%3])
	}
	f.Fuzz(checkScorerStats)
}
