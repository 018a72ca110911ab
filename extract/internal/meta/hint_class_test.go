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

// FuzzMHintClass: the one-pass search agrees with a Contains per part,
// the one-token path (hintToken) with the one-pass search, and the
// four-byte switch (hasHintPart) with a Contains per part.
func FuzzMHintClass(f *testing.F) {
	for _, c := range hintClassCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, c string) {
		if got, want := mHintClass(c), mHintClassRef(c); got != want {
			t.Errorf("mHintClass(%q) = %v, want %v", c, got, want)
		}
		if got, want := hintToken(c), mHintClass(c); got != want {
			t.Errorf("hintToken(%q) = %v, mHintClass %v", c, got, want)
		}
		if got, want := hasHintPart(c), hintPartRef(c); got != want {
			t.Errorf("hasHintPart(%q) = %v, Contains per part %v", c, got, want)
		}
	})
}

// TestHintToken: the one-token path agrees with mHintClass on tokens it
// reads itself and on those it hands over (capitals, white space, bytes
// outside ASCII).
func TestHintToken(t *testing.T) {
	for _, tc := range []struct {
		name, tok string
		want      bool
	}{
		{"part inside", "post-byline", true},
		{"pinyin head", "sj2", true},
		{"pinyin inside is no head", "xsj", false},
		{"layout", "col-md-8", false},
		{"capitals", "Author-Name", true},
		{"a space splits", "x by", true},
		{"vertical tab splits", "x\vly", true},
		{"no-break space splits", "x\u00a0by", true},
		{"accented", "é-date", true},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ref := hintToken(tc.tok), mHintClass(tc.tok)
			if got != ref || got != tc.want {
				t.Errorf("hintToken(%q) = %v, mHintClass %v, want %v", tc.tok, got, ref, tc.want)
			}
		})
	}
}

// hintPartRef is what hasHintPart replaces: a strings.Contains per part.
func hintPartRef(s string) bool {
	for _, p := range hintParts {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// TestHasHintPart: the four-byte switch finds every part, at the start,
// inside and at the end, and no head of a part that is not there whole.
func TestHasHintPart(t *testing.T) {
	type hintPartCase struct {
		name, s string
		want    bool
	}
	cases := []hintPartCase{
		{"head of byline only", "x-byli", false},
		{"head of publish only", "publi", false},
		{"posted cut", "poste", false},
		{"three bytes of date", "dat", false},
		{"part after its own head", "autauthor", true},
		{"capitals are not lowered here", "AUTHOR", false},
		{"empty", "", false},
	}
	for _, p := range hintParts {
		cases = append(cases,
			hintPartCase{p + " alone", p, true},
			hintPartCase{p + " inside", "x-" + p + "-y", true},
			hintPartCase{p + " cut by one byte", p[:len(p)-1], false})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ref := hasHintPart(tc.s), hintPartRef(tc.s)
			if got != ref || got != tc.want {
				t.Errorf("hasHintPart(%q) = %v, Contains per part %v, want %v", tc.s, got, ref, tc.want)
			}
		})
	}
}
