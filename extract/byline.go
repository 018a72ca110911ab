package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// bylineSel finds the elements that name the author visibly: microdata,
// rel=author links and the class/id names themes give their byline.
var bylineSel = cascadia.MustCompile(`[itemprop~=author], [itemprop~=creator], a[rel~=author], [class*=byline], [class*=Byline], [class*=author], [class*=Author], [class*=writer], [id*=byline], [id*=author], [data-testid*=byline], [data-component*=byline]`)

var itempropNameSel = cascadia.MustCompile(`[itemprop~=name]`)

// bylineClassJunkRe: author-ish class names that hold something else
// (an author's bio, avatar, other posts, the comment author).
var bylineClassJunkRe = regexp.MustCompile(`(?i)avatar|bio\b|description|desc\b|about|image|img|photo|thumb|more-|other|posts|social|follow|comment|label|title-?wrap|authorize|authoring`)

// byLineRe: a visible line that starts "By Name".
var byLineRe = regexp.MustCompile(`^(?i:by|written by|words by|story by|reporting by|von|par|por)\s*:?\s+\p{Lu}`)

// visibleAuthors reads the byline elements, best first: microdata and
// rel=author, then byline/author class hints. Elements in comments,
// related lists and sidebars are skipped.
func visibleAuthors(root *html.Node) []string {
	nodes := cascadia.QueryAll(root, bylineSel)
	var classHits []string
	for i, n := range nodes {
		if i > 60 {
			break
		}
		if mNoiseAncestor(n) {
			continue
		}
		var raw string
		switch {
		case strings.Contains(mAttr(n, "itemprop"), "author") || strings.Contains(mAttr(n, "itemprop"), "creator"):
			if nm := cascadia.Query(n, itempropNameSel); nm != nil {
				raw = mPropValue(nm)
			} else {
				raw = mPropValue(n)
			}
			if looksLikeURL(raw) {
				continue
			}
			if a := cleanAuthors(raw); len(a) > 0 {
				return a
			}
			continue
		case n.Data == "a" && mHasToken(mAttr(n, "rel"), "author"):
			raw = mText(n)
		default:
			if bylineClassJunkRe.MatchString(mAttr(n, "class")) || bylineClassJunkRe.MatchString(mAttr(n, "id")) {
				continue
			}
			if n.Data == "meta" {
				raw = mAttr(n, "content")
			} else {
				raw = mText(n)
			}
		}
		raw = mSpace(raw)
		if raw == "" || utf8.RuneCountInString(raw) > 120 {
			continue
		}
		if a := cleanAuthors(raw); len(a) > 0 && classHits == nil {
			if n.Data == "a" {
				return a
			}
			classHits = a
		}
	}
	return classHits
}

// byLineAuthors reads "By Jane Doe and John Roe" lines near the headline.
func byLineAuthors(lines []metaLine, titleIdx int) []string {
	var best []string
	bestDist := 1 << 30
	for i, ln := range lines {
		if ln.runes > 100 || ln.noise || !byLineRe.MatchString(ln.text) {
			continue
		}
		d := i - titleIdx
		if titleIdx < 0 {
			d = i
		}
		if d < 0 {
			d = -d * 2
		}
		if d >= bestDist {
			continue
		}
		if a := cleanAuthors(ln.text); len(a) > 0 {
			best, bestDist = a, d
		}
	}
	return best
}

// mPropValue is a microdata property's value: content, datetime or text.
func mPropValue(n *html.Node) string {
	for _, k := range [...]string{"content", "datetime"} {
		if v, ok := mAttrOK(n, k); ok && strings.TrimSpace(v) != "" {
			return v
		}
	}
	return mText(n)
}

// mNoiseAncestor reports whether n sits in a comment, related or sidebar
// block (or nav/footer/aside).
func mNoiseAncestor(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		switch p.Data {
		case "nav", "footer", "aside":
			return true
		case "body", "html":
			return false
		}
		if c := mAttr(p, "class") + " " + mAttr(p, "id"); len(c) > 1 && mNoiseClass(p.Data, c) {
			return true
		}
	}
	return false
}
