package body

import (
	"strings"
	"testing"
)

// TestSourcesTail: a list of the sources an English text cites, headed
// "Sources", "Article Sources:" or "References" at the tail, goes with
// its block; the same head mid-text, a sentence starting with the word,
// and a scholarly bibliography stay.
func TestSourcesTail(t *testing.T) {
	para := `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs. The engineers said the new deck would carry twice the load.</p>`
	text := strings.Repeat(para, 6)
	refs := `<ul><li>Port Authority. Annual report on berths, 2023.</li><li>Coastal Survey. Pier load tests, volume 2.</li></ul>`
	cases := []struct {
		name, body string
		kept       bool
	}{
		{"Sources at the tail", text + `<h2>Sources</h2>` + refs, false},
		{"Article Sources: at the tail", text + `<p><strong>Article Sources:</strong></p>` + refs, false},
		{"References at the tail", text + `<h3>References</h3>` + refs, false},
		// Must not fire.
		{"References mid-text", para + `<h2>References</h2>` + refs + text, true},
		{"a sentence", text + `<p>Sources close to the board said:</p>` + refs, true},
		{"a bibliography", text + `<h2>Bibliography</h2>` + refs, true},
		{"Literatur", text + `<h2>Literatur</h2>` + refs, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := boilerplateText(t, tc.body)
			if strings.Contains(got, "Pier load tests") != tc.kept {
				t.Errorf("sources kept = %v, want %v in %q", !tc.kept, tc.kept, got)
			}
			if !strings.Contains(got, "harbour board met") {
				t.Errorf("the text went: %q", got)
			}
		})
	}
}
