package store

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"newsarchive/frontier"
	"newsarchive/frontier/frontiertest"
)

func reqs(urls ...string) []frontier.Request {
	out := make([]frontier.Request, len(urls))
	for i, u := range urls {
		out[i] = frontier.Request{URL: u, Depth: i % 3, Kind: frontier.KindPage, LastMod: "2024-09-05"}
	}
	return out
}

func urlsOf(rs []frontier.Request) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return out
}

// checkVerified fails t unless the store's checks pass once the crawl
// state's queued writes are committed.
func checkVerified(t *testing.T, s *Store, cs *CrawlState) {
	t.Helper()
	if _, err := cs.Pending(); err != nil { // ordered after every queued write
		t.Fatal(err)
	}
	r, err := s.Verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Fatalf("verify: %v", r.Problems)
	}
}

// TestCrawlStateConformance runs the frontier suite on bbolt. Reopening
// closes the archive and opens it again, as the next crawl process does;
// every case ends with the store's own checks.
func TestCrawlStateConformance(t *testing.T) {
	var cur *CrawlState // the state a case uses now
	frontiertest.Run(t, frontiertest.Factory{
		New: func(t *testing.T) frontier.State {
			s, _ := openTest(t, Options{})
			cs := s.Crawl("job")
			cur = cs
			t.Cleanup(func() {
				if cur == cs && !t.Failed() {
					checkVerified(t, s, cs)
				}
			})
			return cs
		},
		Reopen: func(t *testing.T, st frontier.State) frontier.State {
			old := st.(*CrawlState)
			if err := old.s.Close(); err != nil {
				t.Fatal(err)
			}
			s, err := Open(old.s.path, Options{LockTimeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			cs := s.Crawl("job")
			cur = cs
			t.Cleanup(func() {
				if cur == cs && !t.Failed() {
					checkVerified(t, s, cs)
				}
				s.Close()
			})
			return cs
		},
	})
}

func TestCrawlStatePersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cs := s.Crawl("j")
	cs.BeginRun(false)
	var many []frontier.Request
	for i := range 5000 {
		many = append(many, frontier.Request{URL: fmt.Sprintf("https://h%d/%d", i%10, i)})
	}
	before := s.w.commits.Load()
	if n, err := cs.Push(many); err != nil || n != 5000 {
		t.Fatalf("Push = %d, %v", n, err)
	}
	if c := s.w.commits.Load() - before; c != 1 {
		t.Errorf("Push of 5000 took %d commits, want 1", c)
	}
	p := frontier.Policy{PerHost: 1}
	got, _, _ := cs.Claim(t0, 3, p)
	if want := []string{"https://h0/0", "https://h1/1", "https://h2/2"}; !reflect.DeepEqual(urlsOf(got), want) {
		t.Fatalf("Claim = %v; want %v", urlsOf(got), want)
	}
	cs.Done(got[0])
	cs.SetValidators("https://h0/0", frontier.Validators{ETag: "e"})
	if err := s.Close(); err != nil { // Close flushes the queued writes
		t.Fatal(err)
	}
	s, err = Open(path, Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cs = s.Crawl("j")
	resumed, err := cs.BeginRun(false)
	if err != nil || !resumed {
		t.Fatalf("BeginRun = %v, %v", resumed, err)
	}
	if p, _ := cs.Pending(); p != 4999 {
		t.Fatalf("Pending = %d, want 4999", p)
	}
	got, _, _ = cs.Claim(t0, 3, p)
	if want := []string{"https://h0/10", "https://h1/1", "https://h2/2"}; !reflect.DeepEqual(urlsOf(got), want) {
		t.Fatalf("Claim after resume = %v; want %v (the claimed ones first, in their hosts)", urlsOf(got), want)
	}
	if v, _ := cs.Validators("https://h0/0"); v.ETag != "e" {
		t.Fatalf("validators lost: %+v", v)
	}
	checkVerified(t, s, cs)
}

// TestCrawlStateWindows checks that only a window of each host's queue is
// in memory, and that the window refills from disk as it empties.
func TestCrawlStateWindows(t *testing.T) {
	s, _ := openTest(t, Options{})
	cs := s.Crawl("j")
	cs.BeginRun(false)
	var many []frontier.Request
	for i := range 500 {
		many = append(many, frontier.Request{URL: fmt.Sprintf("https://big/%03d", i)})
	}
	cs.Push(many)
	p := frontier.Policy{PerHost: 1}
	var order []string
	now := t0
	for range 500 {
		got, _, err := cs.Claim(now, 1, p)
		if err != nil || len(got) != 1 {
			t.Fatalf("Claim = %v, %v", got, err)
		}
		order = append(order, got[0].URL)
		cs.Release("big", now)
		cs.Done(got[0])
		cs.qmu.Lock()
		h, _ := cs.hosts.Lookup("big")
		inMem := len(h.Queue.buf)
		cs.qmu.Unlock()
		if inMem > 4 {
			t.Fatalf("%d entries of one host in memory; the window is 4", inMem)
		}
		now = now.Add(time.Millisecond)
	}
	if want := urlsOf(many); !reflect.DeepEqual(order, want) {
		t.Fatalf("claimed out of order: %v…", order[:10])
	}
	if got, wake, _ := cs.Claim(now, 1, p); len(got) != 0 || !wake.IsZero() {
		t.Fatalf("empty frontier: Claim = %v, wake %v", got, wake)
	}
	checkVerified(t, s, cs)
}

// TestCrawlStateOldLayoutStartsAfresh: a crawl state written with the
// single queue of the earlier layout is not resumed (it is derived data):
// the run starts afresh, keeping validators and cookies.
func TestCrawlStateOldLayoutStartsAfresh(t *testing.T) {
	s, _ := openTest(t, Options{})
	err := s.update(func(tx *bolt.Tx) error {
		jb, err := tx.Bucket(bCrawl).CreateBucket([]byte("j"))
		if err != nil {
			return err
		}
		for _, name := range []string{"queue", "inflight", "seen", "valid", "cookies", "visited", "counts"} {
			if _, err := jb.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		jb.Bucket([]byte("queue")).Put(u64(1), []byte("\x00\x00\x00https://a/1"))
		jb.Bucket([]byte("seen")).Put([]byte("https://a/1"), present)
		jb.Bucket([]byte("valid")).Put([]byte("https://a/0"), []byte(`{"etag":"\"old\""}`))
		jb.Bucket([]byte("cookies")).Put([]byte("a"), []byte("k=v"))
		jb.Bucket([]byte("counts")).Put([]byte("queued"), u64(1))
		return jb.Bucket([]byte("counts")).Put([]byte("running"), u64(1))
	})
	if err != nil {
		t.Fatal(err)
	}
	if r, err := s.Verify(context.Background()); err != nil || !r.OK() {
		t.Fatalf("verify of an old crawl state: %v %v", r.Problems, err)
	}
	cs := s.Crawl("j")
	resumed, err := cs.BeginRun(false)
	if err != nil || resumed {
		t.Fatalf("BeginRun on the old layout = %v, %v; want a fresh run", resumed, err)
	}
	if n, _ := cs.Pending(); n != 0 {
		t.Fatalf("Pending = %d", n)
	}
	if n, _ := cs.Push(reqs("https://a/1")); n != 1 {
		t.Fatal("the old seen set survived")
	}
	if v, _ := cs.Validators("https://a/0"); v.ETag != `"old"` {
		t.Fatalf("validators lost: %+v", v)
	}
	if c := cs.Cookies(&url.URL{Host: "a"}); c != "k=v" {
		t.Fatalf("cookies lost: %q", c)
	}
	s.view(func(tx *bolt.Tx) error {
		for _, name := range oldBuckets {
			if tx.Bucket(bCrawl).Bucket([]byte("j")).Bucket(name) != nil {
				t.Errorf("old bucket %s left behind", name)
			}
		}
		return nil
	})
	checkVerified(t, s, cs)
}

func TestCrawlStateCollyStorage(t *testing.T) {
	s, _ := openTest(t, Options{})
	cs := s.Crawl("job")
	if ok, _ := cs.IsVisited(42); ok {
		t.Fatal("visited before Visited")
	}
	cs.Visited(42)
	if ok, _ := cs.IsVisited(42); !ok {
		t.Fatal("not visited after Visited")
	}
	u, _ := url.Parse("https://a/x")
	cs.SetCookies(u, "k=v")
	if c := cs.Cookies(u); c != "k=v" {
		t.Fatalf("Cookies = %q", c)
	}
}

func TestRequestEncodingRoundTrips(t *testing.T) {
	cases := []frontier.Request{
		{URL: "https://a/1"},
		{URL: "https://a/2?x=1", Depth: 3, Kind: frontier.KindFeed, LastMod: "2024-09-05T08:00:00Z", Attempt: 2},
		{URL: "https://b/3", Via: []string{"https://a/3", "https://a/3/"}, Kind: frontier.KindSitemap},
	}
	for _, c := range cases {
		got, err := decodeReq(encodeReq(c))
		if err != nil || !reflect.DeepEqual(got, c) {
			t.Errorf("round trip of %+v = %+v, %v", c, got, err)
		}
	}
	for _, bad := range [][]byte{nil, {0}, {0, 0x80}, {0, 1, 0, 9, 'x'}, {0, 0, 0, 0, 5, 1}} {
		if _, err := decodeReq(bad); err == nil {
			t.Errorf("decodeReq(%q) accepted a corrupt entry", bad)
		}
	}
}

// BenchmarkFrontierMillion measures the memory of a resumed frontier of
// 1 000 000 queued URLs over 10 000 hosts (NEWSARCHIVE_BENCH_FRONTIER
// changes the count): the heap in use after BeginRun rebuilt the host
// schedule, and after one claim from every host filled their windows.
//
//	go test -run '^$' -bench FrontierMillion -benchtime 1x ./store
func BenchmarkFrontierMillion(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("NEWSARCHIVE_BENCH_FRONTIER")); err == nil && v > 0 {
		n = v
	}
	const hosts = 10_000
	for i := 0; i < b.N; i++ {
		path := filepath.Join(b.TempDir(), "frontier.db")
		s, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		cs := s.Crawl("big")
		cs.BeginRun(false)
		// As a crawl pushes them: a page's links at a time, each batch
		// on a few hosts (up to 100 links on each of 10 hosts).
		start := time.Now()
		per := n / hosts
		chunk := min(per, 100)
		var batch []frontier.Request
		for first := 0; first < per; first += chunk {
			for h := range hosts {
				for link := first; link < min(first+chunk, per); link++ {
					batch = append(batch, frontier.Request{URL: fmt.Sprintf("https://site%05d.example/news/2025/03/14/story-%07d.html", h, link)})
				}
				if len(batch) >= 10*chunk || h == hosts-1 {
					if _, err := cs.Push(batch); err != nil {
						b.Fatal(err)
					}
					batch = batch[:0]
				}
			}
		}
		n = per * hosts
		pushed := time.Since(start)
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		s, cs, batch = nil, nil, nil
		runtime.GC()
		runtime.GC()
		base := heapInUse()
		s, err = Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		cs = s.Crawl("big")
		start = time.Now()
		if resumed, err := cs.BeginRun(false); err != nil || !resumed {
			b.Fatalf("BeginRun = %v, %v", resumed, err)
		}
		resume := time.Since(start)
		runtime.GC()
		afterResume := heapInUse() - base
		got, _, err := cs.Claim(t0, hosts, frontier.Policy{PerHost: 1})
		if err != nil || len(got) != hosts {
			b.Fatalf("Claim = %d, %v", len(got), err)
		}
		got = nil
		runtime.GC()
		afterClaim := heapInUse() - base
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/pushed.Seconds(), "pushed/s")
		b.ReportMetric(resume.Seconds()*1000, "resume-ms")
		b.ReportMetric(float64(afterResume)/(1<<20), "heap-after-resume-MB")
		b.ReportMetric(float64(afterClaim)/(1<<20), "heap-after-claims-MB")
	}
}

func heapInUse() int64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}
