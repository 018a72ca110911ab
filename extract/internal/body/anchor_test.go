package body

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestNamedAnchorNotLink: a jump target without href that the parser
// stretches over blocks is not link text; a link, even around blocks,
// and a bare <a> inside a line still are.
func TestNamedAnchorNotLink(t *testing.T) {
	sentence := "The council approved the riverside tram extension on Tuesday after a long debate."
	cases := []struct {
		name    string
		el      string
		linkful bool // the block's text counts as link text
	}{
		{"unclosed named anchor over a section", `<a name="part2"><h2>Part 2</h2><p>` + sentence + `</p><p>` + sentence + `</p>`, false},
		{"link card around blocks", `<a href="/story/9"><h3>Another story</h3><p>` + sentence + `</p></a>`, true},
		{"inline anchor without href", `<p><a class="more">` + sentence + `</a></p>`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(`<html><body><div id="x">` + tc.el + `</div></body></html>`))
			if err != nil {
				t.Fatal(err)
			}
			s := NewScorer(doc)
			var box *html.Node
			var find func(*html.Node)
			find = func(n *html.Node) {
				if ClassID(n) == " x" {
					box = n
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					find(c)
				}
			}
			find(doc)
			if got := s.Link(box)*2 > s.Text(box); got != tc.linkful {
				t.Errorf("link %d of text %d: linkful = %v, want %v", s.Link(box), s.Text(box), got, tc.linkful)
			}
		})
	}
}
