package meta

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/dom"
)

// metaTags holds every <meta> value by lower-case key (name, property,
// itemprop or http-equiv), in document order. Sites mix the attributes
// freely (property="author", name="og:title"), so all of them share one
// key space.
type metaTags map[string][]string

// first returns the first non-empty value of the first key that has one.
func (m metaTags) first(keys ...string) string {
	for _, k := range keys {
		for _, v := range m[k] {
			if v = dom.Collapse(v); v != "" {
				return v
			}
		}
	}
	return ""
}

// all returns every non-empty value of the keys, in key order.
func (m metaTags) all(keys ...string) []string {
	var out []string
	for _, k := range keys {
		for _, v := range m[k] {
			if v = dom.Collapse(v); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// metaHead is what one pass over the document's <meta>, <link> and <html>
// elements yields. Microdata <meta itemprop> inside the body is included:
// it is as much a statement of the page as the head.
type metaHead struct {
	meta      metaTags
	canonical string
	lang      string
	title     string // <title>
	jsonld    []string
}

func scanMetaHead(root *html.Node) metaHead {
	h := metaHead{meta: metaTags{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				if h.lang == "" {
					h.lang = mAttr(n, "lang")
					if h.lang == "" {
						h.lang = mAttr(n, "xml:lang")
					}
				}
			case "meta":
				v, ok := mAttrOK(n, "content")
				if !ok {
					v = mAttr(n, "value")
				}
				for _, a := range [...]string{"name", "property", "itemprop", "http-equiv"} {
					if k := strings.ToLower(strings.TrimSpace(mAttr(n, a))); k != "" {
						// Some frameworks put the JSON-LD in a meta tag:
						// <meta name="script:ld+json" content="{…}">.
						if strings.HasSuffix(k, "ld+json") && strings.HasPrefix(strings.TrimSpace(v), "{") {
							h.jsonld = append(h.jsonld, v)
						}
						// property="og:title article:tag" style lists are rare;
						// a key is one token.
						h.meta[k] = append(h.meta[k], v)
					}
				}
			case "link":
				if h.canonical == "" && mHasToken(mAttr(n, "rel"), "canonical") {
					h.canonical = strings.TrimSpace(mAttr(n, "href"))
				}
			case "title":
				if h.title == "" && !mInSVG(n) {
					h.title = dom.Collapse(mText(n))
				}
				return
			case "script":
				if t := strings.ToLower(mAttr(n, "type")); strings.Contains(t, "ld+json") {
					if s := mText(n); strings.TrimSpace(s) != "" {
						h.jsonld = append(h.jsonld, s)
					}
				}
				return
			case "style", "noscript", "template", "svg":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return h
}

func mInSVG(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "svg" {
			return true
		}
	}
	return false
}

func mAttr(n *html.Node, key string) string {
	v, _ := mAttrOK(n, key)
	return v
}

func mAttrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// hasToken reports whether the space-separated list s holds tok (ASCII case
// folded), as rel and class attributes are read.
func mHasToken(s, tok string) bool {
	for f := range strings.FieldsSeq(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// mFixText repairs the two encoding accidents common in titles and names:
// entities escaped twice ("&amp;#x26;" shows as "&#x26;") and UTF-8 read as
// Latin-1 ("Investorâ\u0080\u0099s"). Text without either is returned as is.
func mFixText(s string) string {
	if strings.Contains(s, "&#") || strings.Contains(s, "&amp;") || strings.Contains(s, "&quot;") {
		s = html.UnescapeString(s)
	}
	suspect := false
	for _, r := range s {
		if r > 0xff {
			return s // real non-Latin text: not a Latin-1 misreading
		}
		if r >= 0x80 && r <= 0x9f {
			suspect = true
		}
	}
	if !suspect && !strings.Contains(s, "Ã") && !strings.Contains(s, "â€") {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	if utf8.Valid(b) {
		return string(b)
	}
	return s
}

// mText is the concatenated text of n's descendants, scripts, styles and
// noscript fallbacks left out below n (a <script> n is its own content).
func mText(n *html.Node) string {
	t, _ := dom.Text(n, dom.Options{Skip: skipScripts})
	return t
}

func skipScripts(n *html.Node) bool {
	return n.Data == "script" || n.Data == "style" || n.Data == "noscript"
}

// mWords is n's visible text with a space at every element boundary, so
// that "<span>Dec 17, 2025</span><span>Jane Doe</span>" reads as two
// phrases (CSS puts the gap there).
func mWords(n *html.Node) string {
	t, _ := dom.Text(n, dom.Options{Skip: skipHidden, Gap: dom.ElementGaps})
	return dom.Collapse(t)
}

func skipHidden(n *html.Node) bool { return dom.SkipCode(n) || n.Data == "svg" }
