package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropAtoms never hold article text: scripts, media players, form
// controls, navigation and sidebars.
var dropAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: false, atom.Canvas: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Input: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Option: true, atom.Link: true,
	atom.Meta: true, atom.Nav: true, atom.Aside: true, atom.Dialog: true,
	atom.Menu: true, atom.Audio: true, atom.Video: true, atom.Map: true,
	atom.Head: true, atom.Title: true, atom.Label: true,
}

// dropRoles are ARIA landmarks and widgets that are page furniture.
var dropRoles = map[string]bool{
	"navigation": true, "menu": true, "menubar": true, "complementary": true,
	"banner": true, "contentinfo": true, "dialog": true, "alertdialog": true,
	"search": true, "tablist": true, "toolbar": true, "button": true,
}

// unlikely matches class/id values of page furniture (after Readability,
// plus share bars, newsletters, cookie banners, prev/next and copyright
// notices). A match is overruled by maybe, since "comment-body" or
// "main-header" may still wrap the article.
var unlikely = regexp.MustCompile(`-ad-|\bads?\b|advert|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|cookie|consent|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|share|sharing|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|modal|newsletter|subscribe|signup|promo|recommend|popular|trending|most-?read|toolbar|copyright|disclaimer|prev-?next|nextprev|byline|outbrain|taboola|dateline`)

var maybe = regexp.MustCompile(`\band\b|article|body|column|content|main|mathjax|shadow|entry|post-?text|story`)

// hiddenStyle matches inline styles that hide an element.
var hiddenStyle = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)

// preClean removes what can never be article text. With strict it also
// removes elements whose class/id look like furniture; the body finder
// retries without strict when that leaves too little.
func preClean(root *html.Node, strict bool) {
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if dropNode(c, strict) {
				n.RemoveChild(c)
			} else {
				walk(c)
			}
			c = next
		}
	}
	walk(root)
}

func dropNode(n *html.Node, strict bool) bool {
	switch n.Type {
	case html.CommentNode, html.DoctypeNode:
		return true
	case html.ElementNode:
	default:
		return false
	}
	if dropAtoms[n.DataAtom] {
		return true
	}
	if n.DataAtom == 0 && (n.Data == "fb:like" || strings.HasPrefix(n.Data, "amp-ad") || n.Data == "amp-analytics") {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" && n.DataAtom != atom.Img && n.DataAtom != atom.Figure && n.DataAtom != atom.Picture {
				return true
			}
		case "role":
			if dropRoles[strings.ToLower(a.Val)] {
				return true
			}
		case "style":
			if hiddenStyle.MatchString(a.Val) {
				return true
			}
		}
	}
	if n.DataAtom == atom.Footer {
		return true
	}
	if !strict {
		return false
	}
	switch n.DataAtom {
	case atom.Body, atom.Html, atom.A, atom.Article, atom.Main, atom.Img, atom.Table, atom.Tbody, atom.Tr, atom.Td, atom.Pre, atom.Code, atom.P, atom.Figure, atom.Figcaption:
		return false
	}
	if n.DataAtom == atom.Header {
		return true
	}
	ci := classID(n)
	if ci == "" {
		return false
	}
	return unlikely.MatchString(ci) && !maybe.MatchString(ci)
}
