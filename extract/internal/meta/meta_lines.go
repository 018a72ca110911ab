package meta

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/dom"
)

// metaLine is one visible line of the page: the text between two block
// boundaries (block elements and <br>). Visible bylines, date lines and
// Chinese label lines (来源：… 作者：… 点击量：…) are read from these, so
// the document is walked once and the patterns run on short strings only.
//
// The flags come last, side by side: a page has thousands of lines.
type metaLine struct {
	text    string
	node    *html.Node // nearest block ancestor
	runes   int
	links   int // runes inside <a>
	heading int // 1..6 inside <hN>, else 0

	// noiseAt is the outermost element that makes the line noise, and
	// deepNoise says a second one sits inside it: see unNoiseTitleBlock.
	noiseAt *html.Node

	noise     bool // inside nav, footer, aside, comments, related or sidebar blocks
	hint      bool // inside an element whose class/id names a byline, author, date or info block
	deepNoise bool
}

// Class and id names are matched by hand, token by token: this runs on
// every element of every page, where a regular expression per element
// cost more than the rest of the metadata finders together.
var (
	// Tokens starting with these mark containers whose dates and names are
	// not the article's.
	noisePrefixes = []string{"comment", "disqus", "relate", "recommend", "breadcrumb", "xgyd", "xgwz", "tuijian", "remen"}
	// Tokens that are, or start with, these words followed by - _ or a
	// digit ("footer-links", "nav2"): "content-sidebar-wrap" is layout.
	noiseWords = []string{"footer", "sidebar", "hot", "rank", "popular", "trending", "mostread", "most-read", "menu", "nav", "navbar", "navigation", "newslist", "news-list", "reply", "replies", "more-news", "morenews", "more-stories", "more-articles"}
	// Tokens ending in -word or _word ("site-footer", "post_comments").
	noiseSuffixes = []string{"comment", "comments", "related", "footer", "sidebar", "recommend", "recommended", "recommendations", "popular", "trending", "breadcrumb", "breadcrumbs", "menu", "nav", "navigation", "replies", "more"}
	// Substrings of class/id names of byline and date blocks.
	hintParts = []string{"byline", "author", "writer", "date", "time", "meta", "info", "source", "publish", "posted", "attr", "credit", "editor"}
	// Whole tokens (or token heads before - _ digit) that are pinyin or
	// short names of the same blocks: ly (来源), zuozhe, fbsj (发布时间).
	hintWords = []string{"by", "ly", "laiyuan", "zuozhe", "fbsj", "sj", "rq"}
	// hintWordFirst marks the bytes hintWords open with: a token that
	// opens with none is no head of one.
	hintWordFirst = func() (t [256]bool) {
		for _, w := range hintWords {
			t[w[0]] = true
		}
		return t
	}()
)

// hasHintPart reports whether s holds one of hintParts. The parts have
// distinct first four bytes, so each position of s is read as one 32-bit
// word and compared in one switch; only a part's head is then compared
// in full. Filing the parts by first byte still compared a part at
// nearly every letter of every class name (TestHasHintPart,
// FuzzMHintClass).
func hasHintPart(s string) bool {
	for i := 0; i+4 <= len(s); i++ {
		var p string
		switch uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24 {
		case h4Date, h4Time, h4Meta, h4Info, h4Attr:
			return true // the whole part
		case h4Byline:
			p = "byline"
		case h4Author:
			p = "author"
		case h4Writer:
			p = "writer"
		case h4Source:
			p = "source"
		case h4Publish:
			p = "publish"
		case h4Posted:
			p = "posted"
		case h4Credit:
			p = "credit"
		case h4Editor:
			p = "editor"
		default:
			continue
		}
		if strings.HasPrefix(s[i:], p) {
			return true
		}
	}
	return false
}

// The first four bytes of each of hintParts as hasHintPart reads them
// (TestHasHintPart checks them against the list).
const (
	h4Byline  = 'b' | 'y'<<8 | 'l'<<16 | 'i'<<24
	h4Author  = 'a' | 'u'<<8 | 't'<<16 | 'h'<<24
	h4Writer  = 'w' | 'r'<<8 | 'i'<<16 | 't'<<24
	h4Date    = 'd' | 'a'<<8 | 't'<<16 | 'e'<<24
	h4Time    = 't' | 'i'<<8 | 'm'<<16 | 'e'<<24
	h4Meta    = 'm' | 'e'<<8 | 't'<<16 | 'a'<<24
	h4Info    = 'i' | 'n'<<8 | 'f'<<16 | 'o'<<24
	h4Source  = 's' | 'o'<<8 | 'u'<<16 | 'r'<<24
	h4Publish = 'p' | 'u'<<8 | 'b'<<16 | 'l'<<24
	h4Posted  = 'p' | 'o'<<8 | 's'<<16 | 't'<<24
	h4Attr    = 'a' | 't'<<8 | 't'<<16 | 'r'<<24
	h4Credit  = 'c' | 'r'<<8 | 'e'<<16 | 'd'<<24
	h4Editor  = 'e' | 'd'<<8 | 'i'<<16 | 't'<<24
)

func tokenHead(tok, w string) bool {
	if !strings.HasPrefix(tok, w) {
		return false
	}
	if len(tok) == len(w) {
		return true
	}
	c := tok[len(w)]
	return c == '-' || c == '_' || (c >= '0' && c <= '9')
}

// The noise lists filed by the byte a token must start (prefixes, words)
// or end (suffixes) with to hold one: a token is compared with the few
// that can match, not with all 46.
var noisePrefixesByFirst, noiseWordsByFirst, noiseSuffixesByLast = func() (p, w, s [256][]string) {
	for _, x := range noisePrefixes {
		p[x[0]] = append(p[x[0]], x)
	}
	for _, x := range noiseWords {
		w[x[0]] = append(w[x[0]], x)
	}
	for _, x := range noiseSuffixes {
		s[x[len(x)-1]] = append(s[x[len(x)-1]], x)
	}
	return p, w, s
}()

// mNoiseToken reports whether one lower-case class/id token marks noise.
func mNoiseToken(tok string) bool {
	if tok == "" {
		return false
	}
	for _, p := range noisePrefixesByFirst[tok[0]] {
		if strings.HasPrefix(tok, p) {
			return true
		}
	}
	for _, w := range noiseWordsByFirst[tok[0]] {
		if tokenHead(tok, w) {
			return true
		}
	}
	for _, w := range noiseSuffixesByLast[tok[len(tok)-1]] {
		if len(tok) > len(w) && strings.HasSuffix(tok, w) {
			if c := tok[len(tok)-len(w)-1]; c == '-' || c == '_' {
				return true
			}
		}
	}
	c := tok[0]
	return (c == 's' || c == 'p' || c == 'g') && pageChromeToken(tok)
}

// pageChromeToken: a site or global header, or a site, page or global
// footer or nav ("site-header", "page-footer", "globalnav").
func pageChromeToken(tok string) bool {
	for _, p := range [...]string{"site", "page", "global"} {
		if rest, ok := strings.CutPrefix(tok, p); ok {
			rest = strings.TrimPrefix(rest, "-")
			// A "page-header" is as often the headline block (Bootstrap's
			// name for it) as the masthead: only site/global headers are.
			if strings.HasPrefix(rest, "header") && p != "page" || strings.HasPrefix(rest, "footer") || strings.HasPrefix(rest, "nav") {
				return true
			}
		}
	}
	return false
}

// mHintClass reports whether a class/id string names a byline/date block.
func mHintClass(cls string) bool {
	cls = strings.ToLower(cls)
	if hasHintPart(cls) {
		return true
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

// hintToken is mHintClass of one class or id token: a token of ASCII
// without capitals or white space, which neither lower-casing nor the
// split on white space changes, is read as it is, with no copy and no
// split (TestHintToken, FuzzHintToken).
func hintToken(tok string) bool {
	for i := 0; i < len(tok); i++ {
		if c := tok[i]; c >= utf8.RuneSelf || c <= ' ' || 'A' <= c && c <= 'Z' {
			return mHintClass(tok)
		}
	}
	if hasHintPart(tok) {
		return true
	}
	if tok == "" || !hintWordFirst[tok[0]] {
		return false
	}
	for _, w := range hintWords {
		if tokenHead(tok, w) {
			return true
		}
	}
	return false
}

// isMetaBlockTag: the tags that end a line. A switch, which Go compiles
// to a search by length and bytes, costs less than a map's hash on every
// element of the walk (TestMetaBlockTag).
func isMetaBlockTag(tag string) bool {
	switch tag {
	case "address", "article", "aside", "blockquote", "br", "center", "dd", "details",
		"dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
		"h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "li", "main", "nav",
		"ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
		"tr", "ul", "body", "option", "button":
		return true
	}
	return false
}

// The line walk stops after this many lines or bytes of text: the
// headline, byline, date and label lines of an article page sit well
// within them (the dev pages have at most ~3,100 lines and 300 KB), and a
// huge page must not cost the label and date patterns on all its text.
const (
	metaMaxLines = 4000
	metaMaxBytes = 512 << 10
)

// metaLines walks the body once and returns its visible lines in order,
// up to metaMaxLines lines or metaMaxBytes of text.
func metaLines(root *html.Node) []metaLine {
	var lines []metaLine
	// The line being read: its one text node as it is (pend), else its
	// pieces copied into b, reused. A line of one text node, the most
	// common, is collapsed with no copy (Collapse keeps a collapsed text).
	var b []byte
	pend := ""
	var cur metaLine
	links, size := 0, 0
	done := false
	verdicts, whole := map[string]uint8{}, map[string]uint8{}
	// spill moves pend into b, where the line's next piece goes.
	spill := func() {
		b = append(b, pend...)
		pend = ""
	}
	flush := func() {
		if done {
			b, pend = b[:0], ""
			return
		}
		t := ""
		if pend != "" {
			if hasNonSpaceString(pend) {
				t = dom.Collapse(pend)
			}
		} else if hasNonSpace(b) {
			t = dom.Collapse(string(b))
		}
		b, pend = b[:0], ""
		if t != "" {
			cur.text = t
			cur.runes = utf8.RuneCountInString(t)
			cur.links = links
			lines = append(lines, cur)
			size += len(t)
			done = len(lines) >= metaMaxLines || size >= metaMaxBytes
		}
		links = 0
	}
	var walk func(n *html.Node, block *html.Node, noiseAt *html.Node, deep, hint bool, heading int, inLink bool)
	walk = func(n *html.Node, block *html.Node, noiseAt *html.Node, deep, hint bool, heading int, inLink bool) {
		if done {
			return
		}
		switch n.Type {
		case html.TextNode:
			if len(b) == 0 && pend == "" {
				cur = metaLine{node: block, noise: noiseAt != nil, noiseAt: noiseAt, deepNoise: deep, hint: hint, heading: heading}
				pend = n.Data
			} else {
				if hint {
					cur.hint = true
				}
				spill()
				b = append(b, n.Data...)
			}
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
			isBlock := isMetaBlockTag(tag)
			if !isBlock && mModifiedMark(n) {
				// A revision date set inline beside the publication date
				// ("<time class=updated>"): not the article's date.
				return
			}
			if isBlock {
				flush()
				block = n
			} else if len(b) > 0 || pend != "" {
				// Inline elements set side by side ("<span>By</span><span>Jane")
				// read as separate words; CSS puts the gap there.
				spill()
				b = append(b, ' ')
			}
			noiseHere := tag == "nav" || ((tag == "aside" || tag == "footer") && !mHasArticleAncestor(n))
			if !deep || !hint {
				if class, id := mAttr(n, "class"), mAttr(n, "id"); class != "" || id != "" {
					// The tokens of class and id are judged as one list;
					// a page repeats whole class strings: each is judged once.
					v := wholeVerdict(class, whole, verdicts) | wholeVerdict(id, whole, verdicts)
					if v&clsNoise != 0 && tag != "html" && tag != "body" && tag != "main" && tag != "article" {
						noiseHere = true // the page wrappers are never noise (mNoiseClass)
					}
					if v&clsHint != 0 {
						hint = true
					}
				}
			}
			if noiseHere {
				if noiseAt == nil {
					noiseAt = n
				} else {
					deep = true
				}
			}
			if !hint && (mAttr(n, "itemprop") != "" || mAttr(n, "rel") == "author") {
				hint = true
			}
			if len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' {
				heading = int(tag[1] - '0')
				if mVisuallyHidden(n) {
					// A screen-reader-only heading is not the headline readers see.
					heading = 0
				}
			}
			if tag == "a" {
				inLink = true
			}
			var kicker *html.Node
			if heading > 0 && heading <= 2 && isBlock {
				kicker = mHeadingKicker(n)
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c != kicker {
					walk(c, block, noiseAt, deep, hint, heading, inLink)
				}
			}
			if isBlock {
				flush()
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, block, noiseAt, deep, hint, heading, inLink)
		}
	}
	walk(root, nil, nil, false, false, 0, false)
	flush()
	return lines
}

const clsNoise, clsHint = 1, 2

// regexSpaceByte is isRegexSpace as a table, for the token loop of
// classVerdict, which reads every byte of every class name
// (TestRegexSpaceByte).
var regexSpaceByte = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true}

// wholeVerdict is classVerdict of a whole class or id string, remembered
// in whole.
func wholeVerdict(s string, whole, tokens map[string]uint8) uint8 {
	if s == "" {
		return 0
	}
	v, ok := whole[s]
	if !ok {
		v = classVerdict(s, tokens)
		whole[s] = v
	}
	return v
}

// unNoiseTitleBlock: the block that holds the headline is the article's,
// whatever its class says ("l-grid--sidebar", "with-sidebar" layouts, an
// <aside> a theme wraps the post in). Lines that are noise only because of
// that block become article lines again; a comment or related list inside
// it stays noise. It returns the block (nil when the headline is no noise).
func unNoiseTitleBlock(lines []metaLine, titleIdx int) *html.Node {
	if titleIdx < 0 || titleIdx >= len(lines) || !lines[titleIdx].noise || lines[titleIdx].deepNoise {
		return nil
	}
	at := lines[titleIdx].noiseAt
	for i := range lines {
		if lines[i].noiseAt == at && !lines[i].deepNoise {
			lines[i].noise = false
		}
	}
	return at
}

// classVerdict is mNoiseClass (for an element that is not a page wrapper)
// and mHintClass of a class/id string, token by token: pages repeat their
// class names, so each token is judged once per page (cache).
func classVerdict(cls string, cache map[string]uint8) uint8 {
	var v uint8
	for i := 0; i < len(cls); {
		for i < len(cls) && regexSpaceByte[cls[i]] {
			i++
		}
		j := i
		for j < len(cls) && !regexSpaceByte[cls[j]] {
			j++
		}
		if j == i {
			break
		}
		if i == 0 && j == len(cls) {
			// A class of one token: the caller keeps its verdict
			// (wholeVerdict), a second map would only copy it.
			return tokenVerdict(cls)
		}
		tok := cls[i:j]
		i = j
		tv, ok := cache[tok]
		if !ok {
			tv = tokenVerdict(tok)
			cache[tok] = tv
		}
		v |= tv
	}
	return v
}

// tokenVerdict is classVerdict of one token.
func tokenVerdict(tok string) uint8 {
	var v uint8
	low := strings.ToLower(tok)
	if !strings.HasPrefix(low, "category-") && !strings.HasPrefix(low, "tag-") && !strings.HasPrefix(low, "has-") && !strings.HasPrefix(low, "wp-") && mNoiseToken(low) {
		v |= clsNoise
	}
	if hintToken(low) {
		v |= clsHint
	}
	return v
}

// hasNonSpace: b holds more than white space (mIsSpace), so that the
// blank runs between blocks cost no string.
func hasNonSpace(b []byte) bool {
	for i := 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf {
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if !dom.IsSpace(r) {
			return true
		}
		i += n
	}
	return false
}

// hasNonSpaceString is hasNonSpace of a string.
func hasNonSpaceString(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !dom.IsSpace(r) }) >= 0
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
	for tok := range strings.FieldsSeq(strings.ToLower(cls)) {
		if strings.HasPrefix(tok, "category-") || strings.HasPrefix(tok, "tag-") || strings.HasPrefix(tok, "has-") || strings.HasPrefix(tok, "wp-") {
			continue
		}
		if mNoiseToken(tok) {
			return true
		}
	}
	return false
}

// mModifiedMark: an element marked as the last-modified date.
func mModifiedMark(n *html.Node) bool {
	if p := mAttr(n, "itemprop"); p == "dateModified" {
		return true
	}
	c := mAttr(n, "class")
	return c != "" && (strings.Contains(c, "updated") || strings.Contains(c, "modified")) && !strings.Contains(c, "published")
}

// mVisuallyHidden: the sr-only idiom (class names, or a 1px clipped box).
func mVisuallyHidden(n *html.Node) bool {
	c := strings.ToLower(mAttr(n, "class"))
	if strings.Contains(c, "sr-only") || strings.Contains(c, "visually-hidden") || strings.Contains(c, "screen-reader") || strings.Contains(c, "visuallyhidden") {
		return true
	}
	st := strings.ReplaceAll(strings.ToLower(mAttr(n, "style")), " ", "")
	return strings.Contains(st, "clip:rect(0") || (strings.Contains(st, "width:1px") && strings.Contains(st, "height:1px")) || strings.Contains(st, "display:none")
}

// mHeadingKicker finds a label set in its own element at the start of a
// headline ("<strong>Blog:</strong> Title", "<span>Exclusive |</span>"):
// a section tag, not words of the headline.
func mHeadingKicker(h *html.Node) *html.Node {
	c := h.FirstChild
	for c != nil && c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
		c = c.NextSibling
	}
	if c == nil || c.Type != html.ElementNode || isMetaBlockTag(c.Data) || c.NextSibling == nil {
		return nil
	}
	t := dom.Collapse(mText(c))
	if t == "" || utf8.RuneCountInString(t) > 20 || !strings.ContainsAny(t[len(t)-1:], ":|") {
		return nil
	}
	// The rest must hold the headline.
	rest := 0
	for r := c.NextSibling; r != nil; r = r.NextSibling {
		rest += len(strings.TrimSpace(mText(r)))
	}
	if rest < 10 {
		return nil
	}
	return c
}
