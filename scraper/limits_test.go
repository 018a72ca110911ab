package scraper

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"newsarchive/frontier"
	"newsarchive/urlnorm"
)

// boltLikeState fails a whole Push when one URL is longer than bbolt's
// largest key, as the archive's crawl state does (one transaction per
// Push), and records the size of every Push.
type boltLikeState struct {
	*frontier.MemState
	mu      sync.Mutex
	batches []int
}

const boltMaxKeySize = 32768

func (s *boltLikeState) Push(reqs []frontier.Request) (int, error) {
	s.mu.Lock()
	s.batches = append(s.batches, len(reqs))
	s.mu.Unlock()
	for _, r := range reqs {
		if len(r.URL) > boltMaxKeySize {
			return 0, errors.New("key too large")
		}
	}
	return s.MemState.Push(reqs)
}

func (s *boltLikeState) maxBatch() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := 0
	for _, n := range s.batches {
		m = max(m, n)
	}
	return m
}

func TestOverlongLinkIsSkippedAndCounted(t *testing.T) {
	s := newSite(t)
	var links []string
	for i := range 50 {
		p := fmt.Sprintf("/news/%d", i)
		links = append(links, p)
		s.html(p, articlePage(fmt.Sprintf("Story %d", i), ""))
	}
	long := "/news/" + strings.Repeat("a", 40000)
	s.html("/", listPage(append(links[:25:25], append([]string{long}, links[25:]...)...)...))
	rec := newRecorder()
	o := testOptions(s, rec, "/")
	st := &boltLikeState{MemState: frontier.NewMemState()}
	o.State = st
	o.MaxDepth = 1
	stats, err := New(o).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rec.keys()); n != 50 {
		t.Errorf("archived %d articles; want the 50 normal links", n)
	}
	if stats.LongURLs != 1 {
		t.Errorf("Stats.LongURLs = %d; want 1", stats.LongURLs)
	}
	if stats.Errors != 0 {
		t.Errorf("Stats.Errors = %d; want 0 (an overlong link is skipped, not an error)", stats.Errors)
	}
	for k := range rec.keys() {
		if len(k) > urlnorm.MaxLength {
			t.Errorf("archived an overlong key (%d bytes)", len(k))
		}
	}
}

func TestLinksPerPageAreCappedAndPushedInBatches(t *testing.T) {
	cases := []struct {
		name      string
		links     int
		wantQueue int
		wantCut   int
	}{
		{"under the cap", 600, 600, 0},
		{"over the cap", maxLinksPerPage + 500, maxLinksPerPage, 500},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newSite(t)
			links := make([]string, c.links)
			for i := range links {
				links[i] = fmt.Sprintf("/p/%d", i)
			}
			s.html("/", listPage(links...))
			rec := newRecorder()
			o := testOptions(s, rec, "/")
			st := &boltLikeState{MemState: frontier.NewMemState()}
			o.State = st
			o.MaxPages = 1 // the index only: its links are queued, not fetched
			stats, err := New(o).Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got := stats.Queued - 1; got != c.wantQueue { // the seed is queued too
				t.Errorf("queued %d links; want %d", got, c.wantQueue)
			}
			if stats.LinksCut != c.wantCut {
				t.Errorf("Stats.LinksCut = %d; want %d", stats.LinksCut, c.wantCut)
			}
			if m := st.maxBatch(); m > pushBatch {
				t.Errorf("largest Push had %d requests; want at most %d", m, pushBatch)
			}
		})
	}
}
