package scraper

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"newsarchive/extract"
	"newsarchive/frontier"
)

// Options configure a Crawler: crawler settings, job settings and the
// collaborators it needs. Zero fields take the Default constants below.
type Options struct {
	// Crawler settings.
	UserAgent   string
	Parallelism int // requests being fetched at once, over all hosts
	// PerHostParallelism bounds the requests being fetched at once from one
	// host (0: DefaultPerHostParallelism).
	PerHostParallelism int
	// PerHostDelay is the minimum interval between two requests to one
	// host, from the start and from the end of the earlier one (0:
	// DefaultPerHostDelay; NoDelay: none).
	PerHostDelay time.Duration
	Timeout      time.Duration // per request, headers and body
	MaxBodyBytes int64
	Retries      int // extra attempts after the first (0: DefaultRetries; NoRetries: none)
	// IgnoreRobots skips robots.txt; the zero value obeys it.
	IgnoreRobots bool

	// Backoff is the base of the exponential retry delay (default 500ms);
	// attempt n waits a random time in [Backoff·2ⁿ/2, Backoff·2ⁿ].
	Backoff time.Duration
	// MaxRetryAfter caps the Retry-After a server may ask for and robots'
	// Crawl-delay (default 2m); a longer Retry-After ends the retries.
	MaxRetryAfter time.Duration

	// Job settings.
	Job      string   // name, for logs
	Seeds    []string // absolute URLs (sitemaps and feeds welcome)
	Hosts    []string // allowed hosts and their subdomains (config.Job.Hosts)
	MaxDepth int      // link hops from a seed; a seed is depth 0
	MaxPages int      // pages fetched per run (0: no cap)
	// MaxPagesPerHost caps the pages fetched from one host per run (0: no
	// cap); the rest of the host's queue waits, and the other hosts go on.
	MaxPagesPerHost int
	Follow          []*regexp.Regexp
	Articles        []*regexp.Regexp
	// RobotsSitemaps also reads the sitemaps listed (Sitemap: lines) in
	// the robots.txt of each seed's host, as seeds.
	RobotsSitemaps bool
	Sites          map[string]extract.Rules
	// Extractor reads the pages (zero: extract.Current()); its version
	// goes into each page's provenance.
	Extractor extract.Extractor
	// Fresh starts over instead of resuming an interrupted run.
	Fresh bool

	// Collaborators.
	State frontier.State // required by Run; FetchOne does not use it
	Sink  Sink           // required by Run
	Log   *slog.Logger   // nil: discard; the caller adds the job name to it
	// Progress receives the live progress line when ProgressTTY is set;
	// otherwise progress is logged every ProgressEvery (default 10s) on Log.
	Progress      io.Writer
	ProgressTTY   bool
	ProgressEvery time.Duration
	// Transport is the base RoundTripper (default: a tuned http.Transport);
	// the crawler wraps it to add the User-Agent and the body limit.
	Transport http.RoundTripper
	// DedupeKeys bounds the per-run set of archived keys kept in memory
	// (default 100 000, about 10 MB; older keys are forgotten first).
	DedupeKeys int
}

// ErrOptions is returned (wrapped) by Run and by the caller's mapping of
// its configuration when an option is missing or invalid (a bad regex, a
// bad seed, no State or Sink).
var ErrOptions = errors.New("invalid crawler options")

// The defaults a zero Options gets. They are the configuration's defaults
// too: app's tests check that config.Default() maps onto exactly these, so
// the library and the config file never disagree. A zero value is the safe
// value: robots.txt obeyed, a polite delay, retries on.
const (
	DefaultUserAgent          = "newsarchive/0.1 (+https://github.com/newsarchive/newsarchive)"
	DefaultParallelism        = 4
	DefaultPerHostParallelism = 1
	DefaultPerHostDelay       = time.Second
	DefaultTimeout            = 30 * time.Second
	DefaultMaxBodyBytes       = 10 << 20
	DefaultRetries            = 3
	DefaultBackoff            = 500 * time.Millisecond
	DefaultMaxRetryAfter      = 2 * time.Minute
)

// NoDelay as PerHostDelay and NoRetries as Retries turn those off; their
// zero values mean the defaults.
const (
	NoDelay   time.Duration = -1
	NoRetries               = -1
)

// withDefaults fills zero values with the Default constants and turns the
// "off" sentinels into their working values.
func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Parallelism < 1 {
		o.Parallelism = DefaultParallelism
	}
	if o.PerHostParallelism < 1 {
		o.PerHostParallelism = DefaultPerHostParallelism
	}
	switch {
	case o.PerHostDelay == 0:
		o.PerHostDelay = DefaultPerHostDelay
	case o.PerHostDelay < 0:
		o.PerHostDelay = 0
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	switch {
	case o.Retries == 0:
		o.Retries = DefaultRetries
	case o.Retries < 0:
		o.Retries = 0
	}
	if o.Backoff <= 0 {
		o.Backoff = DefaultBackoff
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if o.ProgressEvery <= 0 {
		o.ProgressEvery = 10 * time.Second
	}
	if o.DedupeKeys <= 0 {
		o.DedupeKeys = 100_000
	}
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return o
}
