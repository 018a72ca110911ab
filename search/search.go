package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
	// Approximate is set when Total (and the facets) are estimates: a
	// phrase query whose candidates were not all checked.
	Approximate bool `json:"approximate,omitempty"`
	// Next is the cursor of the next page, "" on the last.
	Next string `json:"next,omitempty"`
}

const (
	defaultLimit = 20
	maxLimit     = 1000
	// maxRemoved bounds how many old versions a Removed search weighs.
	maxRemoved = 10000
	// maxVerify bounds how many candidates a phrase query checks against
	// the archive's text for one page; past it, counts are estimates.
	maxVerify = 1000
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
	adv, err := ix.bi.Advanced()
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	rd, err := adv.Reader()
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	// The searches below take a snapshot of their own: a term indexed in
	// between is missed by this one search, as if it came a moment later.
	c := &compiler{im: ix.im, analyzers: analyzers, plain: ix.tables == nil, has: func(field, t string) bool {
		tfr, err := rd.TermFieldReader(ctx, []byte(t), field, false, false, false)
		if err != nil {
			return true
		}
		defer tfr.Close()
		return tfr.Count() > 0
	}}
	uq, err := c.compile(tree)
	rd.Close()
	if err != nil {
		return res, err
	}
	if uq == nil {
		return res, &QueryError{Col: 1, Msg: errStopWords.Error()}
	}
	s := &searcher{ix: ix, ctx: ctx, tree: tree, m: &matcher{im: ix.im, analyzers: analyzers}, verify: c.cjkPhrases, verifyAll: c.deferred, sort: r.Sort}
	must := []query.Query{uq}
	if r.Site != "" {
		must = append(must, term(fDomain, siteHost(r.Site)))
	}
	if !r.Since.IsZero() {
		must = append(must, dateRange(fFetched, r.Since, time.Time{}))
	}
	if r.Removed {
		return s.removed(uq, must, offset, limit)
	}
	if !r.AllVersions {
		s.onlyLatest = true
		// NOT latest:false rather than latest:true: the old versions are
		// the few, so the filter skips rather than visits.
		return s.search(query.NewBooleanQuery(must, nil, []query.Query{boolTerm(fLatest, false)}), offset, limit)
	}
	return s.search(query.NewConjunctionQuery(must), offset, limit)
}

// searcher is one Search in progress.
type searcher struct {
	ix   *Index
	ctx  context.Context
	tree node
	m    *matcher
	// verify: the query has CJK phrases, so CJK candidates are checked on
	// the text; verifyAll: every candidate is (a NOT was left to matcher).
	verify, verifyAll bool
	sort              string
	// onlyLatest: every candidate is a latest version (the index says so).
	onlyLatest bool
}

// search pages through the index's candidates for q. Without phrases they
// are the hits; with phrases each is checked until the page is full (and
// Total is an estimate unless every candidate was checked).
func (s *searcher) search(q query.Query, offset, limit int) (Result, error) {
	res := Result{Hits: []Hit{}}
	size, from, examined := limit, offset, 0
	if s.verify {
		size, from = limit+10, 0
	}
	var hits []Hit
	total := 0
	for {
		sr, sites, months, err := s.ix.find(s.ctx, q, s.sort, size, from)
		if err != nil {
			return res, err
		}
		if from == 0 || !s.verify {
			total = int(sr.Total)
			res.Sites, res.Months = sites, months
		}
		for _, h := range sr.Hits {
			examined++
			if hit, ok := s.hit(h); ok {
				hits = append(hits, hit)
			}
		}
		from += len(sr.Hits)
		if !s.verify {
			res.Total, res.Hits = total, hits
			if from < total {
				res.Next = encodeCursor(from)
			}
			return res, s.rescore(q, res.Hits)
		}
		done := len(sr.Hits) < size || from >= total
		if done || len(hits) > offset+limit || examined >= maxVerify {
			res.Approximate = !done
			res.Total = len(hits)
			if !done {
				res.Total = max(len(hits), total*len(hits)/max(examined, 1))
			} else {
				res.Sites, res.Months = hitFacets(hits)
			}
			if offset < len(hits) {
				res.Hits = hits[offset:min(offset+limit, len(hits))]
			}
			if offset+limit < len(hits) || (!done && offset+limit < res.Total) {
				res.Next = encodeCursor(offset + limit)
			}
			return res, s.rescore(q, res.Hits)
		}
	}
}

// removed answers a Removed search: the old versions that match, less the
// articles whose latest version still matches, one hit per article (its
// newest old version that matches).
func (s *searcher) removed(uq query.Query, must []query.Query, offset, limit int) (Result, error) {
	res := Result{Hits: []Hit{}}
	q := query.NewConjunctionQuery(append(must, boolTerm(fLatest, false)))
	sr, sites, months, err := s.ix.find(s.ctx, q, s.sort, maxRemoved, 0)
	if err != nil {
		return res, err
	}
	res.Sites, res.Months = sites, months
	// Each article's candidate versions, newest first, in rank order.
	var keys []string
	byKey := map[string][]*bsearch.DocumentMatch{}
	for _, h := range sr.Hits {
		key, _, ok := splitID(h.ID)
		if !ok {
			continue
		}
		if byKey[key] == nil {
			keys = append(keys, key)
		}
		byKey[key] = append(byKey[key], h)
	}
	for _, k := range keys {
		slices.SortFunc(byKey[k], func(a, b *bsearch.DocumentMatch) int {
			_, na, _ := splitID(a.ID)
			_, nb, _ := splitID(b.ID)
			return nb - na
		})
	}
	still := map[string]bool{}
	if !s.verify {
		// The index answers exactly which latest versions still match.
		if still, err = s.stillMatching(uq, keys); err != nil {
			return res, err
		}
	}
	// Every candidate article is weighed (up to maxVerify), not only the
	// page's: the total and the facets count the hits themselves, so they
	// agree with the hits on every page.
	var hits []Hit
	examined := 0
	for _, k := range keys {
		if examined >= maxVerify {
			res.Approximate = true
			break
		}
		examined++
		if still[k] || (s.verify && s.latestMatches(k)) {
			continue
		}
		for _, h := range byKey[k] {
			if hit, ok := s.hit(h); ok {
				hit.RemovedIn = hit.Version + 1
				hits = append(hits, hit)
				break
			}
		}
	}
	res.Total = len(hits)
	if res.Approximate {
		res.Total = max(len(hits), len(keys)*len(hits)/max(examined, 1))
	} else {
		res.Sites, res.Months = hitFacets(hits)
	}
	if offset < len(hits) {
		res.Hits = hits[offset:min(offset+limit, len(hits))]
	}
	if offset+limit < res.Total {
		res.Next = encodeCursor(offset + limit)
	}
	return res, s.rescore(q, res.Hits)
}

// rescore gives the hits of a page ranked by date the scores that a
// ranking by relevance gives them: the date ranking asks bleve for no
// scores (see request), and the page's few are cheap to score again. The
// conjunction with their ids (weighing nothing) leaves q's scores as
// they are.
func (s *searcher) rescore(q query.Query, hits []Hit) error {
	if s.sort != "date" || len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = docID(h.Key, h.Version)
	}
	page := query.NewDocIDQuery(ids)
	page.SetBoost(0)
	req := bleve.NewSearchRequestOptions(query.NewConjunctionQuery([]query.Query{q, page}), len(ids), 0, false)
	sr, err := s.ix.bi.SearchInContext(s.ctx, req)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	score := make(map[string]float64, len(sr.Hits))
	for _, h := range sr.Hits {
		score[h.ID] = h.Score
	}
	for i := range hits {
		hits[i].Score = score[ids[i]]
	}
	return nil
}

// stillMatching returns the keys whose latest version the index matches
// with uq.
func (s *searcher) stillMatching(uq query.Query, keys []string) (map[string]bool, error) {
	out := map[string]bool{}
	for start := 0; start < len(keys); start += 512 {
		var ks []query.Query
		for _, k := range keys[start:min(start+512, len(keys))] {
			ks = append(ks, term(fKey, k))
		}
		q := query.NewConjunctionQuery([]query.Query{uq, boolTerm(fLatest, true), query.NewDisjunctionQuery(ks)})
		sr, err := s.ix.bi.SearchInContext(s.ctx, bleve.NewSearchRequestOptions(q, len(ks), 0, false))
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		for _, h := range sr.Hits {
			if key, _, ok := splitID(h.ID); ok {
				out[key] = true
			}
		}
	}
	return out, nil
}

// latestMatches checks the query on key's latest version in the archive.
func (s *searcher) latestMatches(key string) bool {
	a, err := s.ix.st.Latest(key)
	return err == nil && s.m.view(key, &a).eval(s.tree, false)
}

// hit builds a Hit from the archive's copy of the version: false when the
// archive no longer has it (pruned since it was indexed), or when the
// query has phrases and the text does not have them.
func (s *searcher) hit(m *bsearch.DocumentMatch) (Hit, bool) {
	key, n, ok := splitID(m.ID)
	if !ok {
		return Hit{}, false
	}
	a, err := s.ix.st.Version(key, n)
	if err != nil {
		return Hit{}, false
	}
	v := s.m.view(key, &a)
	if !v.eval(s.tree, true) && (s.verifyAll || s.verify && !positions(v.analyzer)) {
		return Hit{}, false // the index could not decide this one
	}
	latest := s.onlyLatest
	if !latest {
		if l, err := s.ix.st.Latest(key); err == nil {
			latest = l.Version == n
		}
	}
	return Hit{
		Key: key, Version: n, Latest: latest, Title: a.Title, Site: urlnorm.Host(key),
		Language: a.Language, PublishedAt: a.PublishedAt, FetchedAt: a.FetchedAt,
		Score: m.Score, Fragments: fragments(&a, v.spans),
	}, true
}

// hitFacets counts sites and months over hits (when they are all of them).
func hitFacets(hits []Hit) (sites, months []FacetCount) {
	count := func(val func(Hit) string, n int) []FacetCount {
		c := map[string]int{}
		for _, h := range hits {
			if v := val(h); v != "" {
				c[v]++
			}
		}
		out := []FacetCount{}
		for v, k := range c {
			out = append(out, FacetCount{Value: v, Count: k})
		}
		slices.SortFunc(out, func(a, b FacetCount) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return strings.Compare(a.Value, b.Value)
		})
		return out[:min(n, len(out))]
	}
	month := func(h Hit) string {
		if t, ok := parseDate(h.PublishedAt); ok {
			return t.Format("2006-01")
		}
		if t, ok := parseDate(h.FetchedAt); ok {
			return t.Format("2006-01")
		}
		return ""
	}
	return count(func(h Hit) string { return h.Site }, 10), count(month, 24)
}

// facets splits the facet field's counts into sites (the first 10) and
// months (the first 24), most hits first.
func facets(sr *bleve.SearchResult) (sites, months []FacetCount) {
	f := sr.Facets[fFacet]
	if f == nil {
		return []FacetCount{}, []FacetCount{}
	}
	return splitFacets(f.Terms.Terms())
}

// splitFacets splits the facet field's terms, most hits first, into sites
// and months.
func splitFacets(terms []*bsearch.TermFacet) (sites, months []FacetCount) {
	sites, months = []FacetCount{}, []FacetCount{}
	for _, t := range terms {
		if v, ok := strings.CutPrefix(t.Term, facetSite); ok && len(sites) < 10 {
			sites = append(sites, FacetCount{Value: v, Count: t.Count})
		} else if v, ok := strings.CutPrefix(t.Term, facetMonth); ok && len(months) < 24 {
			months = append(months, FacetCount{Value: v, Count: t.Count})
		}
	}
	return sites, months
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

// request is a search request for q with the ranking, page and facets.
// Ties keep the index's order: a sort on _id would read every match's
// stored id, and one on the date every match's doc values.
func (ix *Index) request(q query.Query, sort string, size, from int) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(q, size, from, false)
	if sort == "date" {
		// No scores: bleve then evaluates ANDs and ORs of terms on the
		// postings' bitmaps and reads no frequencies or norms. Ties keep
		// the index's order; rescore scores the page.
		req.SortByCustom(bsearch.SortOrder{&bsearch.SortField{Field: fDate, Desc: true, Type: bsearch.SortFieldAsString}})
		req.Score = bleve.ScoreNone
	} else {
		req.SortByCustom(bsearch.SortOrder{&bsearch.SortScore{Desc: true}})
	}
	// The facet field holds every site and month value, so the request
	// asks for them all and facets keeps the first of each kind.
	req.AddFacet(fFacet, bleve.NewFacetRequest(fFacet, maxFacetTerms))
	return req
}

// maxFacetTerms bounds the sites and months a search counts.
const maxFacetTerms = 10000
