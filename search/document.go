package search

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"newsarchive/store"
	"newsarchive/urlnorm"
)

// version is what the index reads of one archived version's JSON.
type version struct {
	Title       string   `json:"title"`
	Source      string   `json:"source"`
	Authors     []string `json:"authors"`
	PublishedAt string   `json:"published_at"`
	Language    string   `json:"language"`
	Description string   `json:"description"`
	Text        string   `json:"text"`
	Tags        []string `json:"tags"`
	FetchedAt   string   `json:"fetched_at"`
}

// docID names version n of key in the index. Archive keys are normalised
// URLs, which never keep a fragment, so "#" separates the two.
func docID(key string, n int) string { return key + "#" + strconv.Itoa(n) }

// splitID is docID backwards.
func splitID(id string) (string, int, bool) {
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	return id[:i], n, err == nil
}

// document maps an archived version to the fields the index holds (see
// newMapping). latest says whether it is its article's latest version.
func document(d store.Doc, latest bool) (map[string]any, error) {
	var v version
	if err := json.Unmarshal(d.JSON, &v); err != nil {
		return nil, fmt.Errorf("search: version %d of %s: %w", d.Version, d.Key, err)
	}
	a := analyzerFor(v.Language, v.Title+" "+v.Text)
	doc := map[string]any{
		fieldName(fTitle, a): v.Title,
		fieldName(fText, a):  v.Text,
		fKey:                 d.Key,
		fLatest:              latest,
	}
	set := func(f, s string) {
		if s != "" {
			doc[f] = s
		}
	}
	setList := func(f string, l []string) {
		if len(l) > 0 {
			doc[f] = l
		}
	}
	set(fieldName(fDescription, a), v.Description)
	set(fieldName(fSource, a), v.Source)
	setList(fieldName(fAuthors, a), v.Authors)
	setList(fieldName(fTags, a), v.Tags)
	host := urlnorm.Host(d.Key)
	facet := []string{facetSite + host}
	setList(fDomain, domains(host))
	setList(fLang, langTerms(v.Language))
	fetched, fok := parseDate(v.FetchedAt)
	if fok {
		doc[fFetched] = fetched
	}
	date, ok := parseDate(v.PublishedAt)
	if ok {
		doc[fPublished] = date
	} else {
		date, ok = fetched, fok
	}
	if ok {
		doc[fDate] = sortKey(date)
		facet = append(facet, facetMonth+date.Format("2006-01"))
	}
	doc[fFacet] = facet
	return doc, nil
}

// domains lists host and each parent domain that still has a dot:
// www.example.co.uk → www.example.co.uk, example.co.uk, co.uk, so that
// site:example.co.uk finds every subdomain.
func domains(host string) []string {
	var out []string
	for host != "" && strings.Contains(host, ".") {
		out = append(out, host)
		host = host[strings.IndexByte(host, '.')+1:]
	}
	if len(out) == 0 && host != "" {
		out = append(out, host) // localhost, an IP literal
	}
	return out
}

// langTerms is a language tag lower-cased, and its primary subtag, so that
// lang:zh finds zh-cn and zh-tw.
func langTerms(tag string) []string {
	tag = strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	if tag == "" {
		return nil
	}
	if i := strings.IndexByte(tag, '-'); i > 0 {
		return []string{tag, tag[:i]}
	}
	return []string{tag}
}
