package body

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/dom"
)

// TestCommentableText: a box classed for comments on the text itself
// (inline annotation: "commentable", "commentOnSelection") is the text
// and stays; a box of reader comments is still dropped, however long.
func TestCommentableText(t *testing.T) {
	prose := strings.Repeat(`<p>The council approved the riverside tram extension on Tuesday after a long debate about costs and noise.</p>`, 10)
	cases := []struct {
		name, class string
		kept        bool
	}{
		{"comment on selection", "commentOnSelection", true},
		{"commentable text", "commentable is-annotated", true},
		{"comment on selection, hyphenated", "comment-on-selection", true},
		// Must not fire.
		{"a comment thread", "comments-area", false},
		{"a comment list", "commentlist", false},
		{"one reader comment", "comment-item", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(`<html><body><h1>Tram</h1><div class="` + tc.class + `">` + prose + `</div><p>Short note.</p></body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			preClean(doc, true)
			if got := strings.Contains(dom.BlockText(doc), "riverside tram"); got != tc.kept {
				t.Errorf("class %q: text kept = %v, want %v", tc.class, got, tc.kept)
			}
		})
	}
}
