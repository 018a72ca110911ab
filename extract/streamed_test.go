package extract

import (
	"strings"
	"testing"
)

// TestRevealStreamed: the parts of a page that React streamed into hidden
// boxes at the end are read where their templates stand, and the
// "Loading…" fallbacks go; boxes that are not streamed parts stay hidden.
func TestRevealStreamed(t *testing.T) {
	para := func(s string) string {
		return `<p>` + s + ` The harbour board said the old pier would reopen to ferries in the spring after three years of repairs, and the engineers added that the new deck carries twice the load of the old one.</p>`
	}
	page := func(article, tail string) string {
		return `<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><main><h1>Pier reopens</h1><div class="article-body">` +
			article + `</div></main><footer>Contact us</footer>` + tail + `</body></html>`
	}
	cases := []struct {
		name, page string
		want       []string // in this order in the text
		not        []string
	}{
		{"boundaries without their comments",
			page(`<template id="B:0"></template><div>Loading paragraph...</div><template id="B:1"></template><div>Loading paragraph...</div><template id="B:2"></template><div>Loading paragraph...</div>`,
				`<div hidden id="S:1">`+para("Second.")+para("Third.")+`</div><div hidden id="S:0">`+para("First.")+`</div><div hidden id="S:2">`+para("Fourth.")+`</div>`),
			[]string{"First.", "Second.", "Third.", "Fourth."}, []string{"Loading"}},
		{"boundaries in React's comments",
			page(para("First.")+`<!--$?--><template id="B:0"></template><div class="spinner"><span>Loading</span></div><!--/$-->`+para("Fourth."),
				`<div hidden id="S:0">`+para("Second.")+para("Third.")+`</div>`),
			[]string{"First.", "Second.", "Third.", "Fourth."}, []string{"Loading"}},
		{"placeholders, one inside a segment",
			page(`<template id="P:3"></template>`+para("Third."),
				`<div hidden id="S:3">`+para("First.")+`<template id="P:4"></template></div><div hidden id="S:4">`+para("Second.")+`</div>`),
			[]string{"First.", "Second.", "Third."}, nil},
		// Must not fire.
		{"a hidden box with no template of its number stays hidden",
			page(para("First.")+para("Second.")+para("Third."), `<div hidden id="S:7">`+para("Secret draft.")+`</div>`),
			[]string{"First.", "Second.", "Third."}, []string{"Secret draft."}},
		{"a visible box named S:N is not a segment",
			page(`<template id="B:0"></template>`+para("First.")+para("Second."), `<div id="S:0"><p>Cookie settings</p></div>`),
			[]string{"First.", "Second."}, nil},
		{"the text after a template without comments is no fallback",
			page(`<template id="B:0"></template>`+para("First.")+para("Second."), `<div hidden id="S:0">`+para("Zeroth.")+`</div>`),
			[]string{"Zeroth.", "First.", "Second."}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Extract([]byte(tc.page), Options{URL: "https://example.com/n/1"})
			if err != nil {
				t.Fatal(err)
			}
			got, at := r.Article.Text, 0
			for _, w := range tc.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("text lacks %q after byte %d:\n%s", w, at, got)
				}
				at += i + len(w)
			}
			for _, w := range tc.not {
				if strings.Contains(got, w) {
					t.Errorf("text holds %q:\n%s", w, got)
				}
			}
		})
	}
}
