package scraper

import (
	"context"
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
type robots struct {
	client *http.Client
	ua     string
	log    *slog.Logger
	mu     sync.Mutex
	hosts  map[string]*robotsEntry
}

type robotsEntry struct {
	ready chan struct{} // closed once data is set
	data  *robotstxt.RobotsData
	group *robotstxt.Group
	taken bool // the Sitemap: lines were handed out (under robots.mu)
}

const maxRobotsHosts = 16384

func newRobots(rt http.RoundTripper, ua string, timeout time.Duration, log *slog.Logger) *robots {
	return &robots{
		client: &http.Client{Transport: rt, Timeout: timeout},
		ua:     ua,
		log:    log,
		hosts:  map[string]*robotsEntry{},
	}
}

// check reports whether u may be fetched and the host's Crawl-delay.
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

// entry returns u's host's robots.txt, fetching it on first use.
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
		e.data = r.load(ctx, origin)
		e.group = e.data.FindGroup(r.ua)
		close(e.ready)
	}
	select {
	case <-e.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return e, nil
}

// load fetches and parses origin's robots.txt. As the robots exclusion
// standard says: 4xx (no file) allows everything, 5xx disallows everything
// for now; a network error or an unparsable file allows everything — a
// crawl should not stop because robots.txt is flaky — and is logged.
func (r *robots) load(ctx context.Context, origin string) *robotstxt.RobotsData {
	allowAll, _ := robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+"/robots.txt", nil)
	if err != nil {
		return allowAll
	}
	req.Header.Set("User-Agent", r.ua)
	resp, err := r.client.Do(req)
	if err != nil {
		r.log.Warn("robots.txt unreachable; allowing all", "origin", origin, "err", err)
		return allowAll
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	if err != nil {
		r.log.Warn("robots.txt unreadable; allowing all", "origin", origin, "err", err)
		return allowAll
	}
	d, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil || d == nil {
		r.log.Warn("robots.txt unparsable; allowing all", "origin", origin, "status", resp.StatusCode, "err", err)
		return allowAll
	}
	return d
}
