// Package frontier defines the crawl state a job keeps between runs — the
// queue of URLs to fetch, the set already seen, and HTTP cache validators —
// as an interface. store implements it on bbolt; scraper consumes it; neither
// imports the other. MemState is an in-memory implementation for one-off
// fetches and tests.
package frontier

import "time"

// Kind says how a queued URL is to be read.
type Kind uint8

const (
	KindPage    Kind = iota // an HTML page: extract it, follow its links
	KindSitemap             // a sitemap or sitemap index (XML, maybe gzipped)
	KindFeed                // an RSS or Atom feed

	// KindSubSitemap is a sitemap listed by a sitemap index: it is read,
	// but the sitemaps it lists are not (one level of index nesting).
	KindSubSitemap
)

// Request is one frontier entry.
type Request struct {
	URL   string // normalised absolute URL
	Depth int    // link hops from a seed; a seed is 0
	Kind  Kind
	// LastMod is the sitemap/feed date for the URL, if any (RFC 3339 or a
	// date); the crawler may skip a URL whose LastMod is not newer than its
	// last archived fetch.
	LastMod string
}

// Validators are the HTTP cache validators remembered for a URL, sent back
// as If-None-Match / If-Modified-Since on the next crawl.
type Validators struct {
	ETag         string
	LastModified string
	// Fetched is when the URL was last fetched with a 2xx or 304.
	Fetched time.Time
}

// State is the crawl state of one job kept outside memory, so that a crawl
// survives a crash and memory stays flat on large crawls. store.CrawlState
// implements it (together with colly's storage.Storage for cookies); the
// scraper never imports store.
//
// Contract: a URL is Pushed once per run (the state remembers every URL it
// has seen, queued or done); Pop moves entries to an in-flight set, and Done
// removes one from it. Requeue, called at the start of a run, moves whatever
// a killed run left in flight back to the frontier. Reset forgets everything
// for the job (crawl --fresh). Implementations must be safe for concurrent
// use and should batch writes: Done and SetValidators are called once per
// page and need not be durable before they return.
type State interface {
	// Push queues every request not seen before in this run and returns how
	// many were new.
	Push(reqs []Request) (int, error)
	// Pop takes up to n requests off the frontier, oldest first, marking them
	// in flight. It returns an empty slice when the frontier is empty.
	Pop(n int) ([]Request, error)
	// Done marks an in-flight URL finished.
	Done(url string) error
	// Requeue moves every in-flight request back to the frontier.
	Requeue() (int, error)
	// Pending counts queued plus in-flight requests.
	Pending() (int, error)
	// Reset forgets the job's frontier, seen set and run progress.
	Reset() error
	// Validators returns what was remembered for url (zero if nothing).
	Validators(url string) (Validators, error)
	// SetValidators remembers validators for url.
	SetValidators(url string, v Validators) error

	// BeginRun starts a run of the job. If the previous run was interrupted
	// (BeginRun without a matching EndRun: a crash, a kill, a cancelled
	// crawl) and fresh is false, it requeues that run's in-flight requests
	// and returns true: the run continues with the frontier and seen set it
	// left. Otherwise (the previous run ended, there was none, or fresh is
	// true) it forgets the frontier and seen set — validators are kept — and
	// returns false; the caller then pushes the seeds.
	BeginRun(fresh bool) (resumed bool, err error)
	// EndRun records that the current run finished (frontier exhausted or
	// page budget spent), so the next BeginRun starts afresh. It must be
	// durable when it returns. The frontier and seen set may be dropped.
	EndRun() error
}
