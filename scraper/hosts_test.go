package scraper

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"newsarchive/frontier"
)

// Tests of many hosts on loopback: each httptest server is a host of its
// own (its port differs). Timing is checked from the servers' own request
// logs. A host's next request is sent no earlier than its delay after the
// end of the previous one, which a server sees after it logged that one, so
// the gaps it logs are at least the delay; gapSlack only covers the clock.

const gapSlack = 2 * time.Millisecond

// newSites starts n sites, each with a front page linking articles
// /news/0 … /news/<articles-1>.
func newSites(t *testing.T, n, articles int) []*site {
	var out []*site
	for range n {
		s := newSite(t)
		var links []string
		for i := range articles {
			p := fmt.Sprintf("/news/%d", i)
			links = append(links, p)
			s.html(p, articlePage("Story "+s.URL+p, ""))
		}
		s.html("/", listPage(links...))
		out = append(out, s)
	}
	return out
}

// starts is every request the site logged, in order.
func (s *site) starts() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []time.Time
	for _, ts := range s.times {
		out = append(out, ts...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// checkGaps fails t if two requests to s came closer than min.
func checkGaps(t *testing.T, s *site, min time.Duration) {
	t.Helper()
	st := s.starts()
	for i := 1; i < len(st); i++ {
		if g := st[i].Sub(st[i-1]); g < min-gapSlack {
			t.Errorf("%s: requests %d and %d only %s apart; want ≥ %s", s.URL, i-1, i, g, min)
		}
	}
}

func multiOptions(sites []*site, rec Sink) Options {
	o := testOptions(sites[0], newRecorder())
	o.Sink = rec
	o.Seeds = nil
	for _, s := range sites {
		o.Seeds = append(o.Seeds, s.u("/"))
	}
	return o
}

func TestHostsCrawledSideBySide(t *testing.T) {
	const hosts, articles, delay = 5, 5, 150 * time.Millisecond
	sites := newSites(t, hosts, articles)
	o := multiOptions(sites, newRecorder())
	o.PerHostDelay = delay
	st, err := New(o).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.New != hosts*articles || st.Errors != 0 {
		t.Fatalf("stats %+v; want %d new articles", st, hosts*articles)
	}
	// Each host is busy from its first request to its last. One host after
	// another, those spans would not overlap: their sum would be about the
	// span of the whole crawl. Side by side they overlap, so the sum is
	// several times the whole span (about `hosts` times, CPU permitting).
	var first, last time.Time
	var sum time.Duration
	for i, s := range sites {
		checkGaps(t, s, delay)
		ts := s.starts()
		if len(ts) != articles+2 {
			t.Errorf("site %d got %d requests; want %d", i, len(ts), articles+2)
			continue
		}
		sum += ts[len(ts)-1].Sub(ts[0])
		if first.IsZero() || ts[0].Before(first) {
			first = ts[0]
		}
		if ts[len(ts)-1].After(last) {
			last = ts[len(ts)-1]
		}
	}
	if r := float64(sum) / float64(last.Sub(first)); r < 2.5 {
		t.Errorf("hosts' busy spans add up to %.1f× the crawl's span; want ≥ 2.5 (one host after another: 1)", r)
	}
}

// TestPolitenessOnTheWire: robots.txt, redirect hops and retries all count
// against their host, and Crawl-delay and Retry-After hold back only their
// own host.
func TestPolitenessOnTheWire(t *testing.T) {
	const delay = 100 * time.Millisecond
	slow, busy, other := newSite(t), newSite(t), newSite(t)
	slow.robots("User-agent: *\nCrawl-delay: 0.3\n")
	slow.html("/", listPage("/hop/1", "/flaky", "/news/1"))
	slow.route("/hop/1", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/hop/2", http.StatusFound) })
	slow.route("/hop/2", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/2", http.StatusMovedPermanently)
	})
	var flaky atomic.Int32
	slow.route("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if flaky.Add(1) == 1 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		io.WriteString(w, articlePage("Flaky", ""))
	})
	for _, p := range []string{"/news/1", "/news/2"} {
		slow.html(p, articlePage("Slow "+p, ""))
	}
	var first atomic.Int32
	busy.html("/", listPage("/news/1"))
	busy.route("/news/1", func(w http.ResponseWriter, r *http.Request) {
		if first.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, articlePage("Busy", ""))
	})
	var links []string
	for i := range 12 {
		links = append(links, fmt.Sprintf("/news/%d", i))
		other.html(links[i], articlePage(fmt.Sprintf("Other %d", i), ""))
	}
	other.html("/", listPage(links...))

	o := multiOptions([]*site{slow, busy, other}, newRecorder())
	o.PerHostDelay = delay
	o.MaxRetryAfter = 5 * time.Second
	st, err := New(o).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.New != 3+1+12 || st.Errors != 0 || st.Retries != 2 {
		t.Errorf("stats %+v; want 16 new articles, 2 retries, no errors", st)
	}
	checkGaps(t, slow, 300*time.Millisecond) // Crawl-delay, robots.txt and both hops included
	checkGaps(t, busy, delay)
	checkGaps(t, other, delay)
	// slow's Crawl-delay is slow's alone: other came closer than that.
	ot, closest := other.starts(), time.Hour
	for i := 1; i < len(ot); i++ {
		closest = min(closest, ot[i].Sub(ot[i-1]))
	}
	if closest >= 250*time.Millisecond {
		t.Errorf("other host's requests at least %s apart; slow's Crawl-delay held it back too", closest)
	}
	if slow.hit("/robots.txt") != 1 || slow.hit("/hop/2") != 1 || slow.hit("/news/2") != 1 || slow.hit("/flaky") != 2 {
		t.Errorf("slow host hits: robots %d, hop %d, target %d, flaky %d; want 1, 1, 1, 2",
			slow.hit("/robots.txt"), slow.hit("/hop/2"), slow.hit("/news/2"), slow.hit("/flaky"))
	}
	// The 503's Retry-After held busy for a second; meanwhile the other
	// hosts went on.
	bt := busy.times["/news/1"]
	if len(bt) != 2 || bt[1].Sub(bt[0]) < time.Second-gapSlack {
		t.Fatalf("busy /news/1 requested at %v; want twice, a Retry-After (1s) apart", bt)
	}
	during := 0
	for _, ts := range other.starts() {
		if ts.After(bt[0]) && ts.Before(bt[1]) {
			during++
		}
	}
	if during < 3 {
		t.Errorf("%d requests to another host during busy's Retry-After; want it to go on (≥ 3)", during)
	}
	slow.checkUA()
}

// TestSmallHostNotStarved: a host with a long queue does not hold back one
// with a short queue: the two take turns, so by the time the short one is
// done the long one has had about as many requests, not its whole queue.
func TestSmallHostNotStarved(t *testing.T) {
	const delay = 50 * time.Millisecond
	sites := newSites(t, 2, 0)
	big, small := sites[0], sites[1]
	var bigLinks, smallLinks []string
	for i := range 400 {
		bigLinks = append(bigLinks, fmt.Sprintf("/a/%d", i))
	}
	big.html("/", listPage(bigLinks...))
	big.route("/a/", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, articlePage("Big "+r.URL.Path, ""))
	})
	var smallDone atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for i := range 10 {
		p := fmt.Sprintf("/b/%d", i)
		smallLinks = append(smallLinks, p)
		small.route(p, func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, articlePage("Small "+p, ""))
			if smallDone.Add(1) == 10 {
				cancel()
			}
		})
	}
	small.html("/", listPage(smallLinks...))
	o := multiOptions(sites, newRecorder())
	o.PerHostDelay = delay
	if _, err := New(o).Run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("run: %v; want it cancelled once the small host was done", err)
	}
	ts := small.starts()
	done := ts[len(ts)-1]
	before := 0
	for _, b := range big.starts() {
		if b.Before(done) {
			before++
		}
	}
	// robots.txt, the front page and ten articles each; a FIFO frontier
	// would have fetched the big host's 400 articles first.
	if before > 2*len(ts) {
		t.Errorf("the big host had %d requests before the small one finished its %d", before, len(ts))
	}
}

func TestMaxPagesPerHost(t *testing.T) {
	sites := newSites(t, 3, 10)
	o := multiOptions(sites, newRecorder())
	o.MaxPagesPerHost = 4
	cs := frontier.NewMemState()
	o.State = cs
	st, err := New(o).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages != 12 {
		t.Errorf("pages = %d; want 3 hosts × 4", st.Pages)
	}
	for i, s := range sites {
		if n := len(s.starts()) - s.hit("/robots.txt"); n != 4 {
			t.Errorf("site %d served %d pages; want 4", i, n)
		}
	}
	for _, h := range st.Hosts {
		if h.Pages != 4 {
			t.Errorf("host %s figures %+v; want 4 pages", h.Host, h)
		}
	}
	// The run ended: the next one starts afresh from the seeds.
	if resumed, _ := cs.BeginRun(false); resumed {
		t.Error("a run stopped by its per-host budgets was left to resume")
	}
}

// TestRedirectHopsAreRequestsOfTheirHost: a redirect to another host waits
// for that host and obeys its robots.txt; the page is kept under the URL
// that was queued, with the final URL beside it.
func TestRedirectHopsAreRequestsOfTheirHost(t *testing.T) {
	a, b := newSite(t), newSite(t)
	b.robots("User-agent: *\nDisallow: /private/\n")
	a.html("/", listPage("/go/private", "/go/news", "/loop"))
	a.route("/go/private", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, b.u("/private/x"), http.StatusFound) })
	a.route("/go/news", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, b.u("/news/1"), http.StatusFound) })
	a.route("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	b.html("/news/1", articlePage("Landed", ""))
	b.html("/private/x", articlePage("Secret", ""))
	rec := newRecorder()
	o := testOptions(a, rec, "/")
	o.PerHostDelay = 50 * time.Millisecond
	st, err := New(o).Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if b.hit("/private/x") != 0 || b.hit("/robots.txt") != 1 {
		t.Errorf("b: private hit %d, robots.txt hit %d; want 0 and 1", b.hit("/private/x"), b.hit("/robots.txt"))
	}
	if a.hit("/loop") != 2 || st.Errors != 1 || st.Skipped != 1 {
		t.Errorf("loop hits %d, stats %+v; want the loop given up after 2 hits, one error, one skipped", a.hit("/loop"), st)
	}
	if len(rec.pages) != 1 || rec.pages[0].URL != a.u("/go/news") || rec.pages[0].FinalURL != b.u("/news/1") {
		t.Fatalf("pages %+v; want /go/news kept with its final URL on b", rec.pages)
	}
	checkGaps(t, a, 50*time.Millisecond)
	checkGaps(t, b, 50*time.Millisecond)
}

// TestPerHostParallelism: at most PerHostParallelism requests to one host
// are in flight at once, however many workers are free.
func TestPerHostParallelism(t *testing.T) {
	for _, per := range []int{1, 3} {
		t.Run(fmt.Sprint(per), func(t *testing.T) {
			s := newSite(t)
			var inFlight, peak atomic.Int32
			var links []string
			for i := range 24 {
				links = append(links, fmt.Sprintf("/slow/%d", i))
			}
			s.html("/", listPage(links...))
			s.route("/slow/", func(w http.ResponseWriter, r *http.Request) {
				n := inFlight.Add(1)
				for {
					p := peak.Load()
					if n <= p || peak.CompareAndSwap(p, n) {
						break
					}
				}
				time.Sleep(40 * time.Millisecond)
				inFlight.Add(-1)
				io.WriteString(w, articlePage("Slow "+r.URL.Path, ""))
			})
			o := testOptions(s, newRecorder(), "/")
			o.Parallelism = 8
			o.PerHostParallelism = per
			if _, err := New(o).Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			if p := int(peak.Load()); p != per {
				t.Errorf("peak of %d requests in flight to the host; want %d", p, per)
			}
		})
	}
}

func TestProgressLineCountsHosts(t *testing.T) {
	var b strings.Builder
	writeLine(&b, Stats{Pages: 12, New: 3}, frontier.HostCounts{Active: 2, Waiting: 5, Ready: 1})
	if got, want := b.String(), "12 pages · 3 articles (3 new, 0 changed, 0 unchanged) · 0 errors · 0.0 pages/s · hosts 2 active, 5 waiting"; !strings.HasSuffix(got, want) {
		t.Errorf("progress line %q; want it to end %q", got, want)
	}
}

// TestRobotsRedirectHopsArePolite: a robots.txt that redirects within its
// host is fetched hop by hop no closer than the host's delay.
func TestRobotsRedirectHopsArePolite(t *testing.T) {
	s := newSite(t)
	s.route("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/robots-1.txt", http.StatusMovedPermanently)
	})
	s.route("/robots-1.txt", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/robots-2.txt", http.StatusFound) })
	s.route("/robots-2.txt", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "User-agent: *\nDisallow: /private/\n")
	})
	s.html("/", listPage("/news/1", "/private/a"))
	s.html("/news/1", articlePage("Story", ""))
	s.html("/private/a", articlePage("Private", ""))
	o := testOptions(s, newRecorder(), "/")
	o.PerHostDelay = 150 * time.Millisecond
	if _, err := New(o).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s.hit("/robots-2.txt") != 1 || s.hit("/private/a") != 0 {
		t.Fatalf("robots chain hits %d, private %d; want the redirected robots.txt read and obeyed", s.hit("/robots-2.txt"), s.hit("/private/a"))
	}
	checkGaps(t, s, 150*time.Millisecond)
}
