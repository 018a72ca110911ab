package body

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
)

func TestStyleHidden(t *testing.T) {
	var h hiddenRules
	h.add(`body{margin:0} @media (max-width: 600px) { .narrow{display:none} .x{color:red} } .gone{display:none}
#title_desc, .share-copy { display : none; } .js .tab{display:none} @supports (display:grid){#grid{visibility:hidden}} .late{visibility:hidden}`)
	for sel, want := range map[string]bool{".gone": true, "#title_desc": true, ".share-copy": true, ".late": true, ".narrow": false, ".tab": false, "#grid": false, ".x": false} {
		got := h.ids[sel[1:]]
		if sel[0] == '.' {
			got = h.classes[sel[1:]]
		}
		if got != want {
			t.Errorf("%s hidden = %v, want %v", sel, got, want)
		}
	}
	page := `<html><head><style>#title_desc{display:none}</style></head><body><div class="main"><p>` +
		strings.Repeat("The council approved the riverside tram extension on Tuesday after a long debate. ", 8) +
		`</p></div><div id="title_desc"><p>A copy of the summary for the share widgets, hidden from readers.</p></div></body></html>`
	doc, _ := html.Parse(strings.NewReader(page))
	preClean(doc, true)
	if strings.Contains(dom.BlockText(doc), "share widgets") {
		t.Error("element hidden by the page's style sheet kept")
	}
}

// TestHiddenDialog checks which elements count as closed dialogs.
func TestHiddenDialog(t *testing.T) {
	cases := []struct {
		el   string
		want bool
	}{
		{`<div role="dialog" style="display: none">`, true},
		{`<div aria-modal="true" hidden>`, true},
		{`<dialog style="visibility:hidden">`, true},
		{`<div role="dialog">`, false},             // open: shown to the reader
		{`<div style="display:none">`, false},      // hidden, but no dialog
		{`<div aria-modal="false" hidden>`, false}, // not modal
		{`<section role="region" hidden>`, false},  // a landmark, not a dialog
	}
	for _, tc := range cases {
		doc, err := html.Parse(strings.NewReader("<html><body>" + tc.el + "x</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		body := dom.FindElement(doc, atom.Body)
		if got := hiddenDialog(body.FirstChild); got != tc.want {
			t.Errorf("%s: hiddenDialog = %v, want %v", tc.el, got, tc.want)
		}
	}
}
