package extract

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestLDBody: the JSON-LD articleBody stands in for the found text only
// when the page shows a small part of it.
func TestLDBody(t *testing.T) {
	para := "The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs and two rounds of public hearings. "
	long := strings.Repeat(para, 5)
	shown := `<article><h1>Pier to reopen</h1><p>` + para + `</p><p>The board's engineers said the new deck would carry twice the load of the old one, and that the work had come in under budget.</p><p>Ferry operators welcomed the decision, though two of them asked for longer berths than the plan allows.</p><p>Tickets go on sale in March at the harbour office and online, and season passes cost the same as last year.</p></article>`
	cases := []struct {
		name, body, decl string
		want, not        []string
	}{
		{
			name: "script-built page: the declared HTML body",
			body: `<div id="app"><p>Loading…</p></div>`,
			decl: `<p>` + long + `</p><p>Ferry operators asked for longer berths.</p>`,
			want: []string{"reopen the old pier", "\n\nFerry operators asked for longer berths."},
		},
		{
			name: "plain-text body: one paragraph a line",
			body: `<div id="app"></div>`,
			decl: long + "\n\nFerry operators asked for longer berths.",
			want: []string{"reopen the old pier", "\n\nFerry operators asked for longer berths."},
		},
		{
			name: "escaped HTML body",
			body: `<div id="app"></div>`,
			decl: `&lt;p&gt;` + long + `&lt;/p&gt;`,
			want: []string{"reopen the old pier"},
			not:  []string{"<p>", "&lt;"},
		},
		{
			name: "the page shows the article: its text stands",
			body: shown,
			decl: long,
			want: []string{"season passes cost the same"},
		},
		{
			name: "a short declared body never replaces the page",
			body: `<div id="app"><p>Loading…</p></div>`,
			decl: para,
			not:  []string{"reopen the old pier"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ld, err := json.Marshal(map[string]any{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Pier to reopen", "articleBody": tc.decl})
			if err != nil {
				t.Fatal(err)
			}
			page := `<html><head><script type="application/ld+json">` + string(ld) + `</script></head><body>` + tc.body + `</body></html>`
			r, err := Extract([]byte(page), Options{URL: "https://example.com/n/1"})
			if err != nil {
				t.Fatal(err)
			}
			checkText(t, r.Article.Text, tc.want, tc.not)
		})
	}
}
