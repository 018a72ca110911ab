package scraper

import (
	"context"
	"sort"
	"sync"
	"time"
)

// Politeness in a crawl is the frontier's business: a request is claimed
// only when its host may be fetched (frontier.State), and after each fetch
// the crawler reports when the host may be fetched again:
//
//	next = end of the request + max(delay, Retry-After or backoff)
//
// where delay = max(PerHostDelay, robots.txt Crawl-delay). The request
// started before it ended, so this is also at least delay after its start.
// No worker ever waits for a host: a host that must wait holds nothing but
// its place in the frontier's order.

// hostBook keeps what the crawler knows of each host in this run: its delay,
// the pages fetched and requests in flight (max_pages_per_host), when its
// last fetch ended and when it may be fetched next (the time it waited on
// politeness), and its figures for the run record. It holds one entry per
// host crawled.
type hostBook struct {
	mu sync.Mutex
	m  map[string]*hostRec
}

type hostRec struct {
	delay    time.Duration
	pages    int // fetched (2xx, 304) in this run
	fetching int // claimed, not yet released
	closed   bool
	lastEnd  time.Time // when the last fetch ended (zero once counted)
	next     time.Time // the next time the crawler gave the frontier
	latency  time.Duration
	HostStats
}

func newHostBook() *hostBook { return &hostBook{m: map[string]*hostRec{}} }

// with runs fn on host's record under the book's lock.
func (b *hostBook) with(host string, fn func(h *hostRec)) {
	b.mu.Lock()
	defer b.mu.Unlock()
	h, ok := b.m[host]
	if !ok {
		h = &hostRec{HostStats: HostStats{Host: host}}
		b.m[host] = h
	}
	fn(h)
}

// started counts a claimed request of host at now, adding to the host's
// politeness wait the part of its hold that had to pass before it.
func (b *hostBook) started(host string, now time.Time) {
	b.with(host, func(h *hostRec) {
		h.fetching++
		if !h.lastEnd.IsZero() && h.next.After(h.lastEnd) {
			end := h.next
			if now.Before(end) {
				end = now
			}
			if w := end.Sub(h.lastEnd); w > 0 {
				h.Wait += w
			}
		}
		h.lastEnd = time.Time{}
	})
}

// request counts one HTTP request to host that took from start to end and
// read n body bytes.
func (b *hostBook) request(host string, start, end time.Time, n int) {
	b.with(host, func(h *hostRec) {
		h.Requests++
		h.Bytes += int64(n)
		h.latency += end.Sub(start)
	})
}

// released records the next time the crawler gave the frontier for host.
func (b *hostBook) released(host string, end, next time.Time) {
	b.with(host, func(h *hostRec) {
		h.fetching = max(h.fetching-1, 0)
		h.lastEnd, h.next = end, next
	})
}

// figures returns every host's figures, sorted by host.
func (b *hostBook) figures() []HostStats {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]HostStats, 0, len(b.m))
	for _, h := range b.m {
		s := h.HostStats
		if s.Requests > 0 {
			s.Latency = h.latency / time.Duration(s.Requests)
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Host < out[j].Host })
	return out
}

// gates spaces the requests of a one-off fetch (FetchOne), which has a
// single URL to follow and may simply wait: each request reserves the next
// start time of its host and sleeps until then. A 429/503 with Retry-After
// pushes the host's next start back.
type gates struct {
	mu   sync.Mutex
	next map[string]time.Time
}

func newGates() *gates { return &gates{next: map[string]time.Time{}} }

// wait blocks until a request to host may start, given the host's delay.
func (g *gates) wait(ctx context.Context, host string, delay time.Duration) error {
	g.mu.Lock()
	now := time.Now()
	at := g.next[host]
	if at.Before(now) {
		at = now
	}
	if delay > 0 {
		g.next[host] = at.Add(delay)
	}
	g.mu.Unlock()
	return sleep(ctx, time.Until(at))
}

// holdOff makes the host wait at least d from now before the next request.
func (g *gates) holdOff(host string, d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if until := time.Now().Add(d); until.After(g.next[host]) {
		g.next[host] = until
	}
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
