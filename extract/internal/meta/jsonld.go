package meta

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"

	"newsarchive/extract/internal/dom"
)

// ldInfo is what the page's JSON-LD says about its main item.
type ldInfo struct {
	Type     string // lower case @type of the chosen item
	Headline string
	Authors  []string
	// OrgAuthors: every author is an organisation (typed so, or the
	// publisher itself). A visible person byline then wins.
	OrgAuthors  bool
	Published   string
	Modified    string
	Publisher   string
	Description string
	Keywords    []string
	Image       string
	URL         string
	// Body is the item's articleBody as written (HTML or plain text).
	Body string
}

// articleTypes ranks schema.org types by how surely they describe the
// page's own article; a higher rank wins when a page declares several
// items (a WebPage wrapping a NewsArticle, an Organization, breadcrumbs).
var articleTypes = map[string]int{
	"newsarticle": 10, "reportagenewsarticle": 10, "analysisnewsarticle": 10,
	"opinionnewsarticle": 10, "reviewnewsarticle": 10, "backgroundnewsarticle": 10,
	"askpublicnewsarticle": 10, "liveblogposting": 9, "article": 9, "blogposting": 9,
	"techarticle": 8, "scholarlyarticle": 8, "report": 8, "socialmediaposting": 7,
	"discussionforumposting": 7, "posting": 7, "review": 6, "recipe": 6, "howto": 6,
	"medicalwebpage": 5, "qapage": 4, "itempage": 3, "webpage": 2, "aboutpage": 2,
	"videoobject": 2, "creativework": 2,
}

// parseJSONLD reads every JSON-LD block and returns the best article item,
// resolving @id references to Person and Organization nodes elsewhere in
// the page's graph. Broken blocks are skipped (or repaired when the damage
// is the usual kind: raw newlines in strings, HTML comments, a trailing ;).
func parseJSONLD(blocks []string) ldInfo {
	var nodes []map[string]any
	for _, b := range blocks {
		v, ok := decodeLD(b)
		if !ok {
			continue
		}
		collectLD(v, &nodes, 0)
	}
	ids := map[string]map[string]any{}
	for _, n := range nodes {
		if id, _ := n["@id"].(string); id != "" {
			if _, dup := ids[id]; !dup {
				ids[id] = n
			}
		}
	}
	var best map[string]any
	bestRank := 0
	for _, n := range nodes {
		r := ldRank(n)
		if r > bestRank {
			best, bestRank = n, r
		}
	}
	var info ldInfo
	if best == nil {
		return info
	}
	info.Type = ldTypes(best)[0]
	for _, t := range ldTypes(best) {
		if articleTypes[t] == bestRank {
			info.Type = t
			break
		}
	}
	info.Headline = ldString(best["headline"])
	if info.Headline == "" {
		info.Headline = ldString(best["name"])
	}
	info.Authors = ldNames(best["author"], ids, 0)
	if len(info.Authors) == 0 {
		info.Authors = ldNames(best["creator"], ids, 0)
	}
	info.Published = ldString(best["datePublished"])
	if info.Published == "" {
		info.Published = ldString(best["dateCreated"])
	}
	info.Modified = ldString(best["dateModified"])
	if p := ldNames(best["publisher"], ids, 0); len(p) > 0 {
		info.Publisher = p[0]
	}
	if len(info.Authors) > 0 {
		info.OrgAuthors = ldAllOrgs(best["author"], ids, info.Publisher)
	}
	info.Description = ldString(best["description"])
	info.Keywords = ldKeywords(best["keywords"])
	info.Image = ldURL(best["image"], ids)
	if info.Image == "" {
		info.Image = ldURL(best["thumbnailUrl"], ids)
	}
	if b, ok := best["articleBody"].(string); ok {
		info.Body = b
	}
	info.URL = ldString(best["url"])
	if info.URL == "" {
		info.URL = ldURL(best["mainEntityOfPage"], ids)
	}
	// A WebPage that wraps the article as mainEntity: take what it lacks
	// from the entity.
	return info
}

func decodeLD(s string) (any, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "<!--")
	s = strings.TrimSuffix(s, "-->")
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "//<![CDATA[")
	s = strings.TrimSuffix(s, "//]]>")
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, ";")
	var v any
	if json.Unmarshal([]byte(s), &v) == nil {
		return v, true
	}
	// Raw control characters inside strings are the commonest damage;
	// outside strings they are white space anyway.
	r := strings.Map(func(r rune) rune {
		if r < 0x20 {
			return ' '
		}
		return r
	}, s)
	if json.Unmarshal([]byte(r), &v) == nil {
		return v, true
	}
	return nil, false
}

// collectLD flattens arrays, @graph lists and mainEntity items into nodes.
func collectLD(v any, nodes *[]map[string]any, depth int) {
	if depth > 6 {
		return
	}
	switch t := v.(type) {
	case []any:
		for _, e := range t {
			collectLD(e, nodes, depth+1)
		}
	case map[string]any:
		*nodes = append(*nodes, t)
		if g, ok := t["@graph"]; ok {
			collectLD(g, nodes, depth+1)
		}
		if m, ok := t["mainEntity"]; ok {
			collectLD(m, nodes, depth+1)
		}
	}
}

func ldTypes(n map[string]any) []string {
	var out []string
	switch t := n["@type"].(type) {
	case string:
		out = append(out, strings.ToLower(t))
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, strings.ToLower(s))
			}
		}
	}
	for i, s := range out {
		// "http://schema.org/NewsArticle" and "schema:NewsArticle"
		if j := strings.LastIndexAny(s, "/:"); j >= 0 {
			out[i] = s[j+1:]
		}
	}
	if len(out) == 0 {
		out = append(out, "")
	}
	return out
}

func ldRank(n map[string]any) int {
	best := 0
	for _, t := range ldTypes(n) {
		if r := articleTypes[t]; r > best {
			best = r
		}
	}
	// A typed page item that carries an article's fields counts as one.
	if best > 0 && best < 7 && (n["headline"] != nil && n["datePublished"] != nil) {
		best = 7
	}
	return best
}

func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return dom.Collapse(t)
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64)
	case []any:
		for _, e := range t {
			if s := ldString(e); s != "" {
				return s
			}
		}
	case map[string]any:
		if s := ldString(t["@value"]); s != "" {
			return s
		}
	}
	return ""
}

// ldNames reads author/publisher values: a string, a Person/Organization
// object (name, or given+family name), an @id reference, or an array of
// any of these.
func ldNames(v any, ids map[string]map[string]any, depth int) []string {
	if depth > 4 {
		return nil
	}
	switch t := v.(type) {
	case string:
		if s := dom.Collapse(t); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, ldNames(e, ids, depth+1)...)
		}
		return out
	case map[string]any:
		name := ldString(t["name"])
		if name == "" {
			g, f := ldString(t["givenName"]), ldString(t["familyName"])
			name = strings.TrimSpace(g + " " + f)
		}
		if name != "" {
			return []string{name}
		}
		if id, _ := t["@id"].(string); id != "" {
			if ref, ok := ids[id]; ok && !sameMap(ref, t) {
				return ldNames(ref, ids, depth+1)
			}
		}
	}
	return nil
}

// sameMap reports whether a and b are the same map (a node referring to
// itself must not loop).
func sameMap(a, b map[string]any) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

func ldKeywords(v any) []string {
	switch t := v.(type) {
	case string:
		return splitTags(t)
	case []any:
		var out []string
		for _, e := range t {
			if s, ok := e.(string); ok {
				out = append(out, splitTags(s)...)
			}
		}
		return out
	}
	return nil
}

func ldURL(v any, ids map[string]map[string]any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case []any:
		for _, e := range t {
			if s := ldURL(e, ids); s != "" {
				return s
			}
		}
	case map[string]any:
		for _, k := range [...]string{"url", "contentUrl", "@id"} {
			if s, ok := t[k].(string); ok && s != "" {
				if k == "@id" {
					if ref, ok := ids[s]; ok && !sameMap(ref, t) {
						if u := ldURL(ref, nil); u != "" && u != s {
							return u
						}
					}
					if !strings.HasPrefix(s, "http") {
						continue
					}
				}
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

var ldOrgTypes = map[string]bool{"organization": true, "newsmediaorganization": true, "corporation": true,
	"governmentorganization": true, "educationalorganization": true, "localbusiness": true, "website": true, "ngo": true}

// ldAllOrgs reports whether every author value names an organisation.
func ldAllOrgs(v any, ids map[string]map[string]any, publisher string) bool {
	switch t := v.(type) {
	case string:
		return samePublisher(t, publisher)
	case []any:
		for _, e := range t {
			if n := ldNames(e, ids, 0); len(n) > 0 && !ldAllOrgs(e, ids, publisher) {
				return false
			}
		}
		return true
	case map[string]any:
		if id, _ := t["@id"].(string); id != "" && t["@type"] == nil {
			if ref, ok := ids[id]; ok && !sameMap(ref, t) {
				t = ref
			}
		}
		for _, ty := range ldTypes(t) {
			if ldOrgTypes[ty] {
				return true
			}
		}
		n := ldNames(t, ids, 0)
		return len(n) > 0 && samePublisher(n[0], publisher)
	}
	return false
}

// samePublisher: the author value is the publisher's name, compared in
// letters and digits only, so that a template's ", Daily Example" (an
// empty name before the outlet) is the outlet too.
func samePublisher(name, publisher string) bool {
	p := mNorm(publisher)
	return p != "" && mNorm(name) == p
}
