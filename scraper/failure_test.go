package scraper

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"newsarchive/article"
	"newsarchive/frontier"
)

// flakySink fails to archive the pages whose URL it is told to, until
// healed.
type flakySink struct {
	*recorder
	fail   map[string]bool
	healed atomic.Bool
}

func (f *flakySink) Archive(ctx context.Context, p *Page, a *article.Article) (Outcome, error) {
	if !f.healed.Load() && f.fail[p.URL] {
		return Skipped, errors.New("no space left on device")
	}
	return f.recorder.Archive(ctx, p, a)
}

// TestSinkFailureLeavesRequests: a page the Sink could not archive is not
// done; the run stops with ErrSink, and the next run (resumed) fetches and
// archives it.
func TestSinkFailureLeavesRequests(t *testing.T) {
	s := newSites(t, 1, 20)[0]
	sink := &flakySink{recorder: newRecorder(), fail: map[string]bool{s.u("/news/7"): true}}
	o := testOptions(s, nil, "/")
	o.Sink = sink
	o.Parallelism = 1
	st, err := New(o).Run(context.Background())
	if !errors.Is(err, ErrSink) {
		t.Fatalf("first run: err = %v; want ErrSink", err)
	}
	if st.Errors == 0 {
		t.Errorf("first run stats %+v; want the failure counted", st)
	}
	sink.healed.Store(true)
	st, err = New(o).Run(context.Background())
	if err != nil || !st.Resumed || st.Errors != 0 {
		t.Fatalf("second run: %+v, %v; want a clean resumed run", st, err)
	}
	keys := sink.keys()
	if len(keys) != 20 {
		t.Fatalf("archived %d articles over both runs; want all 20 (missing ones are lost for good)", len(keys))
	}
	if s.hit("/news/7") != 2 || s.hit("/") != 1 {
		t.Errorf("/news/7 fetched %d times, index %d; want the failed page fetched again and the rest resumed", s.hit("/news/7"), s.hit("/"))
	}
}

// failingPushes is a State whose Push fails after the first one.
type failingPushes struct {
	frontier.State
	n atomic.Int32
}

func (f *failingPushes) Push(reqs []frontier.Request) (int, error) {
	if f.n.Add(1) > 1 {
		return 0, errors.New("disk full")
	}
	return f.State.Push(reqs)
}

func TestStateFailureStopsRun(t *testing.T) {
	s := newSites(t, 1, 3)[0]
	mem := frontier.NewMemState()
	o := testOptions(s, newRecorder(), "/")
	o.State = &failingPushes{State: mem}
	_, err := New(o).Run(context.Background())
	if !errors.Is(err, ErrState) {
		t.Fatalf("err = %v; want ErrState", err)
	}
	// The front page's links were not queued, so it was not done.
	if n, _ := mem.Pending(); n != 1 {
		t.Errorf("pending = %d; want the front page left for the next run", n)
	}
}
