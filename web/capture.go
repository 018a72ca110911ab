package web

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// defang returns the raw capture with the few things disarmed that make a
// browser connect to a site before the capture's CSP is consulted: the
// source of a frame (its navigation starts with a preconnect) and resource
// hints (<link rel=preconnect, dns-prefetch, prefetch, prerender,
// preload>), which no CSP directive governs. Each disarmed attribute is
// renamed with a "data-archived-" prefix, so the capture still says what
// it named; every other byte is passed through as stored.
func defang(raw []byte) []byte {
	z := html.NewTokenizer(bytes.NewReader(raw))
	var out bytes.Buffer
	out.Grow(len(raw) + 64)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			// The tokenizer stops at the end or at a read error; what it
			// has not returned is passed through.
			out.Write(z.Raw())
			return out.Bytes()
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			out.Write(z.Raw())
			continue
		}
		raw := append([]byte(nil), z.Raw()...)
		tok := z.Token()
		if !disarm(&tok) {
			out.Write(raw)
			continue
		}
		out.WriteString(tok.String())
	}
}

// disarm renames the attributes of tok that would connect early; false if
// there were none.
func disarm(tok *html.Token) bool {
	var names map[string]bool
	switch tok.Data {
	case "iframe", "frame":
		names = map[string]bool{"src": true, "srcdoc": true}
	case "link":
		for _, a := range tok.Attr {
			if a.Key == "rel" && isHint(a.Val) {
				names = map[string]bool{"href": true, "imagesrcset": true}
			}
		}
	}
	changed := false
	for i, a := range tok.Attr {
		if names[a.Key] {
			tok.Attr[i].Key = "data-archived-" + a.Key
			changed = true
		}
	}
	return changed
}

func isHint(rel string) bool {
	for _, r := range strings.Fields(strings.ToLower(rel)) {
		switch r {
		case "preconnect", "dns-prefetch", "prefetch", "prerender", "preload", "modulepreload":
			return true
		}
	}
	return false
}
