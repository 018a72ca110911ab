package body

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
)

// TestAltMatcher checks each altMatcher against the regexp it stands for
// on strings made of pieces of its own words.
func TestAltMatcher(t *testing.T) {
	for _, m := range []*altMatcher{unlikely, strong, maybe, commentHint, authorHint, positiveHint, negativeHint} {
		re := regexp.MustCompile(m.expr)
		var pieces []string
		for _, alt := range strings.Split(strings.NewReplacer(`\b`, "", "?", "").Replace(m.expr), "|") {
			pieces = append(pieces, alt)
			if len(alt) > 2 {
				pieces = append(pieces, alt[:len(alt)/2], alt[len(alt)/2:])
			}
		}
		pieces = append(pieces, " ", "-", "_", "s", "x", "9", "é", "\xff", "A")
		r := rand.New(rand.NewSource(1))
		for n := 0; n < 15000; n++ { // 100 000 when written; fewer keeps -race runs short
			var b strings.Builder
			for k := r.Intn(6); k > 0; k-- {
				b.WriteString(pieces[r.Intn(len(pieces))])
			}
			s := b.String()
			if got, want := m.MatchString(s), re.MatchString(s); got != want {
				t.Fatalf("%s on %q: %v, regexp says %v", m.expr, s, got, want)
			}
		}
	}
}
