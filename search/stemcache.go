package search

import (
	"hash/maphash"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
)

// stemCache is bleve's Porter stemmer with a memo of the stems it has
// made. The stemmer was over a third of English analysis in the crawl's
// profile (it turns every token into runes and back), and text repeats
// its words: a few thousand common words make most of the tokens. A stem
// depends on its word alone, so the memo gives the stemmer's output
// exactly (TestStemCacheSame, FuzzStemCache). It holds at most
// stemCacheMax words, the first ones met, which in text drawn with Zipf
// frequencies are the common ones; others are stemmed each time. Analysis
// runs on several goroutines: the memo is cut into shards, each behind a
// read-write lock, and a hit takes only a read lock.
type stemCache struct {
	inner  *porter.PorterStemmer
	seed   maphash.Seed
	size   atomic.Int64
	shards [stemShards]stemShard
}

const (
	stemShards   = 16
	stemCacheMax = 1 << 16 // about 5 MB of words and stems
)

type stemShard struct {
	mu sync.RWMutex
	m  map[string][]byte
}

func newStemCache(inner *porter.PorterStemmer) *stemCache {
	c := &stemCache{inner: inner, seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i].m = map[string][]byte{}
	}
	return c
}

// Filter stems each token that is not a keyword, as the Porter stemmer
// does. Tokens share the memo's stem: no later filter of the index
// analyzers writes into a term (the stemmer is the last of them).
func (c *stemCache) Filter(input analysis.TokenStream) analysis.TokenStream {
	var one [1]*analysis.Token
	for _, tok := range input {
		if tok.KeyWord {
			continue
		}
		sh := &c.shards[maphash.Bytes(c.seed, tok.Term)%stemShards]
		sh.mu.RLock()
		stem, ok := sh.m[string(tok.Term)]
		sh.mu.RUnlock()
		if ok {
			tok.Term = stem
			continue
		}
		word := tok.Term // the stemmer makes a new term, leaving this one
		one[0] = tok
		c.inner.Filter(one[:])
		if c.size.Load() >= stemCacheMax {
			continue
		}
		sh.mu.Lock()
		if _, ok := sh.m[string(word)]; !ok {
			sh.m[string(word)] = tok.Term
			c.size.Add(1)
		}
		sh.mu.Unlock()
	}
	return input
}

// withStemCache returns filters with a Porter stemmer that is the last
// of them (see Filter) replaced by a stemCache of it.
func withStemCache(filters []analysis.TokenFilter) []analysis.TokenFilter {
	n := len(filters)
	if n == 0 {
		return filters
	}
	p, ok := filters[n-1].(*porter.PorterStemmer)
	if !ok {
		return filters
	}
	out := append([]analysis.TokenFilter(nil), filters...)
	out[n-1] = newStemCache(p)
	return out
}
