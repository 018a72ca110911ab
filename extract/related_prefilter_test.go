package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/body"
	"newsarchive/extract/internal/dom"
)

// hintElement is an element with the given class, id and aria-label
// ("" leaves the attribute out).
func hintElement(class, id, aria string) *html.Node {
	n := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, a := range []html.Attribute{{Key: "class", Val: class}, {Key: "id", Val: id}, {Key: "aria-label", Val: aria}} {
		if a.Val != "" {
			n.Attr = append(n.Attr, a)
		}
	}
	return n
}

// hintRef is the hint relatedByHint builds and gives mayHint.
func hintRef(n *html.Node) string {
	return body.ClassID(n) + " " + strings.ToLower(dom.Attr(n, "aria-label"))
}

func TestMayHintAttrs(t *testing.T) {
	for _, tc := range []struct {
		name, class, id, aria string
		want                  bool // mayHintAttrs
	}{
		{"related class", "post-related", "", "", true},
		{"read more in capitals", "", "READ-MORE", "", true},
		{"aria label", "box", "", "Stories you may Like", true},
		{"pinyin xg", "XGYD", "", "", true},
		{"kelvin sign lowers to k", "li\u212ae", "", "", true},
		{"no fragment", "content entry", "main", "Article body", false},
		{"fragment only across the join", "cor", "e", "", false},
		{"other attribute holds it", "box", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := hintElement(tc.class, tc.id, tc.aria)
			if tc.name == "other attribute holds it" {
				n.Attr = append(n.Attr, html.Attribute{Key: "data-role", Val: "related"})
			}
			got := mayHintAttrs(n)
			if got != tc.want {
				t.Errorf("mayHintAttrs = %v, want %v", got, tc.want)
			}
			if !got && mayHint(hintRef(n)) {
				t.Errorf("mayHintAttrs false but mayHint(%q) true", hintRef(n))
			}
		})
	}
}

// FuzzMayHintAttrs: where mayHintAttrs is false, so is mayHint of the
// hint it spares building.
func FuzzMayHintAttrs(f *testing.F) {
	for _, s := range [][3]string{{"post-related", "", ""}, {"box", "MORE", ""}, {"", "", "li\u212ae"}, {"İ", "x", "G"}} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, class, id, aria string) {
		n := hintElement(class, id, aria)
		if !mayHintAttrs(n) && mayHint(hintRef(n)) {
			t.Errorf("mayHintAttrs false but mayHint(%q) true", hintRef(n))
		}
	})
}
