package search

import (
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
)

// stemStream is a token stream of words, the ones starting with '!' as
// keywords (which a stemmer leaves alone).
func stemStream(words []string) analysis.TokenStream {
	ts := make(analysis.TokenStream, len(words))
	for i, w := range words {
		kw := strings.HasPrefix(w, "!")
		ts[i] = &analysis.Token{Term: []byte(strings.TrimPrefix(w, "!")), Position: i + 1, KeyWord: kw}
	}
	return ts
}

// compareStemCache checks c against bleve's Porter stemmer on words, twice:
// the first pass fills the memo, the second reads it.
func compareStemCache(t *testing.T, c *stemCache, words []string) {
	t.Helper()
	want := porter.NewPorterStemmer().Filter(stemStream(words))
	for pass := range 2 {
		if d := sameTokens(c.Filter(stemStream(words)), want); d != "" {
			t.Errorf("pass %d, %q: %s", pass, words, d)
		}
	}
}

func TestStemCacheSame(t *testing.T) {
	for _, c := range []struct {
		name  string
		words []string
	}{
		{"empty", nil},
		{"plurals and tenses", strings.Fields("ferries ferry walked walking councils agreed consultation replies")},
		{"repeated in one stream", strings.Fields("harbour harbours harbour harbours running running")},
		{"keywords left alone", strings.Fields("!running running !ferries ferries")},
		{"short and odd", []string{"a", "is", "", "xyz", "1990s", "naïve", "café", "über", "x\xffy"}},
		{"one word stems to another's stem", strings.Fields("generalization generalize general generous")},
	} {
		t.Run(c.name, func(t *testing.T) { compareStemCache(t, newStemCache(porter.NewPorterStemmer()), c.words) })
	}
}

// TestStemCacheFull: once the memo holds stemCacheMax words it takes no
// more, and still stems the words it lacks.
func TestStemCacheFull(t *testing.T) {
	c := newStemCache(porter.NewPorterStemmer())
	c.size.Store(stemCacheMax)
	compareStemCache(t, c, strings.Fields("ferries walked councils"))
	if n := c.size.Load(); n != stemCacheMax {
		t.Errorf("size %d, want %d", n, stemCacheMax)
	}
	for i := range c.shards {
		if len(c.shards[i].m) != 0 {
			t.Fatalf("shard %d took words when full: %v", i, c.shards[i].m)
		}
	}
}

// TestStemCacheConcurrent: analysis runs on several goroutines at once
// (run with -race).
func TestStemCacheConcurrent(t *testing.T) {
	c := newStemCache(porter.NewPorterStemmer())
	words := strings.Fields("the ferries walked out as councils agreed the harbour works would go ahead after consultations")
	want := porter.NewPorterStemmer().Filter(stemStream(words))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if d := sameTokens(c.Filter(stemStream(words)), want); d != "" {
					t.Error(d)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestEnglishIndexAnalyzerCachesStems: the positional English fields are
// indexed with the memo in place of bleve's stemmer (TestIndexAnalyzersSame
// checks that their tokens are the same).
func TestEnglishIndexAnalyzerCachesStems(t *testing.T) {
	a := newMapping().AnalyzerNamed(indexAnalyzer(en.AnalyzerName))
	p, ok := a.(positionsOnly)
	if !ok {
		t.Fatalf("index analyzer is %T", a)
	}
	d, ok := p.inner.(*analysis.DefaultAnalyzer)
	if !ok || len(d.TokenFilters) == 0 {
		t.Fatalf("inner analyzer is %T", p.inner)
	}
	if f := d.TokenFilters[len(d.TokenFilters)-1]; f == nil {
		t.Error("no last filter")
	} else if _, ok := f.(*stemCache); !ok {
		t.Errorf("last filter is %T, want *stemCache", f)
	}
}

func FuzzStemCache(f *testing.F) {
	for _, s := range []string{"ferries walked councils", "running !running", "generalization general", "naïve x\xffy 1990s"} {
		f.Add(s)
	}
	c := newStemCache(porter.NewPorterStemmer())
	f.Fuzz(func(t *testing.T, s string) { compareStemCache(t, c, strings.Fields(s)) })
}
