// Package sanitize makes the body HTML of an extracted article safe to
// show: an explicit allowlist (bluemonday) of structure, text-level tags,
// tables, figures and captions. Links keep only http, https and mailto
// URLs (or relative ones); images only http, https and data:image/*
// (base64) sources. Scripts, styles, event handlers, iframes, objects,
// embeds and forms never pass; the content of script, style, iframe and
// object elements is dropped with them, other unlisted tags are removed
// and their text kept.
//
// It is the last step of extraction: whatever the cleaner upstream lets
// through, what leaves the extractor went through this policy.
package sanitize

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// Elements the policy allows, by kind.
var (
	structure = []string{
		"div", "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
		"blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd",
		"section", "article", "header", "footer", "main", "address",
		"details", "summary", "span",
	}
	textLevel = []string{
		"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn",
		"em", "i", "ins", "kbd", "mark", "q", "rp", "rt", "ruby", "s",
		"samp", "small", "strong", "sub", "sup", "time", "u", "var", "wbr",
	}
	tables  = []string{"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"}
	figures = []string{"figure", "figcaption", "img"}
)

// The URL patterns are checked on the attribute value before bluemonday
// parses it and checks its scheme against the policy-wide list (http,
// https, mailto, data images); they narrow that list per element. A
// relative reference is one whose first colon, if any, comes after a
// '/', '?' or '#'.
var (
	linkURL  = regexp.MustCompile(`^(?i:https?:|mailto:)|^[^:/?#]*(?:[/?#]|$)`)
	imageURL = regexp.MustCompile(`^(?i:https?:|data:image/)|^[^:/?#]*(?:[/?#]|$)`)
	span     = regexp.MustCompile(`^[0-9]{1,4}$`)
	dir      = regexp.MustCompile(`^(?i:ltr|rtl|auto)$`)
	lang     = regexp.MustCompile(`^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$`)
)

var policy = newPolicy()

func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	for _, els := range [][]string{structure, textLevel, tables, figures} {
		p.AllowElements(els...)
	}
	p.AllowAttrs("title").Globally()
	p.AllowAttrs("lang").Matching(lang).Globally()
	p.AllowAttrs("dir").Matching(dir).Globally()
	p.AllowAttrs("href").Matching(linkURL).OnElements("a")
	p.AllowAttrs("src").Matching(imageURL).OnElements("img")
	p.AllowAttrs("alt").OnElements("img")
	p.AllowAttrs("colspan", "rowspan").Matching(span).OnElements("td", "th")
	p.AllowAttrs("datetime").OnElements("time", "del", "ins")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowDataURIImages()
	return p
}

// HTML returns s with everything outside the allowlist removed. It is
// safe for concurrent use.
func HTML(s string) string {
	if s == "" {
		return ""
	}
	return policy.Sanitize(s)
}
