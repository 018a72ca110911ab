package extract

import (
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/dom"
)

// TestNodeTextMax checks nodeTextMax against nodeText: the same text when
// it answers, and a text over the limits when it gives up.
func TestNodeTextMax(t *testing.T) {
	pieces := []string{"a", "Bc ", " ", "\n\t", "中文", "\u3000", "\u00a0", "\u200b", "\xe4\xb8", "\xad", "\ufffd", "<b>", "</b>", "<p>", "</p>", "<br>", "<div>x</div>", "<script>var a</script>", "2025-03-14"}
	r := rand.New(rand.NewSource(1))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.Intn(30); k > 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		doc, err := html.Parse(strings.NewReader(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		want := dom.BlockText(doc)
		maxRunes, maxBytes := r.Intn(20), r.Intn(40)
		got, ok := dom.BlockTextMax(doc, maxRunes, maxBytes)
		if ok && got != want {
			t.Fatalf("%q: %q, nodeText %q", b.String(), got, want)
		}
		if !ok && utf8.RuneCountInString(want) <= maxRunes && len(want) <= maxBytes {
			t.Fatalf("%q: gave up on %q (limits %d runes, %d bytes)", b.String(), want, maxRunes, maxBytes)
		}
	}
}
