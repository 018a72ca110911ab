package body

import (
	"strings"
	"testing"
)

// TestTailBio: a short box with the writer's picture and a link to the
// writer's page, at the tail of the body, goes, whatever its class; the
// same shape inside the text, a short post under its writer's picture, or
// a box without a picture or an author link stays.
func TestTailBio(t *testing.T) {
	article := `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs and two rounds of public hearings.</p><p>The board's engineers said the new deck would carry twice the load of the old one, and that the work had come in under budget by almost a tenth.</p><p>Ferry operators welcomed the decision, though two of them asked for longer berths than the plan allows, and the board promised to look again in May.</p>`
	bio := `<div class=box-7><img src="/i/jane.jpg" alt=""><p>Jane Roe covers the harbour and the islands for the Courier.</p><a href="/authors/jane-roe/">More by Jane</a></div>`
	cases := []struct {
		name string
		body string
		gone bool
	}{
		{"bio at the tail", article + bio, true},
		{"bio with rel=author", article + `<div><img src="/i/jane.jpg"><p>Jane Roe covers the harbour and the islands for the Courier.</p><a rel=author href="/jane">Jane Roe</a></div>`, true},
		{"bio followed by share links only", article + bio + `<div><a href="/s/1">Share</a></div>`, true},
		{"the same box inside the text", bio + article, false},
		{"a short post under its writer's picture", `<p>Jane Roe covers the harbour and the islands for the Courier.</p>` + strings.Replace(bio, "covers", "writes about", 1), false},
		{"no picture", article + `<div><p>Jane Roe covers the harbour and the islands for the Courier.</p><a href="/authors/jane-roe/">More by Jane</a></div>`, false},
		{"no author link", article + `<div><img src="/i/pier.jpg"><p>Jane Roe covers the harbour and the islands for the Courier.</p><a href="/news/pier">The pier</a></div>`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := prunedText(t, tc.body)
			if got := !strings.Contains(text, "covers the harbour and the islands"); got != tc.gone {
				t.Errorf("bio gone = %v, want %v in %q", got, tc.gone, text)
			}
		})
	}
}
