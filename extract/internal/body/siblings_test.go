package body

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/render"
)

// paras is n paragraphs of running text, each naming its part so that a
// test can tell which parts reached the body.
func paras(part string, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "<p>%s %d: the council met again on Tuesday, and after a long debate it approved the riverside tram extension, which residents had asked for since the old line closed.</p>", part, i)
	}
	return b.String()
}

// teasers is a rail of n linked headlines.
func teasers(n int) string {
	var b strings.Builder
	b.WriteString(`<ul>`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<li><a href="/story/%d">Teaser headline number %d about another story on the site</a></li>`, i, i)
	}
	b.WriteString(`</ul>`)
	return b.String()
}

// TestSiblingMerge: an article split into sibling blocks is taken whole;
// what sits beside it and does not read as more of it stays out.
func TestSiblingMerge(t *testing.T) {
	cases := []struct {
		name    string
		page    string
		kept    []string
		dropped []string
	}{
		{
			name: "sections split by a teaser rail",
			page: `<div class="grid"><div class="row">` + paras("Alpha", 8) + `</div>` +
				`<div class="row">` + teasers(12) + `</div>` +
				`<div class="row">` + paras("Beta", 5) + `</div></div>`,
			kept:    []string{"Alpha 0", "Alpha 7", "Beta 0", "Beta 4"},
			dropped: []string{"Teaser headline"},
		},
		{
			name: "heading of a later section joins with it",
			page: `<div class="grid"><div class="row">` + paras("Alpha", 8) + `</div>` +
				`<div class="row">` + teasers(12) + `</div>` +
				`<h2>What the vote means</h2>` +
				`<div class="row">` + paras("Beta", 5) + `</div></div>`,
			kept:    []string{"Alpha 0", "What the vote means", "Beta 4"},
			dropped: []string{"Teaser headline"},
		},
		{
			name: "lead paragraph in its own block before the article",
			page: `<div class="wrap"><div class="standfirst"><p>Lead: the tram extension, long promised, is finally approved, and work starts in spring next year. The first trams should run, the council says, by the autumn of the year after.</p></div>` +
				`<div class="text">` + paras("Alpha", 8) + `</div>` +
				`<div class="more">` + teasers(12) + `</div></div>`,
			kept:    []string{"Lead: the tram", "Alpha 7"},
			dropped: []string{"Teaser headline"},
		},
		{
			name: "intro of the same class, dense with contents links",
			page: `<div class="post"><div class="rich-text"><p>Intro: this guide covers <a href="#a">the route</a>, <a href="#b">the timetable</a>, <a href="#c">the fares</a> and the works, in that order, for riders who take the line every day and want to know what changes for them.</p></div>` +
				`<div class="cta"><a href="/demo">Book a demo of our product today</a></div>` +
				`<div class="rich-text">` + paras("Alpha", 8) + `</div>` +
				`<div class="more">` + teasers(12) + `</div></div>`,
			kept:    []string{"Intro: this guide", "Alpha 7"},
			dropped: []string{"Book a demo", "Teaser headline"},
		},
		{
			name: "donation plea after the article, small next to it",
			page: `<div class="wrap"><div class="text">` + paras("Alpha", 10) + `</div>` +
				`<div class="cta"><p>Enjoyed this? We rely on readers, with no ads and no paywall, so please give what you can to keep us going. Every gift, large or small, pays for the reporting you have just read, and for the next story too.</p></div>` +
				`<div class="more">` + teasers(12) + `</div></div>`,
			kept:    []string{"Alpha 9"},
			dropped: []string{"Enjoyed this", "Teaser headline"},
		},
		{
			name: "related list after the article",
			page: `<div class="wrap"><div class="text">` + paras("Alpha", 8) + `</div>` +
				`<div class="more">` + teasers(12) + `</div></div>`,
			kept:    []string{"Alpha 7"},
			dropped: []string{"Teaser headline"},
		},
		{
			// A content class ("details") on a box of a few words does
			// not win over an article in boxes without one.
			name: "a broadcast strip classed details beside an unclassed article",
			page: `<div class="mod"><div class="box"><div class="para">` + paras("Alpha", 1) + `</div><div class="para">` + paras("Beta", 1) + `</div><div class="para">` + paras("Gamma", 1) + `</div></div></div>` +
				`<div class="teaser"><div class="programme-details"><p>Mo 03.02. 13:30 Uhr, 00:41 min</p></div></div>` + teasers(30),
			kept:    []string{"Alpha 0", "Gamma 0"},
			dropped: []string{"13:30"},
		},
		{
			name: "prose in a sidebar element or a comment block",
			page: `<div class="wrap"><div class="text">` + paras("Alpha", 8) + `</div>` +
				`<div class="more">` + teasers(12) + `</div>` +
				`<aside>` + paras("Aside", 5) + `</aside>` +
				`<div class="comment-thread">` + paras("Reader", 5) + `</div></div>`,
			kept:    []string{"Alpha 7"},
			dropped: []string{"Aside 0", "Reader 0", "Teaser headline"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(`<html><body><div class="site">` + tc.page + `<div class="foot">` + teasers(20) + `</div></div></body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			box, _ := findBody(doc)
			text := render.BodyText(box)
			for _, k := range tc.kept {
				if !strings.Contains(text, k) {
					t.Errorf("%q missing from the body:\n%s", k, text)
				}
			}
			for _, d := range tc.dropped {
				if strings.Contains(text, d) {
					t.Errorf("%q in the body:\n%s", d, text)
				}
			}
		})
	}
}

// TestBodyPartsFires checks the merge itself, apart from the climb: it
// returns the joined blocks, or nil when the chosen block stands alone.
func TestBodyPartsFires(t *testing.T) {
	cases := []struct {
		name  string
		page  string
		parts int
	}{
		{"split article", `<div class="g"><div class="r">` + paras("Alpha", 8) + `</div><div class="r">` + teasers(12) + `</div><div class="r">` + paras("Beta", 5) + `</div></div>`, 2},
		{"trailing plea", `<div class="g"><div class="r">` + paras("Alpha", 10) + `</div><div class="r"><p>Enjoyed this? We rely on readers, with no ads and no paywall, so please give what you can to keep us going. Every gift, large or small, pays for the reporting you have just read, and for the next story too.</p></div></div>`, 0},
		{"trailing teasers", `<div class="g"><div class="r">` + paras("Alpha", 8) + `</div><div class="r">` + teasers(12) + `</div></div>`, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(`<html><body><div class="site">` + tc.page + `</div></body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			preClean(doc, true)
			body := doc.FirstChild.LastChild
			s := NewScorer(body)
			// The chosen block: the first row, as the scorer picks it.
			top := body.FirstChild.FirstChild.FirstChild
			if got := len(s.bodyParts(top, body)); got != tc.parts {
				t.Errorf("bodyParts = %d blocks, want %d", got, tc.parts)
			}
		})
	}
}
