// Package frontier defines the crawl state a job keeps between runs — one
// queue of URLs per host, the order in which hosts may next be fetched, the
// set of URLs already seen, and HTTP cache validators — as an interface.
// store implements it on bbolt; scraper consumes it; neither imports the
// other. MemState is an in-memory implementation for one-off fetches and
// tests; HostTable is the host scheduling both share, and package
// frontiertest is the conformance suite every implementation must pass
// (a shared implementation, such as one in Redis, included).
//
// The crawl loop only ever asks for work that may be fetched now: it claims
// requests whose hosts are ready, reports per host when that host may be
// fetched again (politeness feedback), and finishes each claimed request as
// done, to be retried at a later time, or redirected to another URL. A host
// whose next time has not come holds no worker.
package frontier

import (
	"strings"
	"time"
)

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

	// ID is the State's handle on a queued request: set when it is
	// queued, kept through Claim, Retry and Redirect. Callers pass claimed
	// requests back with it unchanged.
	ID uint64
	// Attempt counts the failed attempts before this one (the caller sets
	// it when it retries).
	Attempt int
	// Via lists the URLs a redirect chain went through before URL, the
	// first one being the URL originally queued.
	Via []string
}

// Origin is the URL the request was queued under: the first of a redirect
// chain.
func (r Request) Origin() string {
	if len(r.Via) > 0 {
		return r.Via[0]
	}
	return r.URL
}

// Host returns the request's host key (see Host).
func (r Request) Host() string { return Host(r.URL) }

// Host returns the host key of an absolute URL: its lower-cased host with
// its port, as politeness sees it (two ports of one machine are two hosts).
// It is "" for a URL without a host.
func Host(u string) string {
	i := strings.Index(u, "://")
	if i < 0 {
		return ""
	}
	rest := u[i+3:]
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		rest = rest[:j]
	}
	if j := strings.LastIndexByte(rest, '@'); j >= 0 {
		rest = rest[j+1:]
	}
	return strings.ToLower(rest)
}

// Validators are the HTTP cache validators remembered for a URL, sent back
// as If-None-Match / If-Modified-Since on the next crawl.
type Validators struct {
	ETag         string
	LastModified string
	// Fetched is when the URL was last fetched with a 2xx or 304.
	Fetched time.Time
}

// Policy is what Claim needs to know of the crawl's politeness.
type Policy struct {
	// PerHost bounds the claimed requests of one host whose fetch has not
	// been released (at least 1).
	PerHost int
	// Delay is the minimum interval between the starts of two requests to
	// one host, for hosts given no delay of their own by SetHost.
	Delay time.Duration
}

// HostPolicy is what the crawler learnt about one host.
type HostPolicy struct {
	// Delay replaces Policy.Delay for this host when longer (robots.txt
	// Crawl-delay).
	Delay time.Duration
	// Closed stops claims from this host for the rest of the run (its page
	// budget is spent); its queue is left as it is.
	Closed bool
}

// HostCounts describe the hosts with work, for the progress line.
type HostCounts struct {
	Active  int // hosts with a request being fetched
	Waiting int // hosts with queued work whose next time has not come
	Ready   int // hosts with queued work that may be fetched now
}

// State is the crawl state of one job kept outside memory, so that a crawl
// survives a crash and memory stays flat on large crawls. store.CrawlState
// implements it (together with colly's storage.Storage for cookies); the
// scraper never imports store.
//
// Contract:
//   - A URL is queued once per run: the state remembers every URL it has
//     seen in the run, queued, claimed or done. Each host has its own queue,
//     first in first out by ID; a retried or redirected request keeps its ID,
//     and so its place near the front.
//   - Claim hands out requests only from hosts that are ready: the host's
//     next time has come and fewer than Policy.PerHost of its requests are
//     being fetched. Among ready hosts the one that has been ready longest
//     goes first, so a host with a long queue never starves one with a short
//     queue. Claiming a request holds one of its host's slots, and moves the
//     host's next time to at least now + its delay.
//   - Release gives one slot back (the fetch is over) and sets the host's
//     next time: exactly, when no other request of the host is being
//     fetched; otherwise never earlier than it was.
//   - A claimed request stays in the state until Done, Retry or Redirect,
//     whatever Release says; a run that stops leaves its claimed requests
//     for BeginRun to queue again.
//   - Implementations must be safe for concurrent use. Done, Retry,
//     Redirect, Release and SetHost need not be durable before they return;
//     Push, BeginRun, EndRun and Reset must be.
type State interface {
	// Push queues every request not seen before in this run and returns how
	// many were new. IDs are assigned by the state.
	Push(reqs []Request) (int, error)
	// Claim takes up to n requests from ready hosts (see the contract). It
	// also returns the earliest time at which a host with queued work will
	// be ready (zero when no unclaimed work is left, or when the only hosts
	// with work have all their slots taken: a Release will say).
	Claim(now time.Time, n int, p Policy) ([]Request, time.Time, error)
	// Release is the politeness feedback for one claimed fetch from host:
	// its slot is free, and the host may next be fetched at next.
	Release(host string, next time.Time) error
	// SetHost records what the crawler learnt of a host (see HostPolicy).
	SetHost(host string, p HostPolicy) error
	// Done finishes a claimed request for good.
	Done(r Request) error
	// Retry puts a claimed request back at its place in its host's queue;
	// it is not claimed again before at (which holds back its host, as the
	// head of its queue). r's fields other than ID may have changed
	// (Attempt).
	Retry(r Request, at time.Time) error
	// Redirect finishes a claimed request by queuing the next hop of its
	// redirect chain, to in its own host's queue, in from's place (to.ID is
	// set from from.ID). to.URL is marked seen.
	Redirect(from, to Request) error
	// Pending counts queued plus claimed requests.
	Pending() (int, error)
	// Hosts counts the hosts with work at now.
	Hosts(now time.Time) (HostCounts, error)
	// Reset forgets the job's frontier, seen set and run progress.
	Reset() error
	// Validators returns what was remembered for url (zero if nothing).
	Validators(url string) (Validators, error)
	// SetValidators remembers validators for url.
	SetValidators(url string, v Validators) error

	// BeginRun starts a run of the job. If the previous run was interrupted
	// (BeginRun without a matching EndRun: a crash, a kill, a cancelled
	// crawl) and fresh is false, it queues that run's claimed requests again
	// and returns true: the run continues with the frontier and seen set it
	// left. Otherwise (the previous run ended, there was none, or fresh is
	// true) it forgets the frontier and seen set — validators are kept — and
	// returns false; the caller then pushes the seeds. Either way no host
	// starts with a slot taken or closed.
	BeginRun(fresh bool) (resumed bool, err error)
	// EndRun records that the current run finished (frontier exhausted or
	// page budget spent), so the next BeginRun starts afresh. It must be
	// durable when it returns. The frontier and seen set may be dropped.
	EndRun() error
}
