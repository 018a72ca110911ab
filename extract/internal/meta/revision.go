package meta

import (
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"

	"newsarchive/extract/internal/date"
)

var hAtomUpdatedSel = cascadia.MustCompile(`.updated`)

// hAtomDate reads the date of an element whose class holds the bare
// token "updated", the hAtom microformat's marker, which blog themes put
// on the one date they show (<span class="entry-date updated">3. Mai
// 2021</span>). Themes put it on the revision date as well, so it counts
// only for a page that declares no date of its own, and never beside a
// date marked as the publication (<time class="published">) or inside
// comments and side lists.
func hAtomDate(root *html.Node, ctx date.Context) (date.Date, bool) {
	for i, n := range cascadia.QueryAll(root, hAtomUpdatedSel) {
		if i >= 10 {
			break
		}
		if mNoiseAncestor(n) || publishedBeside(n) {
			continue
		}
		if v := mAttr(n, "datetime"); v != "" {
			if d, ok := ctx.Value(v); ok {
				return d, true
			}
		}
		if t := mWords(n); len(t) <= 80 {
			if d, _, ok := date.Find(t, ctx); ok {
				return d, true
			}
		}
	}
	return date.Date{}, false
}

// publishedBeside: a sibling of n, or of its parent, is marked as the
// publication date (class "published", itemprop=datePublished, <time
// pubdate>) or is another <time> not marked as a revision.
func publishedBeside(n *html.Node) bool {
	for _, p := range [...]*html.Node{n.Parent, grandParent(n)} {
		if p == nil {
			continue
		}
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c == n || c.Type != html.ElementNode {
				continue
			}
			if publishedMark(c) || c.FirstChild != nil && c.FirstChild == c.LastChild && publishedMark(c.FirstChild) {
				return true
			}
		}
	}
	return false
}

func publishedMark(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	_, pubdate := mAttrOK(n, "pubdate")
	return strings.Contains(mAttr(n, "class"), "published") || mAttr(n, "itemprop") == "datePublished" || pubdate ||
		n.Data == "time" && !mModifiedMark(n)
}

func grandParent(n *html.Node) *html.Node {
	if n.Parent == nil {
		return nil
	}
	return n.Parent.Parent
}
