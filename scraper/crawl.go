package scraper

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"newsarchive/frontier"
	"newsarchive/urlnorm"
)

// Crawler runs one job (Run) or fetches single URLs (FetchOne). A Crawler is
// meant for one Run; FetchOne may be called any number of times.
type Crawler struct {
	o      Options
	rt     *transport
	gates  *gates
	robots *robots
	keys   *keySet // archive keys handed to the Sink in this run
	pushed *keySet // URLs pushed to the State in this run
	stats  counters
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
	}
}

// Stats returns the counts so far.
func (cr *Crawler) Stats() Stats { return cr.stats.snapshot(time.Now()) }

// Run crawls the job until the frontier is empty, MaxPages pages have been
// fetched, or ctx is cancelled. A finished run is recorded with EndRun; a
// cancelled one returns ctx's error and leaves its unfinished requests for
// the next Run to resume (unless Options.Fresh). Stats are valid either way.
func (cr *Crawler) Run(ctx context.Context) (Stats, error) {
	start := time.Now()
	o := &cr.o
	if o.State == nil || o.Sink == nil {
		return Stats{}, fmt.Errorf("%w: State and Sink are required", ErrOptions)
	}
	cr.keys, cr.pushed = newKeySet(o.DedupeKeys), newKeySet(o.DedupeKeys)
	cr.stats = counters{}
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
	f, err := newFetcher(ctx, o, cr.rt, cr.allowed)
	if err != nil {
		return Stats{}, err
	}
	stopProgress := cr.startProgress(start)
	err = cr.loop(ctx, f)
	stopProgress()
	st := cr.stats.snapshot(start)
	st.Resumed = resumed
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

func (cr *Crawler) pushSeeds() error {
	var reqs []frontier.Request
	for _, s := range cr.o.Seeds {
		u, err := seedURL(s)
		if err != nil {
			return fmt.Errorf("%w: seed %q: %v", ErrOptions, urlnorm.Abbrev(s, 100), err)
		}
		reqs = append(reqs, frontier.Request{URL: u, Depth: 0, Kind: kindHint(u)})
	}
	n, err := cr.o.State.Push(reqs)
	cr.stats.queued.Add(int64(n))
	for _, r := range reqs {
		cr.pushed.claim(r.URL)
	}
	return err
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

// loop hands requests from the State to Parallelism fetch workers until
// the frontier is empty (and nothing is in flight), the page budget is
// spent, or ctx is done.
//
// A worker fetches a page and extracts it (CPU work, so at most
// Parallelism pages are parsed at once); archiving it, pushing its links and
// marking it done happen on a goroutine of their own, at most processors at
// a time, so that workers go on fetching while the store commits: the store
// makes each write durable in a group commit, and the more writes wait
// together, the fewer commits (fsyncs) a crawl needs. A request counts as in
// flight until it is committed, so a crash never loses one that was not
// archived.
func (cr *Crawler) loop(ctx context.Context, f *fetcher) error {
	o := &cr.o
	processors := max(256, 16*o.Parallelism)
	maxInflight := o.Parallelism + processors
	jobs := make(chan frontier.Request)
	finished := make(chan struct{}, maxInflight) // never blocks a sender
	slots := make(chan struct{}, processors)
	var wg, procs sync.WaitGroup
	finish := func(r frontier.Request, done bool) {
		if done {
			if err := o.State.Done(r.URL); err != nil {
				o.Log.Error("frontier done", "url", r.URL, "err", err)
			}
		}
		finished <- struct{}{}
	}
	for range o.Parallelism {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range jobs {
				got, done := cr.visit(ctx, f, r)
				if got == nil {
					finish(r, done)
					continue
				}
				// CPU work here, at most Parallelism at a time; the I/O
				// work (sink, frontier) on its own goroutine.
				var pr *prepared
				if got.resp.Status != 304 {
					if pr = cr.prepare(r, got); pr == nil {
						finish(r, true)
						continue
					}
				}
				slots <- struct{}{}
				procs.Add(1)
				go func() {
					defer procs.Done()
					if pr == nil {
						cr.notModified(ctx, r, got.v, got.at)
					} else {
						cr.commit(ctx, r, pr)
					}
					<-slots
					finish(r, true)
				}()
			}
		}()
	}
	var loopErr error
	inflight := 0
	for ctx.Err() == nil {
		free := maxInflight - inflight
		budgeted := false
		if o.MaxPages > 0 {
			if left := o.MaxPages - int(cr.stats.pages.Load()) - inflight; left < free {
				free, budgeted = left, true
			}
		}
		// Pop in batches: each Pop is a durable write, so refilling one
		// slot at a time would cost a commit per page. Refill once the
		// workers could run dry (or whatever the page budget allows).
		if free > 0 && (free >= 2*o.Parallelism || inflight < 2*o.Parallelism || budgeted) {
			reqs, err := o.State.Pop(free)
			if err != nil {
				loopErr = fmt.Errorf("frontier pop: %w", err)
				break
			}
			for _, r := range reqs {
				inflight++
				jobs <- r
			}
			if len(reqs) > 0 {
				continue
			}
		}
		if inflight == 0 {
			break // frontier empty or budget spent
		}
		select {
		case <-finished:
			inflight--
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	procs.Wait()
	return loopErr
}

// fetched is a response waiting to be processed.
type fetched struct {
	resp *response
	v    frontier.Validators
	at   time.Time
}

// visit fetches one request. It returns the response to process, or nil
// with done reporting whether the request is finished (false: interrupted,
// leave it in flight for the next run).
func (cr *Crawler) visit(ctx context.Context, f *fetcher, r frontier.Request) (*fetched, bool) {
	o := &cr.o
	if ctx.Err() != nil {
		return nil, false
	}
	u, err := url.Parse(r.URL)
	if err != nil {
		cr.stats.errors.Add(1)
		o.Log.Warn("bad URL in frontier", "url", r.URL, "err", err)
		return nil, true
	}
	v, err := o.State.Validators(r.URL)
	if err != nil {
		o.Log.Warn("validators", "url", r.URL, "err", err)
	}
	if r.Kind == frontier.KindPage && unchangedSince(r.LastMod, v.Fetched) {
		// Validators are kept for archived articles only, so this is an
		// article the sitemap or feed says has not changed: count it as
		// unchanged, as a 304 would be.
		cr.stats.unchanged.Add(1)
		o.Log.Debug("unchanged since last fetch (lastmod)", "url", r.URL, "lastmod", r.LastMod)
		return nil, true
	}
	delay := o.PerHostDelay
	if o.RobotsSitemaps && r.Depth == 0 {
		cr.robotsSitemaps(ctx, u)
	}
	if !o.IgnoreRobots {
		ok, crawlDelay, err := cr.robots.check(ctx, u)
		if err != nil {
			return nil, cr.robotsUnreachable(r, err)
		}
		if !ok {
			cr.stats.skipped.Add(1)
			o.Log.Info("disallowed by robots.txt", "url", r.URL)
			return nil, true
		}
		delay = max(delay, min(crawlDelay, o.MaxRetryAfter))
	}
	if r.Kind != frontier.KindPage || r.Depth == 0 {
		// Sitemaps, feeds and seeds are always read in full: a 304 would
		// hide the URLs they lead to.
		v = frontier.Validators{}
	}
	resp, err := cr.fetchRetry(ctx, f, u, r.Kind, v, delay)
	if ctx.Err() != nil {
		return nil, false
	}
	if err != nil {
		cr.stats.errors.Add(1)
		o.Log.Warn("fetch failed", "url", r.URL, "err", err)
		return nil, true
	}
	if resp.SkippedType != "" {
		cr.stats.skipped.Add(1)
		o.Log.Debug("not HTML; skipped", "url", r.URL, "type", resp.SkippedType)
		return nil, true
	}
	cr.stats.pages.Add(1)
	return &fetched{resp: resp, v: v, at: time.Now().UTC()}, true
}

// robotsSitemaps queues, as seeds, the sitemaps a seed's host lists in its
// robots.txt, once per host and run.
func (cr *Crawler) robotsSitemaps(ctx context.Context, u *url.URL) {
	sitemaps, err := cr.robots.takeSitemaps(ctx, u)
	if err != nil || len(sitemaps) == 0 {
		return
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
	cr.push(reqs)
}

// sinkContext lets an archive already started finish when the run is
// cancelled: the page was fetched, so keeping it is cheaper than refetching.
func sinkContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
}

func (cr *Crawler) notModified(ctx context.Context, r frontier.Request, v frontier.Validators, now time.Time) {
	o := &cr.o
	p := &Page{URL: r.URL, FinalURL: r.URL, Key: r.URL, Status: 304, FetchedAt: now, Depth: r.Depth, NotModified: true}
	sctx, cancel := sinkContext(ctx)
	defer cancel()
	out, err := o.Sink.Archive(sctx, p, nil)
	if err != nil {
		cr.stats.errors.Add(1)
		o.Log.Warn("archive (304)", "url", r.URL, "err", err)
		return
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
}

// push adds requests to the frontier in one call. URLs already pushed in
// this run are left out first: the State would ignore them, but asking it
// costs a durable write, and on a news site most links of every page (home,
// sections, the latest-news box) were pushed long ago.
func (cr *Crawler) push(reqs []frontier.Request) {
	fresh := reqs[:0:0]
	for _, r := range reqs {
		if !cr.pushed.has(r.URL) {
			fresh = append(fresh, r)
		}
	}
	if len(fresh) == 0 {
		return
	}
	n, err := cr.o.State.Push(fresh)
	if err != nil {
		cr.stats.errors.Add(1)
		cr.o.Log.Error("frontier push", "err", err)
		return
	}
	for _, r := range fresh {
		cr.pushed.claim(r.URL)
	}
	cr.stats.queued.Add(int64(n))
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
