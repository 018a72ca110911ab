package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// metaLine is one visible line of the page: the text between two block
// boundaries (block elements and <br>). Visible bylines, date lines and
// Chinese label lines (来源：… 作者：… 点击量：…) are read from these, so
// the document is walked once and the patterns run on short strings only.
type metaLine struct {
	text    string
	node    *html.Node // nearest block ancestor
	runes   int
	links   int  // runes inside <a>
	noise   bool // inside nav, footer, aside, comments, related or sidebar blocks
	heading int  // 1..6 inside <hN>, else 0
	hint    bool // inside an element whose class/id names a byline, author, date or info block
}

var (
	// metaNoiseRe: class/id tokens of containers whose dates and names are
	// not the article's (matched per token: "content-sidebar-wrap" is layout).
	metaNoiseRe = regexp.MustCompile(`(?i)^(?:comment|disqus|relate|recommend|breadcrumb|xgyd|xgwz|tuijian|remen)|^(?:footer|sidebar|hot|rank|popular|trending|most-?read|menu|nav|navbar|navigation|news-?list|reply|replies|more-?(?:news|stories|articles))(?:$|[-_\d])|[-_](?:comments?|related|footer|sidebar|recommend\w*|popular|trending|breadcrumbs?|menu|nav|navigation|replies|more)$|^(?:site|page|global)-?(?:header|footer|nav)`)
	// metaHintRe: containers that hold the byline and date.
	metaHintRe = regexp.MustCompile(`(?i)byline|author|writer|date|time|meta|info|source|publish|posted|dateline|attr|credit|editor|(?:^|[-_ ])(?:by|ly|ly_|laiyuan|zuozhe|fbsj|sj|rq)(?:$|[-_ \d])`)
)

var metaBlockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "center": true,
	"dd": true, "details": true, "dialog": true, "div": true, "dl": true, "dt": true, "fieldset": true,
	"figcaption": true, "figure": true, "footer": true, "form": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "header": true, "hgroup": true, "hr": true, "li": true, "main": true,
	"nav": true, "ol": true, "p": true, "pre": true, "section": true, "summary": true, "table": true,
	"tbody": true, "td": true, "tfoot": true, "th": true, "thead": true, "tr": true, "ul": true, "body": true,
	"option": true, "button": true,
}

// metaLines walks the body once and returns its visible lines in order.
func metaLines(root *html.Node) []metaLine {
	var lines []metaLine
	var b strings.Builder
	var cur metaLine
	links := 0
	flush := func() {
		t := mSpace(b.String())
		b.Reset()
		if t != "" {
			cur.text = t
			cur.runes = utf8.RuneCountInString(t)
			cur.links = links
			lines = append(lines, cur)
		}
		links = 0
	}
	var walk func(n *html.Node, block *html.Node, noise, hint bool, heading int, inLink bool)
	walk = func(n *html.Node, block *html.Node, noise, hint bool, heading int, inLink bool) {
		switch n.Type {
		case html.TextNode:
			if b.Len() == 0 {
				cur = metaLine{node: block, noise: noise, hint: hint, heading: heading}
			} else if hint {
				cur.hint = true
			}
			b.WriteString(n.Data)
			if inLink {
				links += utf8.RuneCountInString(strings.TrimSpace(n.Data))
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "svg", "head", "select", "textarea", "iframe", "object", "canvas":
				return
			}
			tag := n.Data
			isBlock := metaBlockTags[tag]
			if isBlock {
				flush()
				block = n
			} else if b.Len() > 0 {
				// Inline elements set side by side ("<span>By</span><span>Jane")
				// read as separate words; CSS puts the gap there.
				b.WriteByte(' ')
			}
			if tag == "nav" || ((tag == "aside" || tag == "footer") && !mHasArticleAncestor(n)) {
				noise = true
			}
			if cls := mAttr(n, "class") + " " + mAttr(n, "id"); len(cls) > 1 {
				if !noise && mNoiseClass(tag, cls) {
					noise = true
				}
				if !hint && metaHintRe.MatchString(cls) {
					hint = true
				}
			}
			if !hint && (mAttr(n, "itemprop") != "" || mAttr(n, "rel") == "author") {
				hint = true
			}
			if len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' {
				heading = int(tag[1] - '0')
			}
			if tag == "a" {
				inLink = true
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, block, noise, hint, heading, inLink)
			}
			if isBlock {
				flush()
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, block, noise, hint, heading, inLink)
		}
	}
	walk(root, nil, false, false, 0, false)
	flush()
	return lines
}

// mNoiseClass reports whether an element's class/id marks a block whose
// names and dates are not the article's. The page wrappers (body, main,
// article) are never noise, and CMS taxonomy classes ("category-related",
// "tag-hot") say what the post is about, not what the element is.
func mNoiseClass(tag, cls string) bool {
	switch tag {
	case "html", "body", "main", "article":
		return false
	}
	for _, tok := range strings.Fields(cls) {
		if strings.HasPrefix(tok, "category-") || strings.HasPrefix(tok, "tag-") || strings.HasPrefix(tok, "has-") || strings.HasPrefix(tok, "wp-") {
			continue
		}
		if metaNoiseRe.MatchString(tok) {
			return true
		}
	}
	return false
}
