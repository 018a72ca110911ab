package search

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// errStopWords is returned when nothing in a query is left to look for.
var errStopWords = errors.New("the query has nothing to look for: only common words (such as \"the\") or punctuation")

// compiler turns a parsed query into a bleve query. Each word or phrase is
// analysed with every analyzer the index holds documents of and looked for
// in that analyzer's fields, so Chinese bigrams meet Chinese documents and
// English stems English ones: this is the custom _all.
type compiler struct {
	im        mapping.IndexMapping
	analyzers []string
	// has reports whether field's dictionary holds term (nil: assume it
	// does). A clause with a term the index lacks cannot match, so it is
	// left out: a Chinese word is then not also looked for as single
	// characters in English fields, nor an English phrase as a bigram
	// conjunction in Chinese ones, which keeps the query one that bleve
	// can evaluate on bitmaps (see Index.request) and spares the checks
	// on the archive's text that a CJK phrase needs.
	has func(field, term string) bool
	// cjkPhrases is set when a word or phrase has several CJK bigrams: the
	// CJK fields keep no positions, so the index finds the versions with
	// all of them and matcher checks that they are adjacent.
	cjkPhrases bool
	// deferred is set when a NOT was left to matcher: then it decides for
	// every candidate, whatever its language.
	deferred bool
	// plain: bleve's own phrase searcher (see phraseQuery).
	plain bool
}

func (c *compiler) compile(n node) (query.Query, error) {
	switch n := n.(type) {
	case orNode:
		var qs []query.Query
		for _, k := range n.kids {
			q, err := c.compile(k)
			if err != nil {
				return nil, err
			}
			if q != nil {
				qs = append(qs, q)
			}
		}
		if len(qs) == 0 {
			return nil, nil
		}
		return query.NewDisjunctionQuery(qs), nil
	case andNode:
		var must, not []query.Query
		for _, k := range n.kids {
			if nn, ok := k.(notNode); ok {
				q, err := c.negated(nn.kid)
				if err != nil {
					return nil, err
				}
				if q != nil {
					not = append(not, q)
				}
				if q == matchAll {
					not = not[:len(not)-1]
					must = append(must, q)
				}
				continue
			}
			q, err := c.compile(k)
			if err != nil {
				return nil, err
			}
			if q != nil {
				must = append(must, q)
			}
		}
		return c.boolean(must, not), nil
	case notNode:
		q, err := c.negated(n.kid)
		if err != nil || q == nil || q == matchAll {
			return q, err
		}
		return c.boolean(nil, []query.Query{q}), nil
	case textNode:
		return c.text(n), nil
	case termNode:
		q := query.NewTermQuery(n.value)
		q.SetField(n.field)
		return q, nil
	case rangeNode:
		return dateRange(n.field, n.from, n.to), nil
	}
	return nil, nil
}

// matchAll stands for a NOT that the index cannot decide (see negated).
var matchAll query.Query = query.NewMatchAllQuery()

// negated compiles what NOT excludes. With a CJK phrase in it, the NOT is
// left to matcher and the index takes every version (matchAll): its
// stand-in for the phrase, all of its bigrams, would also exclude versions
// that have the bigrams apart.
func (c *compiler) negated(n node) (query.Query, error) {
	sub := &compiler{im: c.im, analyzers: c.analyzers, has: c.has, plain: c.plain}
	q, err := sub.compile(n)
	if err == nil && q != nil && sub.cjkPhrases {
		c.cjkPhrases, c.deferred = true, true
		return matchAll, nil
	}
	return q, err
}

// boolean is must AND NOT (any of not); with no must it matches every
// document but those. Nil when there is nothing left of either.
func (c *compiler) boolean(must, not []query.Query) query.Query {
	if len(must) == 0 && len(not) == 0 {
		return nil
	}
	if len(not) == 0 {
		if len(must) == 1 {
			return must[0]
		}
		return query.NewConjunctionQuery(must)
	}
	if len(must) == 0 {
		must = []query.Query{query.NewMatchAllQuery()}
	}
	bq := query.NewBooleanQuery(must, nil, not)
	if !c.plain {
		bq.MustNot = unscored{bq.MustNot}
	}
	return bq
}

// unscored is q searched without scores. What a NOT excludes adds
// nothing to a score (bleve's boolean searcher leaves it out of the
// weights and the sum), so it needs none; without them bleve evaluates an
// OR of terms as one union of the postings' bitmaps, where scored it
// merges the terms' postings match by match.
type unscored struct{ q query.Query }

func (u unscored) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, o bsearch.SearcherOptions) (bsearch.Searcher, error) {
	o.Score = bleve.ScoreNone
	return u.q.Searcher(ctx, r, m, o)
}

// MarshalJSON writes it as the query it wraps.
func (u unscored) MarshalJSON() ([]byte, error) { return json.Marshal(u.q) }

// text is a word or phrase in its field (or in all text fields), under
// every analyzer. A word that some analyzer drops as a stop word is not a
// condition at all (nil), so "the ferry" still finds English articles.
func (c *compiler) text(n textNode) query.Query {
	tokens := map[string][]string{}
	for _, a := range c.analyzers {
		an := c.im.AnalyzerNamed(a)
		if an == nil {
			continue
		}
		var ts []string
		for _, t := range an.Analyze([]byte(n.text)) {
			ts = append(ts, string(t.Term))
		}
		if len(ts) == 0 {
			return nil
		}
		tokens[a] = ts
	}
	var qs []query.Query
	for _, f := range allFields {
		if n.field != "" && n.field != f.name {
			continue
		}
		for a, ts := range tokens {
			if !c.hasAll(fieldName(f.name, a), ts) {
				continue
			}
			var q query.Query
			switch {
			case len(ts) == 1:
				tq := query.NewTermQuery(ts[0])
				tq.SetField(fieldName(f.name, a))
				tq.SetBoost(f.boost)
				q = tq
			case !positions(a):
				c.cjkPhrases = true
				var terms []query.Query
				for _, t := range ts {
					tq := query.NewTermQuery(t)
					tq.SetField(fieldName(f.name, a))
					tq.SetBoost(f.boost)
					terms = append(terms, tq)
				}
				q = query.NewConjunctionQuery(terms)
			default:
				q = &phraseQuery{text: n.text, field: fieldName(f.name, a), analyzer: a, boost: f.boost, plain: c.plain}
			}
			qs = append(qs, q)
		}
	}
	switch len(qs) {
	case 0:
		return query.NewMatchNoneQuery() // a condition nothing meets
	case 1:
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}

func (c *compiler) hasAll(field string, terms []string) bool {
	if c.has == nil {
		return true
	}
	for _, t := range terms {
		if !c.has(field, t) {
			return false
		}
	}
	return true
}

// dateRange is from (inclusive) to to (exclusive) on field; a zero time
// leaves that side open.
func dateRange(field string, from, to time.Time) query.Query {
	incl, excl := true, false
	q := bleve.NewDateRangeInclusiveQuery(from, to, &incl, &excl)
	q.SetField(field)
	return q
}
