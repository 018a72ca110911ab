package scraper

import (
	"fmt"
	"io"
	"sync"
	"time"

	"newsarchive/frontier"
)

// startProgress reports progress until the returned stop is called: a
// redrawn line on a terminal (twice a second), else an slog line every
// ProgressEvery — a log or cron mail wants a few lines, not a spinner.
func (cr *Crawler) startProgress(start time.Time) (stop func()) {
	o := &cr.o
	tty := o.ProgressTTY && o.Progress != nil
	every := o.ProgressEvery
	if tty {
		every = 500 * time.Millisecond
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				if tty {
					writeLine(o.Progress, cr.stats.snapshot(start), cr.hostCounts())
					fmt.Fprintln(o.Progress)
				}
				return
			case <-t.C:
				s, h := cr.stats.snapshot(start), cr.hostCounts()
				if tty {
					writeLine(o.Progress, s, h)
				} else {
					o.Log.Info("crawl progress", "pages", s.Pages, "articles", s.Articles(),
						"new", s.New, "changed", s.Changed, "errors", s.Errors, "pages_per_s", fmt.Sprintf("%.1f", s.Rate()),
						"hosts_active", h.Active, "hosts_waiting", h.Waiting)
				}
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// hostCounts asks the State how many hosts are being fetched and how many
// wait for their next time.
func (cr *Crawler) hostCounts() frontier.HostCounts {
	c, err := cr.o.State.Hosts(time.Now())
	if err != nil {
		cr.o.Log.Debug("host counts", "err", err)
	}
	return c
}

// writeLine redraws the progress line in place (\r, erase to end of line).
func writeLine(w io.Writer, s Stats, h frontier.HostCounts) {
	fmt.Fprintf(w, "\r\x1b[K%d pages · %d articles (%d new, %d changed, %d unchanged) · %d errors · %.1f pages/s · hosts %d active, %d waiting",
		s.Pages, s.Articles(), s.New, s.Changed, s.Unchanged, s.Errors, s.Rate(), h.Active, h.Waiting)
}
