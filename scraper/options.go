package scraper

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"newsarchive/config"
	"newsarchive/extract"
	"newsarchive/frontier"
)

// Options configure a Crawler: crawler settings (config.Crawler), job
// settings (config.Job) and the collaborators it needs. FromConfig fills the
// first two from the configuration.
type Options struct {
	// Crawler settings.
	UserAgent     string
	Parallelism   int
	PerHostDelay  time.Duration // minimum interval between request starts to one host
	Timeout       time.Duration // per request, headers and body
	MaxBodyBytes  int64
	Retries       int // extra attempts after the first
	RespectRobots bool

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
	Follow   []*regexp.Regexp
	Articles []*regexp.Regexp
	// RobotsSitemaps also reads the sitemaps listed (Sitemap: lines) in
	// the robots.txt of each seed's host, as seeds.
	RobotsSitemaps bool
	Sites          map[string]extract.Rules
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

// ErrOptions is returned (wrapped) by FromConfig and Run when an option is
// missing or invalid (a bad regex, a bad seed, no State or Sink).
var ErrOptions = errors.New("invalid crawler options")

// FromConfig builds Options from the crawler settings and one job; the
// collaborators (State, Sink, Log, Progress) are left for the caller.
func FromConfig(cr config.Crawler, job config.Job, sites map[string]extract.Rules) (Options, error) {
	o := Options{
		UserAgent:     cr.UserAgent,
		Parallelism:   cr.Parallelism,
		PerHostDelay:  cr.PerHostDelay.D(),
		Timeout:       cr.Timeout.D(),
		MaxBodyBytes:  cr.MaxBodyBytes,
		Retries:       cr.Retries,
		RespectRobots: cr.RespectRobots,
		Job:           job.Name,
		Seeds:         job.Seeds,
		Hosts:         job.Hosts(),
		MaxDepth:      job.MaxDepth,
		MaxPages:      job.MaxPages,
		Sites:         sites,

		RobotsSitemaps: job.RobotsSitemaps,
	}
	var err error
	if o.Follow, err = compileAll(job.Follow); err != nil {
		return Options{}, fmt.Errorf("%w: job %s: follow: %v", ErrOptions, job.Name, err)
	}
	if o.Articles, err = compileAll(job.Articles); err != nil {
		return Options{}, fmt.Errorf("%w: job %s: articles: %v", ErrOptions, job.Name, err)
	}
	return o, nil
}

func compileAll(res []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, s := range res {
		re, err := regexp.Compile(s)
		if err != nil {
			return nil, err
		}
		out = append(out, re)
	}
	return out, nil
}

// withDefaults fills zero values with the defaults of config.Default().
func (o Options) withDefaults() Options {
	def := config.Default().Crawler
	if o.UserAgent == "" {
		o.UserAgent = def.UserAgent
	}
	if o.Parallelism < 1 {
		o.Parallelism = 1
	}
	if o.Timeout <= 0 {
		o.Timeout = def.Timeout.D()
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = def.MaxBodyBytes
	}
	if o.Retries < 0 {
		o.Retries = 0
	}
	if o.Backoff <= 0 {
		o.Backoff = 500 * time.Millisecond
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = 2 * time.Minute
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
