package body

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/render"
)

// TestIntroducedList: a list of links that a sentence of the article
// announces stays; the same list under a label, a related-reading line or
// a plea, or with nothing before it, goes.
func TestIntroducedList(t *testing.T) {
	prose := `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs.</p><p>The board's engineers said the new deck would carry twice the load of the old one, and that the work had come in under budget.</p>`
	list := `<ul><li><a href="https://a.example/">Lakeside Ferries</a></li><li><a href="https://b.example/">North Shore Boats</a></li><li><a href="https://c.example/">Island Water Taxi</a></li></ul>`
	cases := []struct {
		name  string
		intro string
		kept  bool
	}{
		{"a sentence announces it", `<p>The operators that have asked for berths so far are these:</p>`, true},
		{"a Chinese sentence announces it", `<p>目前已经申请泊位的渡轮公司有以下几家：</p>`, true},
		{"a label is a heading", `<p>Operators:</p>`, false},
		{"a plea", `<p>If you enjoyed this article, you might also like:</p>`, false},
		{"a related-reading line", `<p>You might also like these stories:</p>`, false},
		{"no colon", `<p>The operators that have asked for berths so far are listed on the board's site.</p>`, false},
		{"nothing before it", ``, false},
		{"the sentence in a box of its own", `<div class="paragraph"><p>The operators that have asked for berths so far are these:</p></div>`, true},
		{"a label in a box of its own", `<div class="paragraph"><p>Operators:</p></div>`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body><div id=box>" + prose + tc.intro + list + "</div></body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			box := findByID(doc, "box")
			prune(box, NewScorer(box), "")
			text := render.BodyText(box)
			if got := strings.Contains(text, "North Shore Boats"); got != tc.kept {
				t.Errorf("list kept = %v, want %v in %q", got, tc.kept, text)
			}
			if !strings.Contains(text, "harbour board met") {
				t.Errorf("the article's text dropped: %q", text)
			}
		})
	}
}
