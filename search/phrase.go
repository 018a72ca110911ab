package search

import (
	"context"
	"encoding/json"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bsearcher "github.com/blevesearch/bleve/v2/search/searcher"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// phraseQuery is bleve's match-phrase query, evaluated more cheaply on a
// scorch index. bleve's phrase searcher reads the term vectors of every
// version that has all the words and builds maps of their locations:
// for two common words that is tens of thousands of versions and most of
// the query's time. Here the positions are compared straight off the
// segments' postings, without allocating, and the versions that have the
// phrase then go through a conjunction of the words' term searchers, which
// scores them as bleve's phrase searcher does (the sum of the terms'
// scores; the filter adds zero and weighs nothing).
type phraseQuery struct {
	text, field, analyzer string
	boost                 float64
	// plain: always bleve's own phrase searcher (as a test compares).
	plain bool
}

func (q *phraseQuery) bleve() *query.MatchPhraseQuery {
	pq := query.NewMatchPhraseQuery(q.text)
	pq.SetField(q.field)
	pq.Analyzer = q.analyzer
	pq.SetBoost(q.boost)
	return pq
}

// MarshalJSON writes it as the bleve query it stands for.
func (q *phraseQuery) MarshalJSON() ([]byte, error) { return json.Marshal(q.bleve()) }

func (q *phraseQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, o bsearch.SearcherOptions) (bsearch.Searcher, error) {
	is, ok := r.(*scorch.IndexSnapshot)
	an := m.AnalyzerNamed(q.analyzer)
	if q.plain || !ok || an == nil || o.Explain || o.IncludeTermVectors {
		return q.bleve().Searcher(ctx, r, m, o)
	}
	phrase, ok := phraseTerms(an.Analyze([]byte(q.text)))
	if !ok {
		return q.bleve().Searcher(ctx, r, m, o)
	}
	docs, err := phraseDocs(is, q.field, phrase)
	if err != nil {
		return nil, err
	}
	// One term searcher per word of the phrase, repeats included, as
	// bleve's phrase searcher has.
	var ss []bsearch.Searcher
	closeAll := func() {
		for _, s := range ss {
			s.Close()
		}
	}
	for _, t := range phrase {
		if t == "" {
			continue
		}
		ts, err := bsearcher.NewTermSearcher(ctx, r, t, q.field, q.boost, o)
		if err != nil {
			closeAll()
			return nil, err
		}
		ss = append(ss, ts)
	}
	ss = append(ss, &listSearcher{docs: docs})
	cs, err := bsearcher.NewConjunctionSearcher(ctx, r, ss, o)
	if err != nil {
		closeAll()
		return nil, err
	}
	return cs, nil
}

// phraseTerms is the phrase as bleve's match-phrase query makes it of the
// analysed tokens: a term per position from the first, "" where the
// analyzer dropped a word. False when a position has several terms (left
// to bleve).
func phraseTerms(tokens analysis.TokenStream) ([]string, bool) {
	if len(tokens) == 0 {
		return nil, false
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	out := make([]string, last-first+1)
	for _, t := range tokens {
		if out[t.Position-first] != "" {
			return nil, false
		}
		out[t.Position-first] = string(t.Term)
	}
	return out, true
}

// phraseDocs lists, in order, the snapshot's document numbers (as its
// internal ids number them: segment offset plus local number) whose field
// has the phrase: each word at the position after the one before (a ""
// skips one), within the same value of a field of several.
func phraseDocs(is *scorch.IndexSnapshot, field string, phrase []string) ([]uint64, error) {
	// The distinct terms, and for each word its term and its offset
	// from the first.
	var terms []string
	var parts []phrasePart
	for off, t := range phrase {
		if t == "" {
			continue
		}
		i := slices.Index(terms, t)
		if i < 0 {
			i = len(terms)
			terms = append(terms, t)
		}
		parts = append(parts, phrasePart{i, off})
	}
	var out []uint64
	var base uint64
	its := make([]segment.PostingsIterator, len(terms))
	cur := make([]segment.Posting, len(terms))
	for _, ss := range is.Segments() {
		seg := ss.Segment()
		segBase := base
		base += seg.Count()
		dict, err := seg.Dictionary(field)
		if err != nil {
			return nil, err
		}
		empty := false
		for i, t := range terms {
			pl, err := dict.PostingsList([]byte(t), ss.Deleted(), nil)
			if err != nil {
				return nil, err
			}
			if pl == nil || pl.Count() == 0 {
				empty = true
				break
			}
			its[i] = pl.Iterator(false, false, true, its[i])
			if cur[i], err = its[i].Next(); err != nil {
				return nil, err
			}
			if cur[i] == nil {
				empty = true
				break
			}
		}
		if empty {
			continue
		}
		// Leapfrog: every iterator to the largest document among them,
		// until they agree; then check the positions there.
	docs:
		for {
			doc := cur[0].Number()
			for _, p := range cur[1:] {
				doc = max(doc, p.Number())
			}
			same := true
			for i := range cur {
				if cur[i].Number() < doc {
					if cur[i], err = its[i].Advance(doc); err != nil {
						return nil, err
					}
					if cur[i] == nil {
						break docs
					}
				}
				same = same && cur[i].Number() == doc
			}
			if !same {
				continue
			}
			if hasPhrase(cur, parts) {
				out = append(out, segBase+doc)
			}
			if cur[0], err = its[0].Next(); err != nil {
				return nil, err
			}
			if cur[0] == nil {
				break
			}
		}
	}
	return out, nil
}

// phrasePart is a word of a phrase: its term (an index into the distinct
// terms) and its offset from the first word.
type phrasePart struct{ term, off int }

// hasPhrase checks one document whose postings are cur: some location of
// the first word is followed, at each word's offset, by that word's term
// in the same value.
func hasPhrase(cur []segment.Posting, parts []phrasePart) bool {
first:
	for _, l0 := range cur[parts[0].term].Locations() {
		pos, ap := l0.Pos(), l0.ArrayPositions()
	words:
		for _, p := range parts[1:] {
			for _, l := range cur[p.term].Locations() {
				if l.Pos() == pos+uint64(p.off) && slices.Equal(l.ArrayPositions(), ap) {
					continue words
				}
			}
			continue first
		}
		return true
	}
	return false
}

// listSearcher matches a sorted list of document numbers, with no score
// and no weight: a filter in a conjunction.
type listSearcher struct {
	docs []uint64
	i    int
}

func (s *listSearcher) match(ctx *bsearch.SearchContext) *bsearch.DocumentMatch {
	if s.i >= len(s.docs) {
		return nil
	}
	m := ctx.DocumentMatchPool.Get()
	m.IndexInternalID = index.NewIndexInternalID(m.IndexInternalID, s.docs[s.i])
	s.i++
	return m
}

func (s *listSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	return s.match(ctx), nil
}

func (s *listSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	n := id.Value()
	s.i += sort.Search(len(s.docs)-s.i, func(j int) bool { return s.docs[s.i+j] >= n })
	return s.match(ctx), nil
}

func (s *listSearcher) Close() error               { return nil }
func (s *listSearcher) Weight() float64            { return 0 }
func (s *listSearcher) SetQueryNorm(float64)       {}
func (s *listSearcher) Count() uint64              { return uint64(len(s.docs)) }
func (s *listSearcher) Min() int                   { return 0 }
func (s *listSearcher) Size() int                  { return 48 + 8*cap(s.docs) }
func (s *listSearcher) DocumentMatchPoolSize() int { return 1 }
