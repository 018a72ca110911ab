package dom

import (
	"strings"
	"testing"
)

// benchTexts are text nodes of the shapes pages are made of: paragraphs
// of English, Chinese and Polish prose, and a short label.
var benchTexts = []struct{ name, s string }{
	{"english", strings.Repeat("The harbour board met on Monday and agreed to reopen the old pier to ferries, after three years of repairs. ", 6)},
	{"chinese", strings.Repeat("港口码头今天重新开放，第一班渡轮在清晨离港。", 8)},
	{"polish", strings.Repeat("Zarząd portu zgodził się w poniedziałek ponownie otworzyć stare molo dla promów. ", 6)},
	{"label", "Share this story"},
	{"indentation", "\n\t\t\t\t    \n\t\t"},
}

// benchText runs f on each of benchTexts.
func benchText(b *testing.B, f func(string)) {
	for _, tt := range benchTexts {
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(tt.s)))
			for b.Loop() {
				f(tt.s)
			}
		})
	}
}

func BenchmarkMeasure(b *testing.B) { benchText(b, func(s string) { Measure(s) }) }

func BenchmarkCollapse(b *testing.B) { benchText(b, func(s string) { Collapse(s) }) }
