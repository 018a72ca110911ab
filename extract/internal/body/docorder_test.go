package body

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// documentOrder numbers the nodes under root in document (pre-)order, as
// the body finder once did to break its ties.
func documentOrder(root *html.Node) map[*html.Node]int {
	order := map[*html.Node]int{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		order[n] = len(order)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return order
}

// checkDocBefore: docBefore orders every pair of nodes of page as their
// numbers in document order do.
func checkDocBefore(t *testing.T, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	order := documentOrder(doc)
	var nodes []*html.Node
	for n := range order {
		nodes = append(nodes, n)
	}
	for _, a := range nodes {
		for _, b := range nodes {
			if got, want := docBefore(a, b), order[a] < order[b]; got != want {
				t.Fatalf("on %q docBefore(<%s %q>, <%s %q>) = %v, want %v", page, a.Data, a.Data, b.Data, b.Data, got, want)
			}
		}
	}
}

var docOrderPages = []struct{ name, page string }{
	{"wrapper and only child", `<div><div><p>The pier reopened.</p></div></div>`},
	{"siblings and cousins", `<div><p>a</p><p>b<b>c</b></p></div><section><p>d</p><ul><li>e</li><li>f</li></ul></section>`},
	{"deep and shallow", `<p>x</p><div><div><div><div><span>y</span></div></div></div></div><p>z</p>`},
	{"text and comments", `<div>one<!-- note -->two<p>three</p>four</div>`},
}

func TestDocBefore(t *testing.T) {
	for _, tt := range docOrderPages {
		t.Run(tt.name, func(t *testing.T) { checkDocBefore(t, tt.page) })
	}
	t.Run("two trees", func(t *testing.T) {
		a, b := &html.Node{Type: html.ElementNode, Data: "p"}, &html.Node{Type: html.ElementNode, Data: "p"}
		if docBefore(a, b) || docBefore(b, a) {
			t.Error("nodes of two trees are ordered")
		}
	})
}

// FuzzDocBefore: on any page docBefore agrees with the numbering.
func FuzzDocBefore(f *testing.F) {
	for _, tt := range docOrderPages {
		f.Add(tt.page)
	}
	f.Fuzz(func(t *testing.T, page string) {
		if len(page) > 2000 {
			return // every pair is compared: keep the pages small
		}
		checkDocBefore(t, page)
	})
}
