package body

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
)

// firstSegmentRef is firstSegment as it was written, read in document
// order: the text copied out node by node up to the first <br>, given up
// past 200 bytes.
func firstSegmentRef(n *html.Node) string {
	var b strings.Builder
	for _, c := range append([]*html.Node{n}, slices.Collect(n.Descendants())...) {
		if c.Type == html.TextNode {
			if b.WriteString(c.Data); b.Len() > 200 {
				return ""
			}
		} else if c.Type == html.ElementNode && c.DataAtom == atom.Br {
			return dom.Collapse(b.String())
		}
	}
	return ""
}

// checkFirstSegment compares firstSegment with its written-out reading on
// every node of the page.
func checkFirstSegment(t *testing.T, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	for n := range doc.Descendants() {
		if got, want := firstSegment(n), firstSegmentRef(n); got != want {
			t.Errorf("firstSegment(<%s> of %q) = %q, want %q", n.Data, page, got, want)
		}
	}
}

var segmentPages = []struct{ name, page string }{
	{"heading then text", "<p>Disclaimer:<br>The views here are the writer's own.</p>"},
	{"no break", "<p>The pier reopened on Monday.</p>"},
	{"break deep inside", "<p><b>Notice <i>to readers</i></b><span><br></span>more</p>"},
	{"break after 200 bytes", "<p>" + strings.Repeat("long text ", 25) + "<br>after</p>"},
	{"break at 200 bytes", "<p>" + strings.Repeat("x", 200) + "<br>after</p>"},
	{"empty segment", "<p><br>text</p>"},
}

func TestFirstSegmentGathered(t *testing.T) {
	for _, tt := range segmentPages {
		t.Run(tt.name, func(t *testing.T) { checkFirstSegment(t, tt.page) })
	}
}

// FuzzFirstSegment: the gathered text gives what the copied text gave,
// on any page.
func FuzzFirstSegment(f *testing.F) {
	var all []string
	for _, tt := range segmentPages {
		f.Add(tt.page)
		all = append(all, tt.page)
	}
	f.Add("<div>" + strings.Join(all, "") + "</div>")
	f.Fuzz(checkFirstSegment)
}
