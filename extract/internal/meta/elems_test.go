package meta

import (
	"slices"
	"strings"
	"testing"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// The selectors the walk of pageElems replaces.
var (
	timeSelRef    = cascadia.MustCompile(`time[datetime], [itemprop~=datePublished], [itemprop~=dateCreated]`)
	modTimeSelRef = cascadia.MustCompile(`[itemprop~=dateModified]`)
)

// checkPageElems compares the lists of pageElems with cascadia's QueryAll
// of each selector and returns how many elements they hold.
func checkPageElems(t *testing.T, page string) int {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Skip(err)
	}
	el := newPageElems(root).get()
	n := 0
	for _, c := range []struct {
		name string
		got  []*html.Node
		sel  cascadia.Matcher
	}{
		{"byline", el.byline, bylineSel},
		{"authorLinks", el.authorLinks, authorLinkSel},
		{"times", el.times, timeSelRef},
		{"modTimes", el.modTimes, modTimeSelRef},
	} {
		if want := cascadia.QueryAll(root, c.sel); !slices.Equal(c.got, want) {
			t.Errorf("%s of %q: %d elements, QueryAll %d", c.name, page, len(c.got), len(want))
		}
		n += len(c.got)
	}
	return n
}

func TestPageElems(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		want       int // elements in all four lists
	}{
		{"time with datetime", `<p><time datetime="2024-09-05">5 Sep</time></p>`, 1},
		{"time without datetime", `<p><time>5 Sep</time></p>`, 0},
		{"datetime on another element", `<p><span datetime="2024-09-05">5 Sep</span></p>`, 0},
		{"published and modified in one itemprop", `<span itemprop="datePublished dateModified" content="2024-09-05"></span>`, 2},
		{"itemprop words split on a tab", "<span itemprop=\"name\tdateCreated\">x</span>", 1},
		{"itemprop word in other case", `<span itemprop="DatePublished">x</span>`, 0},
		{"itemprop word as a part", `<span itemprop="datePublishedX">x</span>`, 0},
		{"vertical tab does not split", "<span itemprop=\"name\vdateModified\">x</span>", 0},
		{"nested byline and author link", `<div class="byline">By <a href="/author/jane-roe" rel="author">Jane Roe</a></div>`, 3},
		{"author id and testid", `<p id="story-author">x</p><p data-testid="byline-name">y</p>`, 2},
		{"no matches", `<div class="content"><p>The harbour board met.</p></div>`, 0},
		{"order across lists", `<header><time datetime="2024-09-05" itemprop="dateModified">x</time><span class="author">Jane</span></header><footer><time datetime="2024-09-06">y</time></footer>`, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if n := checkPageElems(t, tc.page); n != tc.want {
				t.Errorf("%d elements, want %d", n, tc.want)
			}
		})
	}
}

// FuzzPageElems: the one walk finds what the four QueryAll calls find, in
// the same order, on any page.
func FuzzPageElems(f *testing.F) {
	for _, s := range []string{
		`<time datetime="2024-09-05">x</time><span itemprop="datePublished dateModified">y</span>`,
		`<div class="byline"><a href="/author/jane" rel="author">Jane</a></div>`,
		"<span itemprop=\"a\fdateCreated\">x</span><svg><time datetime=1>z</time></svg>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		checkPageElems(t, page)
	})
}

// bylineSelRef is bylineSel with its class and id words looked for as
// they were, a strings.Contains per word; bylineSel judges each of the
// other attributes alone.
func bylineSelRef(n *html.Node) bool {
	containsWords := map[string][]string{
		"class": {"byline", "Byline", "author", "Author", "writer", "rich_media_meta_text"},
		"id":    {"byline", "author"},
	}
	for _, a := range n.Attr {
		words := containsWords[a.Key]
		if words == nil || a.Namespace != "" || n.Type != html.ElementNode {
			if bylineSel(&html.Node{Type: n.Type, Data: n.Data, Attr: []html.Attribute{a}}) {
				return true
			}
			continue
		}
		for _, w := range words {
			if strings.Contains(a.Val, w) {
				return true
			}
		}
	}
	return false
}

func TestBylineSel(t *testing.T) {
	for _, tc := range []struct {
		name, key, val string
		want           bool
	}{
		{"byline class", "class", "post-byline", true},
		{"capital author class", "class", "AuthorName", true},
		{"writer class", "class", "story-writer", true},
		{"public account strip", "class", "rich_media_meta rich_media_meta_text", true},
		{"writer id is no byline", "id", "writer", false},
		{"author id", "id", "author-box", true},
		{"cut word", "class", "autho", false},
		{"other case in id", "id", "Byline", false},
		{"layout", "class", "col-md-8", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: tc.key, Val: tc.val}}}
			got, ref := bylineSel(n), bylineSelRef(n)
			if got != ref || got != tc.want {
				t.Errorf("bylineSel = %v, the Contains form %v, want %v", got, ref, tc.want)
			}
		})
	}
}

// FuzzBylineSel: bylineSel is its Contains form on any class and id.
func FuzzBylineSel(f *testing.F) {
	f.Add("post-byline", "author")
	f.Add("rich_media_meta_text", "x")
	f.Add("Autho", "bylin")
	f.Fuzz(func(t *testing.T, class, id string) {
		n := &html.Node{Type: html.ElementNode, Data: "span", Attr: []html.Attribute{{Key: "class", Val: class}, {Key: "id", Val: id}}}
		if got, want := bylineSel(n), bylineSelRef(n); got != want {
			t.Errorf("bylineSel(class %q, id %q) = %v, the Contains form %v", class, id, got, want)
		}
	})
}
