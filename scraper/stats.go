package scraper

import (
	"sync/atomic"
	"time"
)

// Stats count what one run (or what a Crawler so far) did.
type Stats struct {
	Pages     int // responses read or answered 304 (the max_pages budget)
	New       int // articles archived for the first time
	Changed   int // articles archived as a new version
	Unchanged int // articles whose content was the same (including 304s and sitemap/feed lastmod)
	Listings  int // pages, sitemaps and feeds followed but not archived
	Skipped   int // not fetched or not read: robots, non-HTML, duplicates
	Errors    int // requests that failed after their retries, and sink failures
	Retries   int // retry attempts made
	Queued    int // new URLs added to the frontier
	// Limits hit (see the package doc): links over urlnorm.MaxLength,
	// links over maxLinksPerPage, sitemap indexes nested too deep, and
	// hosts skipped because their robots.txt stayed unreachable.
	LongURLs           int
	LinksCut           int
	NestedSitemaps     int
	RobotsHostsSkipped int
	Resumed            bool
	Elapsed            time.Duration
	// Hosts are the per-host figures, sorted by host (Run's result only).
	Hosts []HostStats
}

// HostStats are one host's figures for a run.
type HostStats struct {
	Host     string        // host key: lower-cased host and port
	Requests int           // HTTP requests: robots.txt, redirect hops and retries included
	Pages    int           // responses read (2xx, 304)
	Errors   int           // requests that failed for good, and pages that could not be archived
	Bytes    int64         // body bytes read
	Latency  time.Duration // mean time per request, first byte sent to last byte read
	Wait     time.Duration // time its requests were held back by politeness (delay, Crawl-delay, Retry-After)
}

// Articles is New + Changed + Unchanged.
func (s Stats) Articles() int { return s.New + s.Changed + s.Unchanged }

// Rate is pages per second over Elapsed.
func (s Stats) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Pages) / s.Elapsed.Seconds()
}

// counters are the live, concurrently updated form of Stats.
type counters struct {
	pages, new, changed, unchanged, listings, skipped, errors, retries, queued atomic.Int64

	longURLs, linksCut, nestedSitemaps, robotsHostsSkipped atomic.Int64
}

func (c *counters) snapshot(start time.Time) Stats {
	return Stats{
		Pages:     int(c.pages.Load()),
		New:       int(c.new.Load()),
		Changed:   int(c.changed.Load()),
		Unchanged: int(c.unchanged.Load()),
		Listings:  int(c.listings.Load()),
		Skipped:   int(c.skipped.Load()),
		Errors:    int(c.errors.Load()),
		Retries:   int(c.retries.Load()),
		Queued:    int(c.queued.Load()),
		Elapsed:   time.Since(start),

		LongURLs:           int(c.longURLs.Load()),
		LinksCut:           int(c.linksCut.Load()),
		NestedSitemaps:     int(c.nestedSitemaps.Load()),
		RobotsHostsSkipped: int(c.robotsHostsSkipped.Load()),
	}
}

func (c *counters) count(o Outcome) {
	switch o {
	case Created:
		c.new.Add(1)
	case Changed:
		c.changed.Add(1)
	case Unchanged:
		c.unchanged.Add(1)
	default:
		c.skipped.Add(1)
	}
}

// LimitAttrs returns the limit counters that are not zero as slog
// key-value pairs, for the line that sums up a run.
func (s Stats) LimitAttrs() []any {
	var out []any
	for _, a := range []struct {
		key string
		n   int
	}{
		{"long_urls", s.LongURLs},
		{"links_cut", s.LinksCut},
		{"nested_sitemaps", s.NestedSitemaps},
		{"robots_hosts_skipped", s.RobotsHostsSkipped},
	} {
		if a.n != 0 {
			out = append(out, a.key, a.n)
		}
	}
	return out
}
