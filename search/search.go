package search

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"newsarchive/urlnorm"
)

// Request is one search.
type Request struct {
	// Query is in the query language (see parse; README "Search").
	Query string
	// AllVersions searches every version, not only the latest of each
	// article.
	AllVersions bool
	// Removed finds the versions whose match is gone from the article's
	// latest version: one hit per article, its last version with the
	// match, with RemovedIn the version that dropped it.
	Removed bool
	// Site keeps hits on this host and its subdomains.
	Site string
	// Since keeps versions fetched at or after it (zero: no bound).
	Since time.Time
	// Sort is "relevance" (the default) or "date" (newest published, else
	// fetched, first).
	Sort string
	// Limit is the page size (0: 20; at most 1000).
	Limit int
	// Cursor is Result.Next of the previous page ("" for the first).
	Cursor string
}

// Hit is one matching version.
type Hit struct {
	Key         string     `json:"key"`
	Version     int        `json:"version"`
	Latest      bool       `json:"latest"`
	Title       string     `json:"title"`
	Site        string     `json:"site"`
	Language    string     `json:"language"`
	PublishedAt string     `json:"published_at"`
	FetchedAt   string     `json:"fetched_at"`
	Score       float64    `json:"score"`
	Fragments   []Fragment `json:"fragments"`
	// RemovedIn is, for a Removed search, the first version without the
	// match (the diff from Version to RemovedIn shows the edit).
	RemovedIn int `json:"removed_in,omitempty"`
}

// FacetCount is one value of a facet and how many hits have it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Result is one page of hits, with facets over all of them.
type Result struct {
	Total  int          `json:"total"`
	Hits   []Hit        `json:"hits"`
	Sites  []FacetCount `json:"sites"`
	Months []FacetCount `json:"months"` // YYYY-MM of published_at, else fetched_at
	// Next is the cursor of the next page, "" on the last.
	Next string `json:"next,omitempty"`
}

const (
	defaultLimit = 20
	maxLimit     = 1000
	// maxRemoved bounds how many old versions a Removed search weighs.
	maxRemoved = 10000
)

// Search runs r. A query that does not parse returns a *QueryError.
func (ix *Index) Search(ctx context.Context, r Request) (Result, error) {
	res := Result{Hits: []Hit{}, Sites: []FacetCount{}, Months: []FacetCount{}}
	tree, err := parse(r.Query)
	if err != nil {
		return res, err
	}
	offset, err := decodeCursor(r.Cursor)
	if err != nil {
		return res, err
	}
	limit := r.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	analyzers, err := ix.analyzers()
	if err != nil || len(analyzers) == 0 {
		return res, err // an empty index finds nothing
	}
	c := &compiler{im: ix.im, analyzers: analyzers}
	uq, err := c.compile(tree)
	if err != nil {
		return res, err
	}
	if uq == nil {
		return res, &QueryError{Col: 1, Msg: errStopWords.Error()}
	}
	must := []query.Query{uq}
	if r.Site != "" {
		must = append(must, term(fDomain, siteHost(r.Site)))
	}
	if !r.Since.IsZero() {
		must = append(must, dateRange(fFetched, r.Since, time.Time{}))
	}
	if r.Removed {
		return ix.removed(ctx, r, uq, must, offset, limit)
	}
	if !r.AllVersions {
		must = append(must, boolTerm(fLatest, true))
	}
	req := ix.request(query.NewConjunctionQuery(must), r.Sort, limit, offset)
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	res.Total = int(sr.Total)
	res.Sites, res.Months = facets(sr)
	if err := ix.locate(ctx, uq, sr.Hits); err != nil {
		return res, err
	}
	for _, h := range sr.Hits {
		if hit, ok := ix.hit(h, !r.AllVersions); ok {
			res.Hits = append(res.Hits, hit)
		}
	}
	if offset+len(sr.Hits) < res.Total {
		res.Next = encodeCursor(offset + len(sr.Hits))
	}
	return res, nil
}

// request is a search request for q with the ranking, page and facets.
func (ix *Index) request(q query.Query, sort string, size, from int) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(q, size, from, false)
	if sort == "date" {
		req.SortBy([]string{"-" + fDate, "-_score", "_id"})
	} else {
		req.SortBy([]string{"-_score", "-" + fDate, "_id"})
	}
	req.AddFacet(fSite, bleve.NewFacetRequest(fSite, 10))
	req.AddFacet(fMonth, bleve.NewFacetRequest(fMonth, 24))
	return req
}

// removed answers a Removed search: the old versions that match, less the
// articles whose latest version still matches, one hit per article.
func (ix *Index) removed(ctx context.Context, r Request, uq query.Query, must []query.Query, offset, limit int) (Result, error) {
	res := Result{Hits: []Hit{}}
	req := ix.request(query.NewConjunctionQuery(append(must, boolTerm(fLatest, false))), r.Sort, maxRemoved, 0)
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	res.Sites, res.Months = facets(sr)
	// The newest matching old version of each article, in rank order.
	type group struct {
		key     string
		version int
		match   *bsearch.DocumentMatch
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, h := range sr.Hits {
		key, n, ok := splitID(h.ID)
		if !ok {
			continue
		}
		if g := byKey[key]; g != nil {
			if n > g.version {
				g.version, g.match = n, h
			}
			continue
		}
		g := &group{key: key, version: n, match: h}
		byKey[key] = g
		groups = append(groups, g)
	}
	// Drop the articles whose latest version still has the match.
	for start := 0; start < len(groups); start += 512 {
		var keys []query.Query
		for _, g := range groups[start:min(start+512, len(groups))] {
			keys = append(keys, term(fKey, g.key))
		}
		q := query.NewConjunctionQuery([]query.Query{uq, boolTerm(fLatest, true), query.NewDisjunctionQuery(keys)})
		still, err := ix.bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, len(keys), 0, false))
		if err != nil {
			return res, fmt.Errorf("search: %w", err)
		}
		for _, h := range still.Hits {
			if key, _, ok := splitID(h.ID); ok {
				delete(byKey, key)
			}
		}
	}
	kept := groups[:0]
	for _, g := range groups {
		if byKey[g.key] != nil {
			kept = append(kept, g)
		}
	}
	res.Total = len(kept)
	if offset >= len(kept) {
		return res, nil
	}
	page := kept[offset:min(offset+limit, len(kept))]
	matches := make([]*bsearch.DocumentMatch, len(page))
	for i, g := range page {
		m := *g.match
		matches[i] = &m
	}
	if err := ix.locate(ctx, uq, matches); err != nil {
		return res, err
	}
	for i, g := range page {
		if hit, ok := ix.hit(matches[i], false); ok {
			hit.RemovedIn = g.version + 1
			res.Hits = append(res.Hits, hit)
		}
	}
	if offset+len(page) < len(kept) {
		res.Next = encodeCursor(offset + len(page))
	}
	return res, nil
}

// locate fills in the term locations of a page of hits, from a second
// search restricted to them: asking for locations in the first search
// would read them for every matching document, not just the page's.
func (ix *Index) locate(ctx context.Context, uq query.Query, hits []*bsearch.DocumentMatch) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{uq, query.NewDocIDQuery(ids)}), len(ids), 0, false)
	req.IncludeLocations = true
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	locs := make(map[string]bsearch.FieldTermLocationMap, len(sr.Hits))
	for _, h := range sr.Hits {
		locs[h.ID] = h.Locations
	}
	for _, h := range hits {
		h.Locations = locs[h.ID]
	}
	return nil
}

// hit builds a Hit from the archive's copy of the version, false when the
// archive no longer has it (pruned since it was indexed). latest says the
// index has already vouched that it is its article's latest version.
func (ix *Index) hit(m *bsearch.DocumentMatch, latest bool) (Hit, bool) {
	key, n, ok := splitID(m.ID)
	if !ok {
		return Hit{}, false
	}
	a, err := ix.st.Version(key, n)
	if err != nil {
		return Hit{}, false
	}
	if !latest {
		if l, err := ix.st.Latest(key); err == nil {
			latest = l.Version == n
		}
	}
	return Hit{
		Key: key, Version: n, Latest: latest, Title: a.Title, Site: urlnorm.Host(key),
		Language: a.Language, PublishedAt: a.PublishedAt, FetchedAt: a.FetchedAt,
		Score: m.Score, Fragments: fragments(&a, m.Locations),
	}, true
}

func facets(sr *bleve.SearchResult) (sites, months []FacetCount) {
	get := func(name string) []FacetCount {
		out := []FacetCount{}
		if f := sr.Facets[name]; f != nil {
			for _, t := range f.Terms.Terms() {
				out = append(out, FacetCount{Value: t.Term, Count: t.Count})
			}
		}
		return out
	}
	return get(fSite), get(fMonth)
}

// siteHost is the host a --site value names: a host, or a URL.
func siteHost(site string) string {
	if !strings.Contains(site, "://") {
		site = "http://" + site + "/"
	}
	return strings.ToLower(urlnorm.Host(site))
}

func term(field, value string) query.Query {
	q := query.NewTermQuery(value)
	q.SetField(field)
	return q
}

func boolTerm(field string, v bool) query.Query {
	q := query.NewBoolFieldQuery(v)
	q.SetField(field)
	return q
}

// analyzers lists the analyzers that documents in the index were indexed
// with, read off its text fields.
func (ix *Index) analyzers() ([]string, error) {
	fields, err := ix.bi.Fields()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var out []string
	for _, f := range fields {
		if a, ok := strings.CutPrefix(f, fText+"_"); ok {
			out = append(out, a)
		}
	}
	return out, nil
}

// A cursor is the offset of the next page. It is opaque to callers so that
// it can become a search-after key without changing the API.
func encodeCursor(offset int) string { return "o" + strconv.Itoa(offset) }

func decodeCursor(c string) (int, error) {
	if c == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimPrefix(c, "o"))
	if err != nil || n < 0 || !strings.HasPrefix(c, "o") {
		return 0, errors.New("search: bad cursor (use the next cursor of a previous result)")
	}
	return n, nil
}
