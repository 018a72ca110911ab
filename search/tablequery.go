package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// errNotScorch: the index is not a scorch index, so it has no segments to
// make tables of; the search falls back to bleve's facets and sort.
var errNotScorch = errors.New("search: not a scorch index")

// tableRun is one search through the tables: the snapshot's table, which
// the query sets when bleve opens its searcher on the snapshot, and the
// facet counts the searcher adds up.
type tableRun struct {
	st     *snapTable
	counts []int
	hint   int
}

// tableQuery is q, whose matches also count their facet values in run: a
// query (bleve's extension point) so that it sees the snapshot that bleve
// searches.
type tableQuery struct {
	q   query.Query
	t   *docTables
	run *tableRun
}

func (tq *tableQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, o bsearch.SearcherOptions) (bsearch.Searcher, error) {
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, errNotScorch
	}
	st, err := tq.t.forSnapshot(is)
	if err != nil {
		return nil, err
	}
	s, err := tq.q.Searcher(ctx, r, m, o)
	if err != nil {
		return nil, err
	}
	tq.run.st, tq.run.counts = st, make([]int, len(st.vals))
	return &countingSearcher{Searcher: s, run: tq.run}, nil
}

// countingSearcher counts the facet values of each match it returns.
type countingSearcher struct {
	bsearch.Searcher
	run  *tableRun
	hint int
}

func (c *countingSearcher) count(m *bsearch.DocumentMatch) {
	if m == nil {
		return
	}
	tab, n := c.run.st.doc(m.IndexInternalID, &c.hint)
	for _, id := range tab.ids[tab.off[n]:tab.off[n+1]] {
		c.run.counts[id]++
	}
}

func (c *countingSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	m, err := c.Searcher.Next(ctx)
	c.count(m)
	return m, err
}

func (c *countingSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	m, err := c.Searcher.Advance(ctx, id)
	c.count(m)
	return m, err
}

// tableDateSort is the date ranking (newest first) from the tables: the
// same values as a bleve sort on the date field, which reads every
// match's doc values. A version without a date comes last, as there.
type tableDateSort struct {
	run  *tableRun
	desc bool
}

func (s *tableDateSort) Value(m *bsearch.DocumentMatch) string {
	tab, n := s.run.st.doc(m.IndexInternalID, &s.run.hint)
	if d := tab.date[n]; d != "" {
		return d
	}
	if s.desc {
		return bsearch.LowTerm
	}
	return bsearch.HighTerm
}

func (s *tableDateSort) UpdateVisitor(string, []byte) {}
func (s *tableDateSort) DecodeValue(v string) string  { return v }
func (s *tableDateSort) Descending() bool             { return s.desc }
func (s *tableDateSort) RequiresDocID() bool          { return false }
func (s *tableDateSort) RequiresScoring() bool        { return false }
func (s *tableDateSort) RequiresFields() []string     { return nil }
func (s *tableDateSort) Reverse()                     { s.desc = !s.desc }
func (s *tableDateSort) Copy() bsearch.SearchSort     { c := *s; return &c }

// find runs q for one page (size hits from from) with the ranking, and
// counts the facets over all of its matches.
func (ix *Index) find(ctx context.Context, q query.Query, sort string, size, from int) (*bleve.SearchResult, []FacetCount, []FacetCount, error) {
	if ix.tables == nil {
		return ix.findBleve(ctx, q, sort, size, from)
	}
	run := &tableRun{}
	req := bleve.NewSearchRequestOptions(&tableQuery{q: q, t: ix.tables, run: run}, size, from, false)
	if sort == "date" {
		req.SortByCustom(bsearch.SortOrder{&tableDateSort{run: run, desc: true}})
		req.Score = bleve.ScoreNone // see request
	} else {
		req.SortByCustom(bsearch.SortOrder{&bsearch.SortScore{Desc: true}})
	}
	sr, err := ix.bi.SearchInContext(ctx, req)
	if errors.Is(err, errNotScorch) {
		return ix.findBleve(ctx, q, sort, size, from)
	}
	if err != nil {
		return nil, nil, nil, fmt.Errorf("search: %w", err)
	}
	var terms []*bsearch.TermFacet
	for id, n := range run.counts {
		if n > 0 {
			terms = append(terms, &bsearch.TermFacet{Term: run.st.vals[id], Count: n})
		}
	}
	// bleve's order for a terms facet: most hits first, then by term.
	slices.SortFunc(terms, func(a, b *bsearch.TermFacet) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Term, b.Term)
	})
	sites, months := splitFacets(terms[:min(len(terms), maxFacetTerms)])
	return sr, sites, months, nil
}

// findBleve is find with bleve's own facets and date sort.
func (ix *Index) findBleve(ctx context.Context, q query.Query, sort string, size, from int) (*bleve.SearchResult, []FacetCount, []FacetCount, error) {
	sr, err := ix.bi.SearchInContext(ctx, ix.request(q, sort, size, from))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("search: %w", err)
	}
	sites, months := facets(sr)
	return sr, sites, months, nil
}
