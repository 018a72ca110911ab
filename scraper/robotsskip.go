package scraper

import (
	"context"
	"errors"

	"newsarchive/frontier"
)

// robotsUnreachable handles a request whose robots.txt check failed, and
// reports whether the request is finished. When the host's robots.txt
// stayed unreachable, the request is skipped and counted as an error, and
// the host is logged and counted once; any other error is an interrupted
// run, and the request stays in flight for the next one.
func (cr *Crawler) robotsUnreachable(r frontier.Request, err error) bool {
	var ue *unreachableError
	if !errors.As(err, &ue) {
		return false
	}
	cr.stats.errors.Add(1)
	if ue.first() {
		cr.stats.robotsHostsSkipped.Add(1)
		cr.o.Log.Warn("robots.txt unreachable; skipping the host for this run", "origin", ue.origin, "err", ue.cause)
	}
	cr.o.Log.Debug("skipped: robots.txt unreachable", "url", r.URL)
	return true
}

// robotsFailed finishes a claimed request whose robots.txt check failed
// when the host's robots.txt stayed unreachable (the request is skipped);
// otherwise (the run was cancelled) it leaves the request claimed for the
// next run.
func (cr *Crawler) robotsFailed(r frontier.Request, err error, ctx context.Context) {
	if err != nil && ctx.Err() == nil && cr.robotsUnreachable(r, err) {
		cr.finish(cr.o.State.Done(r))
	}
}
