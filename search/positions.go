package search

import (
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// The fields that keep term positions (for phrases) are indexed with a
// wrapper of their analyzer that zeroes each token's byte offsets. bleve
// stores an offset pair with every position, as varints, and fragments
// never read them (they are cut from the archive's text, which matcher
// analyses with the plain analyzer): zeros take one byte each instead of
// two or three, about a quarter of each position's bytes. Phrase queries
// read positions only. Field names, query analysis and matcher keep the
// plain analyzer's name, so nothing else changes.

// positionsOnly is an analyzer whose tokens keep terms and positions but
// no byte offsets.
type positionsOnly struct{ inner analysis.Analyzer }

func (p positionsOnly) Analyze(b []byte) analysis.TokenStream {
	ts := p.inner.Analyze(b)
	for _, t := range ts {
		t.Start, t.End = 0, 0
	}
	return ts
}

// indexAnalyzer is the analyzer a field of analyzer a is indexed with.
func indexAnalyzer(a string) string {
	if positions(a) {
		return a + "_positions"
	}
	return a
}

func init() {
	for _, a := range analyzers() {
		if !positions(a) {
			continue
		}
		err := registry.RegisterAnalyzer(indexAnalyzer(a), func(_ map[string]any, c *registry.Cache) (analysis.Analyzer, error) {
			inner, err := c.AnalyzerNamed(a)
			if err != nil {
				return nil, err
			}
			// the same tokens, with ASCII cut by hand (see asciiTokenizer)
			// and stems remembered (see stemCache)
			if d, ok := inner.(*analysis.DefaultAnalyzer); ok {
				fast := *d
				if _, ok := d.Tokenizer.(*unicode.UnicodeTokenizer); ok {
					fast.Tokenizer = newASCIITokenizer()
				}
				fast.TokenFilters = withStemCache(d.TokenFilters)
				inner = &fast
			}
			return positionsOnly{inner}, nil
		})
		if err != nil {
			panic(err) // a name registered twice is a programming error
		}
	}
}
