package extract

import (
	"strings"
	"testing"
)

// TestStandfirst: the lead under the headline that the page declares as
// its description is put in front of a text that lacks it, on pages in
// languages whose press prints the lead as the text's first paragraph.
func TestStandfirst(t *testing.T) {
	lead := "Der Hafenrat öffnet die alte Mole im Frühjahr wieder für Fähren, nach drei Jahren Reparaturen."
	text := strings.Repeat(`<p>Die Ingenieure sagten, das neue Deck trage doppelt so viel wie das alte, und die Arbeiten seien fast ein Zehntel billiger ausgefallen als geplant.</p>`, 6)
	page := func(lang, desc, header, body string) string {
		return `<html lang="` + lang + `"><head><meta name="description" content="` + desc + `"></head><body>` +
			`<header class="article-header">` + header + `</header><div class="article-body">` + body + `</div>` +
			`<ul class="menu">` + strings.Repeat(`<li><a href="/s">Ein anderer Bereich der Seite</a></li>`, 20) + `</ul></body></html>`
	}
	cases := []struct {
		name, page string
		first      string // the text's first paragraph
		count      int    // how often the lead's first words appear
	}{
		{"de lead in the header", page("de", lead, `<h1>Mole öffnet wieder</h1><p class="teaser">`+lead+`</p>`, text), lead, 1},
		{"de cut description", page("de", "Der Hafenrat öffnet die alte Mole im Frühjahr wieder für …", `<h1>Mole öffnet wieder</h1><p class="teaser">`+lead+`</p>`, text), lead, 1},
		{"en dek stays out", page("en", lead, `<h1>Mole öffnet wieder</h1><p class="dek">`+lead+`</p>`, text), "Die Ingenieure sagten", 0},
		{"de lead already the text's first paragraph", page("de", lead, `<h1>Mole öffnet wieder</h1>`, `<p>`+lead+`</p>`+text), lead, 1},
		{"de description only in a teaser link", page("de", lead, `<h1>Mole öffnet wieder</h1><p><a href="/m">`+lead+`</a></p>`, text), "Die Ingenieure sagten", 0},
		{"de tagline before the headline", page("de", lead, `<p class="claim">`+lead+`</p><h1>Mole öffnet wieder</h1>`, text), "Die Ingenieure sagten", 0},
		{"de short description", page("de", "Hafen und Fähren", `<h1>Mole öffnet wieder</h1><p class="teaser">Hafen und Fähren</p>`, text), "Die Ingenieure sagten", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Extract([]byte(tc.page), Options{URL: "https://example.com/n/1"})
			if err != nil {
				t.Fatal(err)
			}
			got := r.Article.Text
			if !strings.HasPrefix(got, tc.first) {
				t.Errorf("text starts %q, want %q", got[:min(len(got), 80)], tc.first)
			}
			if n := strings.Count(got, "Der Hafenrat öffnet"); n != tc.count {
				t.Errorf("lead %d times in %q, want %d", n, got, tc.count)
			}
		})
	}
}
