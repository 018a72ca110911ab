package body

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
	"newsarchive/extract/internal/render"
)

// TestFormBoxes: the plea around a sign-up or lead form goes with the
// form, by its structure, whatever its words; an article that shares a
// wrapper with a comment form, a product card with a "buy" button, a code
// sample with a "copy" button and a page wrapped in one <form> keep their
// text.
func TestFormBoxes(t *testing.T) {
	article := `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs and two rounds of public hearings.</p><p>The board's engineers said the new deck would carry twice the load of the old one, and that the work had come in under budget by almost a tenth.</p><p>Ferry operators welcomed the decision, though two of them asked for longer berths than the plan allows, and the board promised to look again in May.</p>`
	cases := []struct {
		name string
		page string
		gone []string
		kept []string
	}{
		{
			name: "newsletter box after the article",
			page: `<div class=story>` + article + `</div><div class=box><h3>Stay in the loop</h3><p>Get the week's harbour news in your inbox.</p><form><input type=email placeholder="Email"><button>Go</button></form></div>`,
			gone: []string{"Stay in the loop", "harbour news in your inbox"},
			kept: []string{"The harbour board met"},
		},
		{
			name: "lead form inside the article",
			page: `<div class=story>` + article + `<div><h4>Request our free pier guide</h4><p>Fill out the form to get a copy.</p><form><input name=name><input type=email></form></div></div>`,
			gone: []string{"free pier guide", "Fill out the form"},
			kept: []string{"The harbour board met", "look again in May"},
		},
		{
			name: "a short post beside its comment form",
			page: `<div id=content><div class=post><p>Our second boat arrived today. Here is a picture of it at the pier.</p></div><h2>Say your words</h2><form><p><input type=text name=author> Name</p><textarea></textarea></form></div>`,
			kept: []string{"Our second boat arrived today"},
		},
		{
			name: "product cards with buy buttons",
			page: `<div class=story>` + article + `<div class=card><h3>Deck shoes</h3><p>Grippy soles for wet planks.</p><button>Buy now</button></div></div>`,
			kept: []string{"Grippy soles for wet planks"},
		},
		{
			name: "a page wrapped in one form",
			page: `<form id=aspnetForm><input type=hidden name=__VIEWSTATE value=x><div class=story>` + article + `</div><div class=search><input type=search name=q></div></form>`,
			kept: []string{"The harbour board met", "look again in May"},
		},
		{
			name: "a code sample with its input",
			page: `<div class=story>` + article + `<div><p>Try it:</p><pre><code>pier.open()</code></pre><input type=text value="pier"></div></div>`,
			kept: []string{"pier.open()"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body>" + tc.page + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			preClean(doc, true)
			text := render.BodyText(dom.FindElement(doc, atom.Body))
			for _, g := range tc.gone {
				if strings.Contains(text, g) {
					t.Errorf("%q kept in %q", g, text)
				}
			}
			for _, k := range tc.kept {
				if !strings.Contains(text, k) {
					t.Errorf("%q dropped from %q", k, text)
				}
			}
		})
	}
}
