package scraper

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robots caches each host's robots.txt for the run. Workers asking for a
// host whose file is being fetched wait for that one fetch. The cache is
// bounded: past maxRobotsHosts entries it starts over (a job's allowed
// hosts are normally a handful).
//
// What a robots.txt answer means follows RFC 9309: 2xx gives the rules;
// 4xx (no file) allows everything, and so do more than maxRobotsRedirects
// redirects; 5xx, 429 and network errors (refused, reset, a body slower
// than the timeout) mean unreachable, as does a redirect to anything but
// http or https. Unreachable is retried with the crawler's backoff, and if
// it stays so, the host is skipped for the run: the RFC says to assume
// complete disallow. A file that cannot be parsed allows everything.
type robots struct {
	client  *http.Client
	ua      string
	log     *slog.Logger
	retries int
	backoff time.Duration
	mu      sync.Mutex
	hosts   map[string]*robotsEntry
}

type robotsEntry struct {
	ready chan struct{} // closed once data or err is set
	data  *robotstxt.RobotsData
	group *robotstxt.Group
	err   error // an *unreachableError (skip the host), or the loader's cancellation
	taken bool  // the Sitemap: lines were handed out (under robots.mu)
}

const (
	maxRobotsHosts = 16384
	// maxRobotsRedirects is the number of redirects followed for
	// robots.txt (RFC 9309 asks for at least five).
	maxRobotsRedirects = 5
	maxRobotsBytes     = 512 << 10 // the RFC asks to parse at least 500 KiB
)

// unreachableError is a host's robots.txt that could not be fetched. It
// is shared by every request to the host, and says once that the host is
// skipped.
type unreachableError struct {
	origin string
	cause  error
	once   sync.Once
}

func (e *unreachableError) Error() string {
	return fmt.Sprintf("%v: %s/robots.txt: %v", ErrRobotsUnreachable, e.origin, e.cause)
}

func (e *unreachableError) Is(target error) bool { return target == ErrRobotsUnreachable }

// first reports true to its first caller only.
func (e *unreachableError) first() bool {
	ok := false
	e.once.Do(func() { ok = true })
	return ok
}

func newRobots(rt http.RoundTripper, o Options) *robots {
	return &robots{
		client:  &http.Client{Transport: rt, Timeout: o.Timeout, CheckRedirect: robotsRedirect(o.PerHostDelay)},
		ua:      o.UserAgent,
		log:     o.Log,
		retries: o.Retries,
		backoff: o.Backoff,
		hosts:   map[string]*robotsEntry{},
	}
}

// robotsRedirect follows up to maxRobotsRedirects redirects on http(s);
// past that the last redirect is the answer (no robots.txt). Each hop is a
// request like any other, so it waits delay (the per-host delay; the
// host's Crawl-delay is what is being fetched) after the one before: a
// robots.txt that redirects within its host is fetched politely too.
func robotsRedirect(delay time.Duration) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if s := req.URL.Scheme; s != "http" && s != "https" {
			return fmt.Errorf("%w: to %s:", errRedirectScheme, s)
		}
		if len(via) > maxRobotsRedirects {
			return http.ErrUseLastResponse
		}
		if delay <= 0 {
			return nil
		}
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-t.C:
			return nil
		case <-req.Context().Done():
			return req.Context().Err()
		}
	}
}

// check reports whether u may be fetched and the host's Crawl-delay. The
// error is ErrRobotsUnreachable (wrapped) when the host's robots.txt could
// not be fetched, or ctx's error.
func (r *robots) check(ctx context.Context, u *url.URL) (bool, time.Duration, error) {
	e, err := r.entry(ctx, u)
	if err != nil {
		return false, 0, err
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return e.data.TestAgent(path, r.ua), e.group.CrawlDelay, nil
}

// known reports whether u's host's robots.txt is cached, so that check
// will not fetch it (the crawler counts that fetch against the host).
func (r *robots) known(u *url.URL) bool {
	r.mu.Lock()
	e, ok := r.hosts[u.Scheme+"://"+u.Host]
	r.mu.Unlock()
	if !ok {
		return false
	}
	select {
	case <-e.ready:
		return true
	default:
		return false
	}
}

// takeSitemaps returns the sitemaps u's host lists in its robots.txt
// (Sitemap: lines) the first time it is asked for that host in the run,
// and nothing after that.
func (r *robots) takeSitemaps(ctx context.Context, u *url.URL) ([]string, error) {
	e, err := r.entry(ctx, u)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if e.taken {
		return nil, nil
	}
	e.taken = true
	return e.data.Sitemaps, nil
}

// entry returns u's host's robots.txt, fetching it on first use. A fetch
// cut short by ctx is not cached.
func (r *robots) entry(ctx context.Context, u *url.URL) (*robotsEntry, error) {
	origin := u.Scheme + "://" + u.Host
	r.mu.Lock()
	e, ok := r.hosts[origin]
	if !ok {
		if len(r.hosts) >= maxRobotsHosts {
			r.hosts = map[string]*robotsEntry{}
		}
		e = &robotsEntry{ready: make(chan struct{})}
		r.hosts[origin] = e
	}
	r.mu.Unlock()
	if !ok {
		d, err := r.load(ctx, origin)
		switch {
		case err == nil:
			e.data, e.group = d, d.FindGroup(r.ua)
		case ctx.Err() != nil: // cut short, not unreachable: ask again next time
			r.mu.Lock()
			delete(r.hosts, origin)
			r.mu.Unlock()
			e.err = ctx.Err()
		default:
			e.err = &unreachableError{origin: origin, cause: err}
		}
		close(e.ready)
	}
	select {
	case <-e.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if e.err != nil {
		return nil, e.err
	}
	return e, nil
}

// load fetches and parses origin's robots.txt, retrying while it is
// unreachable. The error says why it stayed unreachable.
func (r *robots) load(ctx context.Context, origin string) (*robotstxt.RobotsData, error) {
	for attempt := 0; ; attempt++ {
		d, again, err := r.try(ctx, origin)
		if err == nil || !again || attempt >= r.retries || ctx.Err() != nil {
			if err != nil && attempt > 0 {
				err = fmt.Errorf("%w (after %d attempts)", err, attempt+1)
			}
			return d, err
		}
		r.log.Debug("retrying robots.txt", "origin", origin, "attempt", attempt+1, "err", err)
		if err := sleep(ctx, backoff(r.backoff, attempt)); err != nil {
			return nil, err
		}
	}
}

// try makes one attempt. again says whether an error is worth retrying.
func (r *robots) try(ctx context.Context, origin string) (d *robotstxt.RobotsData, again bool, err error) {
	allowAll, _ := robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+"/robots.txt", nil)
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("User-Agent", r.ua)
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, !permanent(err), err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
	if err != nil {
		return nil, !permanent(err), fmt.Errorf("reading the body: %w", err)
	}
	switch code := resp.StatusCode; {
	case code >= 500, code == http.StatusTooManyRequests:
		return nil, true, fmt.Errorf("HTTP %d %s", code, http.StatusText(code))
	case code >= 300 && code < 400:
		r.log.Info("robots.txt redirects too often; taken as absent", "origin", origin, "redirects", maxRobotsRedirects)
		return allowAll, false, nil
	case code < 200:
		return nil, false, fmt.Errorf("unexpected HTTP %d", code)
	}
	d, err = robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil || d == nil {
		r.log.Warn("robots.txt unparsable; allowing all", "origin", origin, "status", resp.StatusCode, "err", err)
		return allowAll, false, nil
	}
	return d, false, nil
}
