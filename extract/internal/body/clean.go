package body

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/boilerplate"
	"newsarchive/extract/internal/dom"
)

// dropAtoms never hold article text: scripts, media players, form
// controls.
var dropAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: false, atom.Canvas: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Input: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Option: true, atom.Link: true,
	atom.Meta: true, atom.Audio: true, atom.Video: true, atom.Map: true,
	atom.Head: true, atom.Title: true, atom.Label: true,
}

// furnitureAtoms are navigation, sidebars and footers: dropped unless
// they hold most of the page's prose.
var furnitureAtoms = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Dialog: true, atom.Menu: true, atom.Footer: true,
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
var unlikely = newAltMatcher(`-ad-|testimonial|\bads?\b|advert|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|\bextras?\b|footer|gdpr|cookie|consent|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|share|sharing|sponsor|supplemental|ad-break|agegate|pagination|\bpager\b|popup|modal|newsletter|subscribe|signup|promo|recommend|popular|trending|most-?read|toolbar|copyright|disclaimer|prev-?next|nextprev|byline|outbrain|taboola|dateline|infobox|navbox|editsection|catlinks|\btoc\b|table-of-contents`)

// strong matches the furniture that is removed whatever its size: a long
// comment thread, related list, wall of testimonials or popup (a company
// story, a cart, shown on a click) is still not the article. Other matches
// (header, footer, banner, sidebar, …) are removed only when they hold
// little prose, since themes also use those words for the article's own
// wrappers ("page-header", "flex-wrap-footer").
var strong = newAltMatcher(`testimonials|comment|disqus|replies|related|recommend|popup|modal|outbrain|taboola|cookie|consent|gdpr|newsletter|subscribe|signup|share|sharing|social|popular|trending|most-?read|breadcrumb|pagination|\bpager\b|shoutbox|agegate`)

// bigProse is the non-link weighted text above which a weak furniture
// match is kept.
const bigProse = 1500

// maybe overrules a furniture match: the element may still wrap the
// article ("comment-body", "main-header"), be embedded content (a tweet in
// a "social-media-embed" box), or be the text readers may comment on
// ("commentable", "commentOnSelection": inline annotation, not a thread).
var maybe = newAltMatcher(`\band\b|article|body|column|content|main|mathjax|shadow|entry|post-?text|story|embed|commentable|on-?selection`)

// hiddenStyle matches inline styles that hide an element.
var hiddenStyle = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)

// hidesStyle is hiddenStyle.MatchString read by hand: the regexp ran over
// whole style sheets' declaration blocks, letter by letter for want of
// a literal it could look for. (?i) reads ſ as s: a text holding one is
// left to the regexp.
func hidesStyle(s string) bool {
	if strings.Contains(s, "ſ") {
		return hiddenStyle.MatchString(s)
	}
	return declares(s, "display", "none") || declares(s, "visibility", "hidden")
}

// declares reports whether s holds prop, white space (\s), a colon, white
// space and val, the lower-case ASCII words in any letter case.
func declares(s, prop, val string) bool {
	for i := 0; i+len(prop) <= len(s); i++ {
		if !boilerplate.FoldHasPrefix(s[i:], prop) {
			continue
		}
		j := skipRegexSpace(s, i+len(prop))
		if j < len(s) && s[j] == ':' && boilerplate.FoldHasPrefix(s[skipRegexSpace(s, j+1):], val) {
			return true
		}
	}
	return false
}

// skipRegexSpace skips the white space \s matches (tab, newline, form
// feed, carriage return, space) from i.
func skipRegexSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// preClean removes what can never be article text. With strict it also
// removes elements whose class/id look like furniture; the body finder
// retries without strict when that leaves too little.
func preClean(root *html.Node, strict bool) {
	revealStreamed(root)
	// An element holding most of the page's prose is the page, whatever
	// its tag or class says: it is kept (see dropNode).
	sz := make(map[*html.Node]int, 256)
	sz[nil] = prose(root, sz)
	if strict {
		// Only on the strict pass: the retry keeps what a control sat in.
		for _, b := range formBoxes(root, sz) {
			RemoveNode(b)
		}
	}
	fc := furnitureCache{}
	hid := styleHidden(root)
	ctl := findControls(root)
	var walk func(n *html.Node, code bool)
	walk = func(n *html.Node, code bool) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			// Inside code, classes name syntax ("hljs-comment"), not
			// furniture: only the strict class rules are skipped.
			if dropNode(c, strict && !code, sz, fc, ctl) || hid.hides(c) && !(sz[c] >= 500 && sz[c]*2 > sz[nil]) && !ctl.disclosurePanel(c) {
				n.RemoveChild(c)
			} else {
				walk(c, code || c.DataAtom == atom.Pre || c.DataAtom == atom.Code)
			}
			c = next
		}
	}
	walk(root, false)
}

// prose records, for every element that has some, the weighted length of
// its text outside links, and returns n's.
func prose(n *html.Node, sz map[*html.Node]int) int {
	switch n.Type {
	case html.TextNode:
		l, _ := dom.Measure(n.Data)
		return l
	case html.ElementNode, html.DocumentNode:
	default:
		return 0
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Head, atom.Template, atom.Noscript:
		return 0
	}
	t := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t += prose(c, sz)
	}
	if n.DataAtom == atom.A {
		return 0
	}
	if t > 0 {
		sz[n] = t
	}
	return t
}

// furnitureCache remembers the verdict on each class/id string of a page:
// 0 none, 1 weak furniture, 2 strong furniture.
type furnitureCache map[string]int8

func dropNode(n *html.Node, strict bool, sz map[*html.Node]int, fc furnitureCache, ctl controls) bool {
	switch n.Type {
	case html.CommentNode, html.DoctypeNode:
		return true
	case html.ElementNode:
	default:
		return false
	}
	if dropAtoms[n.DataAtom] && !(n.DataAtom == atom.Button && isToggle(n) && ctl.hasPanel(n)) {
		return true
	}
	// main: the element holds most of the page's prose. Sites put the
	// article in an <aside>, a hidden root revealed by script, or a
	// wrapper classed "newsletter-email"; only comments are dropped anyway.
	main := sz[n] >= 500 && sz[n]*2 > sz[nil]
	if main && hiddenDialog(n) {
		// A closed dialog holding most of the prose holds a copy of
		// the article (a "republish this story" box): the page has it
		// too, outside.
		return true
	}
	if furnitureAtoms[n.DataAtom] {
		return !main
	}
	if n.DataAtom == 0 && (n.Data == "fb:like" || strings.HasPrefix(n.Data, "amp-ad") || n.Data == "amp-analytics") {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "data-nosnippet":
			// The page asks search engines to leave this out of their
			// snippets: author bios, disclaimers, promotions, consent
			// banners. Article text is what a snippet is made of, so
			// a box holding most of the page's prose stays, short or not.
			return sz[n]*2 <= sz[nil]
		case "hidden":
			// React streaming renders the page into a hidden <div> and
			// reveals it by script: that one is the page.
			return !main && !ctl.disclosurePanel(n)
		case "aria-hidden":
			if a.Val == "true" && n.DataAtom != atom.Img && n.DataAtom != atom.Figure && n.DataAtom != atom.Picture {
				return !main && !ctl.disclosurePanel(n)
			}
		case "role":
			if r := strings.ToLower(a.Val); dropRoles[r] && !(r == "button" && isToggle(n) && ctl.hasPanel(n)) {
				return !main
			}
		case "style":
			// The cheap test first: most styles hide nothing.
			if (strings.Contains(a.Val, "none") || strings.Contains(a.Val, "hidden")) && hidesStyle(a.Val) {
				return !main && !ctl.disclosurePanel(n)
			}
		}
	}
	if hiddenClass(dom.Attr(n, "class")) {
		return !main && !ctl.disclosurePanel(n)
	}
	if boilerplate.FormStatus.MatchString(dom.Attr(n, "class")) {
		// Shown only once a form is sent: "Thank you! Your submission
		// has been received!", "Oops! Something went wrong".
		return !main
	}
	if noContentClass(dom.Attr(n, "class")) {
		// Marked for site search engines as not content (like
		// data-nosnippet): kept only when it holds most of the prose.
		return sz[n]*2 <= sz[nil]
	}
	if !strict {
		return false
	}
	switch n.DataAtom {
	case atom.Body, atom.Html, atom.A, atom.Article, atom.Main, atom.Img, atom.Table, atom.Tbody, atom.Tr, atom.Td, atom.Pre, atom.Code, atom.P, atom.Figure, atom.Figcaption:
		return false
	}
	small := sz[n] < bigProse && sz[n]*2 < sz[nil]
	// <header> is left to prune: its title links are what marks a
	// teaser card, and the article's own header holds the standfirst.
	ci := ClassID(n)
	if ci == "" {
		return false
	}
	v, ok := fc[ci]
	if !ok {
		if !maybe.MatchString(ci) {
			match, strongMatch := furniture(ci, fc)
			switch {
			case strongMatch && commentHint.MatchString(ci):
				v = 3
			case strongMatch:
				v = 2
			case match:
				v = 1
			}
		}
		fc[ci] = v
	}
	// A weak class word is weak evidence: a heading classed
	// "section-header" is the article's own subheading, kept for the
	// line rules and the container choice to judge.
	return v == 3 || v == 2 && !main || v == 1 && small && !IsHeading(n)
}

// hiddenDialog reports a dialog that is closed: a <dialog> or an element
// with a dialog role or aria-modal, hidden by an attribute or an inline
// style.
func hiddenDialog(n *html.Node) bool {
	dialog, hidden := n.DataAtom == atom.Dialog, false
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			r := strings.ToLower(a.Val)
			dialog = dialog || r == "dialog" || r == "alertdialog"
		case "aria-modal":
			dialog = dialog || a.Val == "true"
		case "hidden":
			hidden = true
		case "style":
			hidden = hidden || hidesStyle(a.Val)
		}
	}
	return dialog && hidden
}

// controls holds the elements that a toggle names as the panel it opens
// (aria-controls), by id.
type controls map[string]*html.Node

// findControls finds the panels named by aria-controls under root; nil
// when the page names none.
func findControls(root *html.Node) controls {
	var ctl controls
	var refs func(*html.Node)
	refs = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if v := dom.Attr(n, "aria-controls"); v != "" {
				for id := range strings.FieldsSeq(v) {
					if ctl == nil {
						ctl = controls{}
					}
					ctl[id] = nil
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			refs(c)
		}
	}
	refs(root)
	if ctl == nil {
		return nil
	}
	var ids func(*html.Node)
	ids = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id := dom.Attr(n, "id"); id != "" {
				if p, ok := ctl[id]; ok && p == nil {
					ctl[id] = n
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			ids(c)
		}
	}
	ids(root)
	return ctl
}

// disclosurePanel reports whether hidden element n is the closed panel of
// a disclosure widget (an accordion, a FAQ): a toggle names it, the
// element before it is or holds a toggle, or its class names an accordion.
// Its text is part of the page, one click away.
func (ctl controls) disclosurePanel(n *html.Node) bool {
	if boilerplate.FoldContains(dom.Attr(n, "class"), "accordion") {
		return true
	}
	if id := dom.Attr(n, "id"); id != "" && ctl[id] == n {
		return true
	}
	p := n.PrevSibling
	for p != nil && p.Type != html.ElementNode {
		p = p.PrevSibling
	}
	return p != nil && holdsToggle(p, 3)
}

// hasPanel reports whether toggle b is followed by a panel with text: the
// next element after b, or after the heading or box b closes. A toggle
// whose answer loads on click has no panel, and its question alone is a
// list of links in effect.
func (ctl controls) hasPanel(b *html.Node) bool {
	if v := dom.Attr(b, "aria-controls"); v != "" {
		for id := range strings.FieldsSeq(v) {
			if p := ctl[id]; p != nil && firstTextElement(p) != nil {
				return true
			}
		}
	}
	n := b
	for range 3 {
		p := n.NextSibling
		for p != nil && p.Type != html.ElementNode {
			if p.Type == html.TextNode && strings.TrimSpace(p.Data) != "" {
				return false
			}
			p = p.NextSibling
		}
		if p != nil {
			return firstTextElement(p) != nil && !holdsToggle(p, 3)
		}
		if n = n.Parent; n == nil {
			return false
		}
	}
	return false
}

// holdsToggle reports whether n or a descendant within depth levels is a
// disclosure toggle.
func holdsToggle(n *html.Node, depth int) bool {
	if isToggle(n) {
		return true
	}
	if depth == 0 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && holdsToggle(c, depth-1) {
			return true
		}
	}
	return false
}

// isToggle reports an element that opens and closes a panel: it says
// whether the panel is expanded (aria-expanded) or which panel it opens
// (aria-controls), or it is a button whose
// class names an accordion. A question on such a button is text of the
// page.
func isToggle(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "aria-expanded", "aria-controls":
			return true
		case "class":
			if n.DataAtom == atom.Button && boilerplate.FoldContains(a.Val, "accordion") {
				return true
			}
		case "role":
			// A heading made clickable (<div role="button"><h4>…</h4>)
			// opens the section under it.
			if strings.EqualFold(a.Val, "button") && headingChild(n) {
				return true
			}
		}
	}
	return false
}

// headingChild reports whether n's only element child is a heading.
func headingChild(n *html.Node) bool {
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if only != nil {
				return false
			}
			only = c
		}
	}
	return only != nil && IsHeading(only)
}

// commentHint marks reader comments: dropped even when they outweigh the
// article, as long threads under short posts do.
var commentHint = newAltMatcher(`comment|disqus|replies`)

// furniture reports whether a class/id string names page furniture. Each
// class is tested alone, and modifiers that describe the layout around
// the element ("has-sidebar", "with-comments") do not count.
// The tokens' verdicts are cached in fc under a "\x00" prefix: class
// strings differ more than the tokens they are made of.
func furniture(ci string, fc furnitureCache) (match, strongMatch bool) {
	for f := range strings.FieldsSeq(ci) {
		if strings.HasPrefix(f, "has-") || strings.HasPrefix(f, "no-") || strings.HasPrefix(f, "is-") ||
			strings.Contains(f, "with-") || strings.HasPrefix(f, "show-") {
			continue
		}
		key := "\x00" + f
		v, ok := fc[key]
		if !ok {
			if unlikely.MatchString(f) {
				v = 1
				if strong.MatchString(f) {
					v = 2
				}
			}
			fc[key] = v
		}
		switch v {
		case 2:
			return true, true
		case 1:
			match = true
		}
	}
	return match, false
}

// hiddenRules are the ids and classes that the page's own style sheets
// hide outright: "#title_desc{display:none}" over a copy of the title and
// summary kept for the share widgets.
type hiddenRules struct{ ids, classes map[string]bool }

// simpleSelector is a lone #id or .class.
var simpleSelector = regexp.MustCompile(`^([#.])([A-Za-z][\w-]*)$`)

// styleHidden reads the <style> elements under root. Only top-level rules
// whose selector is a lone #id or .class count: a rule in an @media block
// hides for some screens only, and a compound selector (".js .tab") for
// some states of the page.
func styleHidden(root *html.Node) hiddenRules {
	var h hiddenRules
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Style {
			if c := n.FirstChild; c != nil && c.Type == html.TextNode && (strings.Contains(c.Data, "none") || strings.Contains(c.Data, "hidden")) {
				h.add(c.Data)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return h
}

func (h *hiddenRules) add(css string) {
	// Drop nested blocks (@media, @supports): only depth-0 rules remain.
	// Each depth-0 stretch up to a closing brace is read on its own: no
	// rule spans two of them.
	depth := 0
	start := 0
	br := braces{s: css}
	for i := 0; i < len(css); i++ {
		// Only braces change anything: jump to the next one.
		if i = br.next(i); i < 0 {
			break
		}
		switch css[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				depth = 0
			}
		}
		if depth >= 2 || depth == 1 && css[i] == '{' && strings.Contains(css[start:i], "@") {
			// Inside an at-rule: skip to its end.
			j, d := i+1, depth
			for d > 0 {
				if j = br.next(j); j < 0 {
					j = len(css)
					break
				}
				if css[j] == '{' {
					d++
				} else {
					d--
				}
				j++
			}
			i, depth, start = j-1, 0, j
			continue
		}
		if depth == 0 && css[i] == '}' {
			h.addRules(css[start : i+1])
			start = i + 1
		}
	}
}

// braces finds the braces of a style sheet from left to right. It keeps
// the next { and the next } it has found, so that each stretch of the
// sheet is searched once for each (IndexByte is vectorised): sheets are a
// quarter of a news page's bytes.
type braces struct {
	s          string
	open, shut int // the next { and } at or after the last query; -1 none
	searched   bool
}

// next returns the index of the first brace at or after i, or -1. The
// queries of one braces must not go backwards.
func (b *braces) next(i int) int {
	if !b.searched {
		b.open, b.shut, b.searched = indexFrom(b.s, i, '{'), indexFrom(b.s, i, '}'), true
	}
	if b.open >= 0 && b.open < i {
		b.open = indexFrom(b.s, i, '{')
	}
	if b.shut >= 0 && b.shut < i {
		b.shut = indexFrom(b.s, i, '}')
	}
	switch {
	case b.open < 0:
		return b.shut
	case b.shut < 0 || b.open < b.shut:
		return b.open
	}
	return b.shut
}

// indexFrom is the index of the first c in s at or after i, or -1.
func indexFrom(s string, i int, c byte) int {
	if i >= len(s) {
		return -1
	}
	if k := strings.IndexByte(s[i:], c); k >= 0 {
		return i + k
	}
	return -1
}

// addRules adds the hiding rules of top-level rule text.
func (h *hiddenRules) addRules(css string) {
	for _, m := range cssRules(css) {
		if !anySimpleSelector(m[0]) {
			continue // most rules: the cheap test first
		}
		if !boilerplate.FoldContains(m[1], "none") && !boilerplate.FoldContains(m[1], "hidden") || !hidesStyle(m[1]) {
			continue
		}
		for _, sel := range strings.Split(m[0], ",") {
			sm := simpleSelector.FindStringSubmatch(strings.TrimSpace(sel))
			if sm == nil {
				continue
			}
			if h.ids == nil {
				h.ids, h.classes = map[string]bool{}, map[string]bool{}
			}
			if sm[1] == "#" {
				h.ids[sm[2]] = true
			} else {
				h.classes[sm[2]] = true
			}
		}
	}
}

// anySimpleSelector reports whether one of the comma-separated selectors
// matches simpleSelector once trimmed, without the regexp.
func anySimpleSelector(sels string) bool {
	for sels != "" {
		sel := sels
		if i := strings.IndexByte(sels, ','); i >= 0 {
			sel, sels = sels[:i], sels[i+1:]
		} else {
			sels = ""
		}
		sel = strings.TrimSpace(sel)
		if len(sel) < 2 || sel[0] != '#' && sel[0] != '.' || !isASCIILetter(sel[1]) {
			continue
		}
		ok := true
		for i := 2; i < len(sel) && ok; i++ {
			ok = boilerplate.IsWordByte(sel[i]) || sel[i] == '-'
		}
		if ok {
			return true
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// cssRules returns the rules of a style sheet, selectors and declarations:
// the submatches of each match of `([^{}]*)\{([^{}]*)\}` in s, as
// FindAllStringSubmatch would give them, without the regexp.
func cssRules(s string) [][2]string {
	var out [][2]string
	br := braces{s: s}
	i := 0
	for i < len(s) {
		j := br.next(i)
		if j < 0 {
			break
		}
		if s[j] == '}' {
			i = j + 1
			continue
		}
		k := br.next(j + 1)
		if k < 0 {
			break
		}
		if s[k] == '{' {
			i = j + 1
			continue
		}
		out = append(out, [2]string{s[i:j], s[j+1 : k]})
		i = k + 1
	}
	return out
}

// hides reports whether the style sheets hide element n.
func (h hiddenRules) hides(n *html.Node) bool {
	if h.ids == nil || n.Type != html.ElementNode {
		return false
	}
	if id := dom.Attr(n, "id"); id != "" && h.ids[id] {
		return true
	}
	for c := range strings.FieldsSeq(dom.Attr(n, "class")) {
		if h.classes[c] {
			return true
		}
	}
	return false
}

// hiddenClass reports the utility classes that hide an element on every
// screen (not the responsive ones such as hidden-xs).
func hiddenClass(c string) bool {
	if c == "" {
		return false
	}
	for f := range strings.FieldsSeq(c) {
		switch strings.ToLower(f) {
		case "hidden", "d-none", "hide", "is-hidden", "sr-only", "visually-hidden", "screen-reader-text", "visuallyhidden":
			return true
		}
	}
	return false
}

// noContentClass reports the classes that tell search engines to skip an
// element ("nocontent", "robots-nocontent"): menus, sidebars, share bars.
func noContentClass(c string) bool {
	if c == "" || !boilerplate.FoldContains(c, "nocontent") {
		return false
	}
	for f := range strings.FieldsSeq(c) {
		switch strings.ToLower(f) {
		case "nocontent", "robots-nocontent":
			return true
		}
	}
	return false
}

// revealStreamed does what React's streaming renderer does in the browser:
// a late part of the page arrives as <div hidden id="S:n"> at the end of
// <body> and replaces the placeholder <template id="B:n"> where it belongs.
func revealStreamed(root *html.Node) {
	segs := map[string]*html.Node{}
	holes := map[string]*html.Node{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			id := dom.Attr(n, "id")
			if len(id) > 2 && id[1] == ':' {
				switch {
				case id[0] == 'S' && n.DataAtom == atom.Div:
					segs[id[2:]] = n
				case id[0] == 'B' && n.DataAtom == atom.Template:
					holes[id[2:]] = n
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	// Segments nest (a segment may hold the next placeholder), so resolve
	// in any order: each move is independent.
	for k, seg := range segs {
		hole := holes[k]
		if hole == nil || hole.Parent == nil || HasAncestor(hole, seg) {
			continue
		}
		for c := seg.FirstChild; c != nil; {
			next := c.NextSibling
			seg.RemoveChild(c)
			hole.Parent.InsertBefore(c, hole)
			c = next
		}
		hole.Parent.RemoveChild(hole)
		RemoveNode(seg)
	}
}
