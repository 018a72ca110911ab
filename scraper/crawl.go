package scraper

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"newsarchive/frontier"
	"newsarchive/urlnorm"
)

// ErrSink is returned (wrapped) by Run when the Sink failed to archive a
// fetched page. The run stops; the page's request stays in the State, so
// the next run (which resumes) fetches and archives it again.
var ErrSink = errors.New("archiving a page failed")

// ErrState is returned (wrapped) by Run when the State failed to record
// the crawl's progress (a claim, or a page's links). As with ErrSink, the
// run stops and the requests it could not finish stay for the next run.
var ErrState = errors.New("the crawl state failed")

// Crawler runs one job (Run) or fetches single URLs (FetchOne). A Crawler is
// meant for one Run; FetchOne may be called any number of times.
type Crawler struct {
	o      Options
	rt     *transport
	gates  *gates // FetchOne's politeness; a crawl's is the State's
	robots *robots
	keys   *keySet // archive keys handed to the Sink in this run
	pushed *keySet // URLs pushed to the State in this run
	stats  counters
	book   *hostBook
	chains redirectChains // redirect hops, for the provenance of the page a chain ends at

	// The crawl loop's bookkeeping (loop.go).
	fetching atomic.Int64  // claimed requests whose fetch is not over
	alive    atomic.Int64  // claimed requests not finished
	kick     chan struct{} // wakes the loop when either goes down
	failOnce sync.Once
	failErr  error
	stop     context.CancelCauseFunc
}

// New builds a crawler; missing settings take the defaults of
// config.Default().
func New(o Options) *Crawler {
	o = o.withDefaults()
	rt := newTransport(o.Transport, o.UserAgent, o.MaxBodyBytes, o.Parallelism, o.Timeout)
	return &Crawler{
		o:      o,
		rt:     rt,
		gates:  newGates(),
		robots: newRobots(rt, o),
		book:   newHostBook(),
	}
}

// Stats returns the counts so far.
func (cr *Crawler) Stats() Stats { return cr.stats.snapshot(time.Now()) }

// Run crawls the job until the frontier is empty, MaxPages pages have been
// fetched, or ctx is cancelled. A finished run is recorded with EndRun; a
// cancelled one returns ctx's error and leaves its unfinished requests for
// the next Run to resume (unless Options.Fresh). So does a run that could not
// archive a page or record its progress: it stops and returns an error
// wrapping ErrSink or ErrState. Stats are valid either way.
func (cr *Crawler) Run(ctx context.Context) (Stats, error) {
	start := time.Now()
	o := &cr.o
	if o.State == nil || o.Sink == nil {
		return Stats{}, fmt.Errorf("%w: State and Sink are required", ErrOptions)
	}
	cr.keys, cr.pushed = newKeySet(o.DedupeKeys), newKeySet(o.DedupeKeys)
	cr.stats = counters{}
	cr.book = newHostBook()
	resumed, err := o.State.BeginRun(o.Fresh)
	if err != nil {
		return Stats{}, fmt.Errorf("begin run: %w", err)
	}
	if resumed {
		n, _ := o.State.Pending()
		o.Log.Info("resuming interrupted run", "pending", n)
	} else if err := cr.pushSeeds(); err != nil {
		return Stats{}, err
	}
	runCtx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	cr.stop = stop
	f, err := newFetcher(runCtx, o, cr.rt)
	if err != nil {
		return Stats{}, err
	}
	stopProgress := cr.startProgress(start)
	err = cr.loop(runCtx, f)
	stopProgress()
	st := cr.snapshot(start)
	st.Resumed = resumed
	if err == nil {
		err = cr.failErr
	}
	if err == nil && ctx.Err() == nil {
		if err := o.State.EndRun(); err != nil {
			return st, fmt.Errorf("end run: %w", err)
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	return st, err
}

// fail stops the run for err (the first one wins): claiming ends, fetches
// in flight are cancelled, pages already fetched still go to the Sink.
func (cr *Crawler) fail(err error) {
	cr.failOnce.Do(func() {
		cr.failErr = err
		cr.o.Log.Error("crawl stopped", "err", err)
		if cr.stop != nil {
			cr.stop(err)
		}
	})
}

// snapshot is Stats with the per-host figures.
func (cr *Crawler) snapshot(start time.Time) Stats {
	st := cr.stats.snapshot(start)
	st.Hosts = cr.book.figures()
	return st
}

// SeedRequests are the frontier requests a run queues for its seeds, for a
// caller that seeds a shared frontier without crawling itself.
func SeedRequests(seeds []string) ([]frontier.Request, error) {
	var reqs []frontier.Request
	for _, s := range seeds {
		u, err := seedURL(s)
		if err != nil {
			return nil, fmt.Errorf("%w: seed %q: %v", ErrOptions, urlnorm.Abbrev(s, 100), err)
		}
		reqs = append(reqs, frontier.Request{URL: u, Depth: 0, Kind: kindHint(u)})
	}
	return reqs, nil
}

func (cr *Crawler) pushSeeds() error {
	reqs, err := SeedRequests(cr.o.Seeds)
	if err != nil {
		return err
	}
	n, err := cr.o.State.Push(reqs)
	if err != nil {
		return fmt.Errorf("%w: push seeds: %w", ErrState, err)
	}
	cr.stats.queued.Add(int64(n))
	for _, r := range reqs {
		cr.pushed.claim(r.URL)
	}
	return nil
}

// kindHint guesses a seed's kind from its URL. Content decides in the end;
// the hint only chooses the Accept header and skips conditional GET for
// sitemaps and feeds, which must be read to find new articles.
func kindHint(u string) frontier.Kind {
	p := strings.ToLower(u)
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	switch {
	case strings.Contains(p, "sitemap"):
		return frontier.KindSitemap
	case strings.HasSuffix(p, ".rss"), strings.HasSuffix(p, ".atom"), strings.HasSuffix(p, "/feed"),
		strings.HasSuffix(p, "/feed/"), strings.HasSuffix(p, "/rss"), strings.HasSuffix(p, "/rss/"),
		strings.HasSuffix(p, "rss.xml"), strings.HasSuffix(p, "atom.xml"), strings.HasSuffix(p, "feed.xml"):
		return frontier.KindFeed
	}
	return frontier.KindPage
}

// allowed reports whether host is one of the job's hosts.
func (cr *Crawler) allowed(host string) bool { return urlnorm.HostAllowed(host, cr.o.Hosts) }

// robotsSitemaps queues, as seeds, the sitemaps a seed's host lists in its
// robots.txt, once per host and run.
func (cr *Crawler) robotsSitemaps(ctx context.Context, u *url.URL) error {
	sitemaps, err := cr.robots.takeSitemaps(ctx, u)
	if err != nil || len(sitemaps) == 0 {
		return nil
	}
	var reqs []frontier.Request
	for _, s := range sitemaps {
		n, err := urlnorm.Resolve(u, s)
		if err != nil || !cr.allowed(urlnorm.Host(n)) || urlnorm.CheckLength(n) != nil {
			continue
		}
		reqs = append(reqs, frontier.Request{URL: n, Depth: 0, Kind: frontier.KindSitemap})
	}
	cr.o.Log.Debug("sitemaps in robots.txt", "host", u.Host, "listed", len(sitemaps), "queued", len(reqs))
	return cr.push(reqs)
}

// sinkContext lets an archive already started finish when the run is
// cancelled: the page was fetched, so keeping it is cheaper than refetching.
func sinkContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
}

// notModified hands a 304 to the Sink. An error means the request is not
// finished (it wraps ErrSink).
func (cr *Crawler) notModified(ctx context.Context, r frontier.Request, v frontier.Validators, now time.Time) error {
	o := &cr.o
	p := &Page{URL: r.URL, FinalURL: r.URL, Key: r.URL, Status: 304, FetchedAt: now, Depth: r.Depth, NotModified: true}
	sctx, cancel := sinkContext(ctx)
	defer cancel()
	out, err := o.Sink.Archive(sctx, p, nil)
	if err != nil {
		cr.stats.errors.Add(1)
		o.Log.Warn("archive (304)", "url", r.URL, "err", err)
		return fmt.Errorf("%w: %s: %w", ErrSink, r.URL, err)
	}
	cr.stats.count(out)
	if out == Skipped {
		// The sink knows no article under this URL (validators outlived
		// it): forget the validators so that the next run fetches it whole.
		v = frontier.Validators{}
	} else {
		v.Fetched = now
	}
	if err := o.State.SetValidators(r.URL, v); err != nil {
		o.Log.Warn("validators", "url", r.URL, "err", err)
	}
	return nil
}

// push adds requests to the frontier in one call. URLs already pushed in
// this run are left out first: the State would ignore them, but asking it
// costs a durable write, and on a news site most links of every page (home,
// sections, the latest-news box) were pushed long ago. An error (wrapping
// ErrState) means the links are not queued.
func (cr *Crawler) push(reqs []frontier.Request) error {
	fresh := reqs[:0:0]
	for _, r := range reqs {
		if !cr.pushed.has(r.URL) {
			fresh = append(fresh, r)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	n, err := cr.o.State.Push(fresh)
	if err != nil {
		cr.stats.errors.Add(1)
		return fmt.Errorf("%w: push: %w", ErrState, err)
	}
	for _, r := range fresh {
		cr.pushed.claim(r.URL)
	}
	cr.stats.queued.Add(int64(n))
	return nil
}

// follows reports whether a discovered page URL belongs in the crawl: on an
// allowed host and, when the job has follow patterns, matching one of them
// or one of its article patterns (an article the job wants is always worth
// fetching).
func (cr *Crawler) follows(u string) bool {
	if !cr.allowed(urlnorm.Host(u)) {
		return false
	}
	if len(cr.o.Follow) == 0 {
		return true
	}
	for _, re := range cr.o.Follow {
		if re.MatchString(u) {
			return true
		}
	}
	for _, re := range cr.o.Articles {
		if re.MatchString(u) {
			return true
		}
	}
	return false
}
