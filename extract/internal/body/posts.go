package body

import (
	"strings"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/dom"
)

// A blog's home or archive page can carry several whole posts, each under
// its own title, one after another. Such a page is a listing — each post
// has a page of its own for the crawler to follow — and the one article
// it can stand for is the first (the newest) post, so the later posts are
// cut before the body is looked for.

// postBodyTokens are the class names blog software gives a post's body.
// "article-body" is left out: news pages split one story over several.
var postBodyTokens = map[string]bool{
	"post-body": true, "postbody": true, "post_body": true,
	"post-content": true, "postcontent": true, "post_content": true,
	"post-text": true, "posttext": true, "post-entry": true,
	"entry-content": true, "entry_content": true, "entrycontent": true,
	"entry-body": true, "entry-text": true,
}

// minPostText is the least text (see measure) a post body must hold to
// count: teaser cards do not make a page of posts.
const minPostText = 100

// dropLaterPosts removes every post after the first when root holds two
// or more post bodies side by side, each under a title of its own, and
// reports whether it did.
func dropLaterPosts(root *html.Node) bool {
	var units []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if isPostBody(c) {
				if l, _ := dom.Measure(dom.BlockText(c)); l >= minPostText {
					units = append(units, c)
				}
				continue // a post body inside a post body is the same post
			}
			walk(c)
		}
	}
	walk(root)
	if len(units) < 2 {
		return false
	}
	c := commonAncestor(units[0], units[1])
	if c == nil {
		return false
	}
	first, second := childToward(c, units[0]), childToward(c, units[1])
	if first == nil || second == nil || first == second || !samePostShell(first, second) || !titledBefore(second, units[1]) {
		return false
	}
	var drop []*html.Node
	for _, u := range units[1:] {
		if p := childToward(c, u); p != nil && p != first && !inNodes(u, drop) && samePostShell(first, p) {
			drop = append(drop, p)
		}
	}
	for _, p := range drop {
		if p.Parent != nil {
			p.Parent.RemoveChild(p)
		}
	}
	return len(drop) > 0
}

func isPostBody(n *html.Node) bool {
	for tok := range strings.FieldsSeq(dom.Attr(n, "class")) {
		if postBodyTokens[strings.ToLower(tok)] {
			return true
		}
	}
	return false
}

// commonAncestor is the nearest element holding both a and b.
func commonAncestor(a, b *html.Node) *html.Node {
	seen := map[*html.Node]bool{}
	for p := a.Parent; p != nil; p = p.Parent {
		seen[p] = true
	}
	for p := b.Parent; p != nil; p = p.Parent {
		if seen[p] {
			return p
		}
	}
	return nil
}

// childToward is the child of anc on the way down to n.
func childToward(anc, n *html.Node) *html.Node {
	for p := n; p != nil; p = p.Parent {
		if p.Parent == anc {
			return p
		}
	}
	return nil
}

// samePostShell: two posts of one listing come in the same wrapper.
func samePostShell(a, b *html.Node) bool {
	return a.Type == html.ElementNode && a.DataAtom == b.DataAtom && a.Data == b.Data && dom.Attr(a, "class") == dom.Attr(b, "class")
}

// titledBefore reports a heading or an element whose class names a title
// inside shell before body: each post of a listing is titled.
func titledBefore(shell, body *html.Node) bool {
	found, done := false, false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !found && !done; c = c.NextSibling {
			if c == body {
				done = true
				return
			}
			if c.Type != html.ElementNode {
				continue
			}
			if IsHeading(c) && dom.BlockText(c) != "" || strings.Contains(strings.ToLower(dom.Attr(c, "class")), "title") && dom.BlockText(c) != "" {
				found = true
				return
			}
			walk(c)
		}
	}
	walk(shell)
	return found
}
