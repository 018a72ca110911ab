package body

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/dom"
)

// TestWeakClassHeading: a weak furniture word in a class ("header") does
// not drop a heading inside the article, but still drops a small block
// of the same class; a strong word ("related") drops a heading too.
func TestWeakClassHeading(t *testing.T) {
	prose := `<p>` + strings.Repeat("The council approved the riverside tram extension on Tuesday after a long debate. ", 8) + `</p>`
	cases := []struct {
		name, el, text string
		kept           bool
	}{
		{"heading classed header", `<h2 class="section-header">Why the tram runs late</h2>`, "Why the tram runs late", true},
		{"heading classed footer", `<h3 class="block-footer-title">What comes next</h3>`, "What comes next", true},
		{"div classed header", `<div class="site-header">Harbour News Home</div>`, "Harbour News Home", false},
		{"heading classed related", `<h2 class="related-title">More tram stories</h2>`, "More tram stories", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(`<html><body><div class="main">` + prose + tc.el + prose + `</div></body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			preClean(doc, true)
			if got := strings.Contains(dom.BlockText(doc), tc.text); got != tc.kept {
				t.Errorf("%q kept = %v, want %v", tc.text, got, tc.kept)
			}
		})
	}
}
