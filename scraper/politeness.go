package scraper

import (
	"context"
	"sync"
	"time"
)

// gates spaces the requests to each host. Each request reserves the next
// start time of its host (now, or the previous start plus the host's delay,
// whichever is later) and sleeps until then, so requests to one host start
// at least the delay apart however many workers want it, while other hosts
// proceed. A 429/503 with Retry-After pushes the host's next start back for
// every worker. The map holds one entry per host crawled, which the job's
// allowed hosts bound.
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
