package meta

import (
	"strings"
	"testing"
)

// mHintClassRef is mHintClass written plainly: a strings.Contains per part.
func mHintClassRef(cls string) bool {
	cls = strings.ToLower(cls)
	for _, p := range hintParts {
		if strings.Contains(cls, p) {
			return true
		}
	}
	for tok := range strings.FieldsSeq(cls) {
		for _, w := range hintWords {
			if tokenHead(tok, w) {
				return true
			}
		}
	}
	return false
}

var hintClassCases = []string{
	"", "post-byline", "entry-meta clearfix", "Author-Name", "article-date", "pubtime", "source",
	"col-md-8 main", "ly", "sj2", "by-line", "nav menu", "creditline", "EDITOR", "x-infobox", "metadata",
	"attribution", "postedon", "pub", "publ", "dat", "tim", "é-date",
}

func TestMHintClassOnePass(t *testing.T) {
	for _, c := range hintClassCases {
		if got, want := mHintClass(c), mHintClassRef(c); got != want {
			t.Errorf("mHintClass(%q) = %v, want %v", c, got, want)
		}
	}
}

// FuzzMHintClass: the one-pass search agrees with a Contains per part.
func FuzzMHintClass(f *testing.F) {
	for _, c := range hintClassCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, c string) {
		if got, want := mHintClass(c), mHintClassRef(c); got != want {
			t.Errorf("mHintClass(%q) = %v, want %v", c, got, want)
		}
	})
}
