package body

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/render"
)

// prunedMemo prunes a body box holding page, with proseParagraph's
// verdicts remembered through the walk or reached afresh each time
// (memo), and returns the box's HTML and text.
func prunedMemo(t *testing.T, page, host string, memo bool) string {
	t.Helper()
	box := parseBox(t, page)
	s := NewScorer(box)
	s.host = host
	memoParas = memo
	defer func() { memoParas = true }()
	prune(box, s, "The pier reopens")
	var b strings.Builder
	for c := box.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			t.Fatal(err)
		}
	}
	return b.String() + "\n--\n" + render.BodyText(box)
}

// checkParaMemo: remembering the verdicts changes nothing prune does.
func checkParaMemo(t *testing.T, page, host string) {
	t.Helper()
	if got, want := prunedMemo(t, page, host, true), prunedMemo(t, page, host, false); got != want {
		t.Errorf("on %q the remembered verdicts give\n%s\nverdicts reached afresh\n%s", page, got, want)
	}
}

var paraMemoPages = func() []struct{ name, page string } {
	prose := `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs and two rounds of hearings.</p>`
	short := `<p>The board met on Monday.</p>`
	card := func(i string) string {
		return `<div><h3><a href="/story/` + i + `">The ferry timetable for spring number ` + i + `</a></h3><p>A short excerpt of the other story, with a sentence of its own.</p></div>`
	}
	cards := card("1") + card("2") + card("3")
	hover := `<p>The pier, said <span>Jane Roe<span><img src="/j.jpg"><a href="/a">Jane Roe</a><a href="/b">Her latest story on the ferries</a><a href="/c">Another of her stories</a></span></span>, had been closed for three years while crews rebuilt the deck and the rails.</p>`
	bio := `<div class="box"><img src="/jane.jpg"><p>Jane Roe covers the harbour for the paper.</p><a href="/author/jane">More by Jane</a></div>`
	return []struct{ name, page string }{
		{"cards at the tail", prose + prose + prose + prose + cards},
		{"cards, prose, then a short line", prose + prose + prose + prose + cards + prose + short},
		{"cards then prose", prose + cards + prose},
		{"cards in a box, prose after the box", prose + `<div>` + cards + `</div>` + prose},
		{"nested boxes of prose", `<div><div>` + prose + `<div>` + prose + `</div></div>` + cards + `</div>`},
		{"hover card in the last paragraph", prose + cards + hover},
		{"hover card before the cards", prose + hover + `<section>` + cards + `</section>`},
		{"bio at the tail", prose + prose + bio},
		{"bio then prose", prose + bio + prose},
		{"bio then a short line", prose + bio + short},
		{"short paragraphs only", short + short + cards},
		{"related block", prose + `<div><h3>Related</h3>` + cards + `</div>` + prose},
	}
}()

func TestParaMemo(t *testing.T) {
	for _, tt := range paraMemoPages {
		t.Run(tt.name, func(t *testing.T) { checkParaMemo(t, tt.page, "example.com") })
	}
}

// FuzzParaMemo: on any page the remembered verdicts agree with fresh ones.
func FuzzParaMemo(f *testing.F) {
	for _, tt := range paraMemoPages {
		f.Add(tt.page)
	}
	f.Fuzz(func(t *testing.T, page string) { checkParaMemo(t, page, "example.com") })
}
