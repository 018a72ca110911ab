package render

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/dom"
)

// writtenOut is the paragraph writer textParas used before dom.Collapser:
// the text written out, then collapsed.
type writtenOut struct{ b strings.Builder }

func (w *writtenOut) WriteString(s string) { w.b.WriteString(s) }
func (w *writtenOut) String() string       { return dom.Collapse(w.b.String()) }
func (w *writtenOut) Reset()               { w.b.Reset() }

// checkParas: textParas gives the paragraphs and owners the written-out
// path gives.
func checkParas(t *testing.T, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	paras, owners := textParas(doc)
	wantParas, wantOwners := textParasWith(doc, &writtenOut{})
	if !slices.Equal(paras, wantParas) || !slices.Equal(owners, wantOwners) {
		t.Errorf("textParas(%q) = %q, want %q (or the owners differ)", page, paras, wantParas)
	}
}

var parasPages = []struct{ name, page string }{
	{"paragraphs", "<p>The pier  reopened.</p><p>Crews <a href=/x>left</a>, and\nthe board met.</p>"},
	{"breaks and cells", "<div>one<br>two</div><table><tr><td>a</td><td> b</td></tr></table>"},
	{"captions left out", "<figure><img src=a.jpg><figcaption>Photo: Jane Roe</figcaption></figure><p>Text.</p>"},
	{"rune split over nodes", "<p>\xe2\x82<b>\xac</b> 5</p><p>next</p>"},
	{"white space only", "<p> \u00a0 </p><div>\u3000</div>"},
}

func TestTextParasCollapsing(t *testing.T) {
	for _, tt := range parasPages {
		t.Run(tt.name, func(t *testing.T) { checkParas(t, tt.page) })
	}
}

// FuzzTextParas: collapsing each paragraph as it comes gives what the
// written-out text gives, on any page.
func FuzzTextParas(f *testing.F) {
	for _, tt := range parasPages {
		f.Add(tt.page)
	}
	f.Fuzz(checkParas)
}
