package scraper

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"newsarchive/frontier"
)

// loop claims ready requests from the State and runs each on a goroutine
// of its own, until the frontier has nothing left (and nothing is in
// flight), the page budget is spent, the run fails, or ctx is done.
//
// At most Parallelism requests are being fetched at once, over all hosts;
// the State hands out only requests whose host may be fetched now (at most
// PerHostParallelism per host), and says when the next host will be ready:
// with nothing to claim, the loop sleeps until then or until a request
// finishes (which may have queued new work or freed a host).
//
// Once fetched, a page is parsed (CPU work, at most Parallelism at a time)
// and then archived, its links pushed and its request marked done (I/O
// work, at most `processors` at a time), so that fetching goes on while the
// store commits: the store makes each write durable in a group commit, and
// the more writes wait together, the fewer commits (fsyncs) a crawl needs.
// A request stays claimed until it is committed, so a crash never loses one
// that was not archived.
func (cr *Crawler) loop(ctx context.Context, f *fetcher) error {
	o := &cr.o
	processors := max(256, 16*o.Parallelism)
	maxAlive := int64(o.Parallelism + processors)
	policy := frontier.Policy{PerHost: o.PerHostParallelism, Delay: o.PerHostDelay}
	cr.kick = make(chan struct{}, 1)
	cpu := make(chan struct{}, o.Parallelism)
	disk := make(chan struct{}, processors)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var wg sync.WaitGroup
	defer wg.Wait()
	for ctx.Err() == nil {
		fetching, alive := cr.fetching.Load(), cr.alive.Load()
		free := min(int64(o.Parallelism)-fetching, maxAlive-alive)
		if o.MaxPages > 0 {
			free = min(free, int64(o.MaxPages)-cr.stats.pages.Load()-fetching)
		}
		var wake time.Time
		if free > 0 {
			now := time.Now()
			reqs, w, err := o.State.Claim(now, int(free), policy)
			if err != nil {
				cr.fail(fmt.Errorf("%w: claim: %w", ErrState, err))
				break
			}
			for _, r := range reqs {
				if !cr.admit(r, now) {
					continue
				}
				cr.fetching.Add(1)
				cr.alive.Add(1)
				wg.Add(1)
				go func() {
					defer wg.Done()
					cr.handle(ctx, f, r, now, cpu, disk)
					cr.alive.Add(-1)
					cr.poke()
				}()
			}
			if len(reqs) > 0 {
				continue
			}
			wake = w
		}
		if alive == 0 && wake.IsZero() {
			break // nothing left to claim, nothing that could queue more
		}
		var tick <-chan time.Time
		if !wake.IsZero() {
			timer.Reset(max(time.Until(wake), time.Millisecond))
			tick = timer.C
		}
		select {
		case <-cr.kick:
		case <-tick:
		case <-ctx.Done():
		}
		timer.Stop()
	}
	return nil
}

// poke wakes the loop without blocking.
func (cr *Crawler) poke() {
	select {
	case cr.kick <- struct{}{}:
	default:
	}
}

// admit checks a claimed request against its host's page budget
// (MaxPagesPerHost): a request of a host whose budget is spent goes back
// to its queue and the host is closed for the run.
func (cr *Crawler) admit(r frontier.Request, now time.Time) bool {
	host := r.Host()
	ok := true
	cr.book.with(host, func(h *hostRec) {
		if cr.o.MaxPagesPerHost > 0 && h.pages+h.fetching >= cr.o.MaxPagesPerHost {
			ok = false
			if !h.closed {
				h.closed = true
				cr.o.Log.Info("page budget of host spent", "host", host, "pages", h.pages)
			}
		}
	})
	if ok {
		cr.book.started(host, now)
		return true
	}
	st := cr.o.State
	delay := cr.hostDelay(0)
	cr.book.with(host, func(h *hostRec) { delay = max(delay, h.delay) })
	if err := st.SetHost(host, frontier.HostPolicy{Delay: delay, Closed: true}); err != nil {
		cr.fail(fmt.Errorf("%w: %w", ErrState, err))
	}
	if err := st.Release(host, now); err != nil {
		cr.fail(fmt.Errorf("%w: %w", ErrState, err))
	}
	if err := st.Retry(r, time.Time{}); err != nil {
		cr.fail(fmt.Errorf("%w: %w", ErrState, err))
	}
	return false
}

// attempt is one claimed request's fetch, as the host's politeness sees
// it.
type attempt struct {
	host       string
	claimed    time.Time
	start, end time.Time // of the HTTP request; zero if none was made
	hold       time.Duration
	released   bool
}

// release ends the attempt's fetch: the host may be fetched again its
// delay (or a longer hold) after the request ended, or at once if none was
// made. It also frees the fetch slot.
func (cr *Crawler) release(a *attempt) {
	if a.released {
		return
	}
	a.released = true
	next := a.claimed
	if !a.end.IsZero() {
		d := cr.hostDelay(0)
		cr.book.with(a.host, func(h *hostRec) { d = max(d, h.delay) })
		next = a.end.Add(max(d, a.hold))
	}
	cr.book.released(a.host, a.end, next)
	if err := cr.o.State.Release(a.host, next); err != nil {
		cr.fail(fmt.Errorf("%w: %w", ErrState, err))
	}
	cr.fetching.Add(-1)
	cr.poke()
}

// finish ends a claimed request with one of the State's finishing calls.
func (cr *Crawler) finish(err error) {
	if err != nil {
		cr.fail(fmt.Errorf("%w: %w", ErrState, err))
	}
}

// handle runs one claimed request: robots.txt, the fetch, and what follows
// from its answer. Every path releases the fetch slot once; a request left
// unfinished (the run was cancelled or failed) stays claimed for the next
// run.
func (cr *Crawler) handle(ctx context.Context, f *fetcher, r frontier.Request, claimed time.Time, cpu, disk chan struct{}) {
	o := &cr.o
	a := &attempt{host: r.Host(), claimed: claimed}
	defer cr.release(a)
	if ctx.Err() != nil {
		return
	}
	u, err := url.Parse(r.URL)
	if err != nil {
		cr.stats.errors.Add(1)
		o.Log.Warn("bad URL in frontier", "url", r.URL, "err", err)
		cr.finish(o.State.Done(r))
		return
	}
	seed := r.Depth == 0 && len(r.Via) == 0
	if (!o.IgnoreRobots || o.RobotsSitemaps && seed) && !cr.robots.known(u) {
		// Fetching robots.txt is this claim's request to the host; the
		// page waits for the host's next turn.
		a.start = time.Now()
		_, cd, err := cr.robots.check(ctx, u)
		a.end = time.Now()
		if err != nil || ctx.Err() != nil {
			cr.robotsFailed(r, err, ctx)
			return
		}
		if !o.IgnoreRobots {
			cr.learnDelay(a.host, cd)
		}
		cr.book.request(a.host, a.start, a.end, 0)
		cr.release(a)
		cr.finish(o.State.Retry(r, time.Time{}))
		return
	}
	if !o.IgnoreRobots {
		ok, cd, err := cr.robots.check(ctx, u)
		if err != nil {
			cr.robotsFailed(r, err, ctx)
			return
		}
		cr.learnDelay(a.host, cd)
		if !ok {
			cr.stats.skipped.Add(1)
			o.Log.Info("disallowed by robots.txt", "url", r.URL)
			cr.release(a)
			cr.finish(o.State.Done(r))
			return
		}
	}
	if o.RobotsSitemaps && seed {
		if err := cr.robotsSitemaps(ctx, u); err != nil {
			cr.fail(err)
			return
		}
	}
	v, err := o.State.Validators(r.Origin())
	if err != nil {
		o.Log.Warn("validators", "url", r.Origin(), "err", err)
	}
	if r.Kind == frontier.KindPage && len(r.Via) == 0 && unchangedSince(r.LastMod, v.Fetched) {
		// Validators are kept for archived articles only, so this is an
		// article the sitemap or feed says has not changed: count it as
		// unchanged, as a 304 would be.
		cr.stats.unchanged.Add(1)
		o.Log.Debug("unchanged since last fetch (lastmod)", "url", r.URL, "lastmod", r.LastMod)
		cr.release(a)
		cr.finish(o.State.Done(r))
		return
	}
	if r.Kind != frontier.KindPage || r.Depth == 0 {
		// Sitemaps, feeds and seeds are always read in full: a 304 would
		// hide the URLs they lead to.
		v = frontier.Validators{}
	}
	a.start = time.Now()
	resp, err := f.get(r.URL, r.Kind, v)
	a.end = time.Now()
	if ctx.Err() != nil {
		return
	}
	n := 0
	if resp != nil {
		n = len(resp.Body)
	}
	cr.book.request(a.host, a.start, a.end, n)
	if wait, again := cr.retryable(resp, err, r.Attempt, a.host); again {
		why := any(err)
		if err == nil {
			why = resp.Status
		}
		o.Log.Debug("retrying", "url", r.URL, "attempt", r.Attempt+1, "wait", wait, "cause", why)
		cr.stats.retries.Add(1)
		a.hold = wait
		cr.release(a)
		r.Attempt++
		cr.finish(o.State.Retry(r, a.end.Add(wait)))
		return
	}
	if err == nil && (resp.Status == http.StatusTooManyRequests || resp.Status == http.StatusServiceUnavailable) {
		// Given up (no retries left, or a Retry-After longer than we
		// wait): the host still asked for a rest.
		a.hold = min(retryAfter(resp.Header, a.end), o.MaxRetryAfter)
	}
	// A page counts against its host's budget and the run's before the
	// fetch slot is given back, so that no claim in between finds either
	// budget unspent.
	page := err == nil && resp.Location == "" && resp.SkippedType == "" && (resp.Status < 300 || resp.Status == http.StatusNotModified)
	if page {
		cr.book.with(a.host, func(h *hostRec) { h.pages++ })
		cr.stats.pages.Add(1)
	}
	cr.release(a)
	if err == nil && resp.Location != "" {
		next, herr := hop(r, resp.Location, cr.allowed)
		if herr == nil {
			cr.chains.redirected(r, resp, next)
			cr.finish(o.State.Redirect(r, next))
			return
		}
		err = herr
	}
	if err == nil {
		withChain(resp, cr.chains.take(r))
	}
	if err == nil && resp.SkippedType == "" && resp.Status >= 300 && resp.Status != http.StatusNotModified {
		err = &StatusError{Code: resp.Status, URL: r.URL}
	}
	if err != nil {
		cr.stats.errors.Add(1)
		cr.book.with(a.host, func(h *hostRec) { h.Errors++ })
		o.Log.Warn("fetch failed", "url", r.URL, "err", err)
		cr.finish(o.State.Done(r))
		return
	}
	if resp.SkippedType != "" {
		cr.stats.skipped.Add(1)
		o.Log.Debug("not HTML; skipped", "url", r.URL, "type", resp.SkippedType)
		cr.finish(o.State.Done(r))
		return
	}
	cr.book.with(a.host, func(h *hostRec) { h.Pages++ })
	cr.process(ctx, r, &fetched{resp: resp, v: v, at: time.Now().UTC()}, cpu, disk)
}

// learnDelay tells the State a host's delay once robots.txt gave its
// Crawl-delay.
func (cr *Crawler) learnDelay(host string, crawlDelay time.Duration) {
	d := cr.hostDelay(crawlDelay)
	changed := false
	cr.book.with(host, func(h *hostRec) {
		if h.delay != d {
			h.delay, changed = d, true
		}
	})
	if changed {
		if err := cr.o.State.SetHost(host, frontier.HostPolicy{Delay: d}); err != nil {
			cr.fail(fmt.Errorf("%w: %w", ErrState, err))
		}
	}
}

// fetched is a response waiting to be processed.
type fetched struct {
	resp *response
	v    frontier.Validators
	at   time.Time
}

// process parses a fetched page (at most cap(cpu) at once) and commits it
// (at most cap(disk) at once). The request is done only once its page is
// archived and its links queued; if either fails, the run stops and the
// request stays claimed for the next run.
func (cr *Crawler) process(ctx context.Context, r frontier.Request, got *fetched, cpu, disk chan struct{}) {
	// The page is kept under the URL that was queued; the final URL of a
	// redirect chain is the response's.
	r.URL = r.Origin()
	var pr *prepared
	if got.resp.Status != http.StatusNotModified {
		cpu <- struct{}{}
		pr = cr.prepare(r, got)
		<-cpu
		if pr == nil {
			cr.finish(cr.o.State.Done(r))
			return
		}
	}
	disk <- struct{}{}
	var err error
	if pr == nil {
		err = cr.notModified(ctx, r, got.v, got.at)
	} else {
		err = cr.commit(ctx, r, pr)
	}
	<-disk
	if err != nil {
		cr.book.with(frontier.Host(r.URL), func(h *hostRec) { h.Errors++ })
		cr.fail(err)
		return
	}
	cr.finish(cr.o.State.Done(r))
}
