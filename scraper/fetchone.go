package scraper

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"newsarchive/capture"
	"newsarchive/extract"
	"newsarchive/frontier"
)

// FetchOne fetches, decodes and extracts one URL (the one-off fetch): no
// frontier, no conditional GET, robots.txt obeyed unless IgnoreRobots, and
// redirects followed anywhere, each hop through its own host's robots.txt
// and delay. A URL over urlnorm.MaxLength is refused before any request.
// It does not call the Sink; the caller archives the result.
// The page's Key uses Options.Hosts (empty: the URL's own host). With a
// single URL to follow it simply waits for each host's turn.
func (cr *Crawler) FetchOne(ctx context.Context, rawURL string) (*Page, *extract.Result, error) {
	o := &cr.o
	norm, err := seedURL(rawURL)
	if err != nil {
		return nil, nil, err
	}
	f, err := newFetcher(ctx, o, cr.rt)
	if err != nil {
		return nil, nil, err
	}
	r := frontier.Request{URL: norm, Kind: frontier.KindPage}
	var hops []capture.Redirect // the redirects followed so far
	for {
		u, err := url.Parse(r.URL)
		if err != nil {
			return nil, nil, err
		}
		delay := o.PerHostDelay
		if !o.IgnoreRobots {
			if !cr.robots.known(u) {
				// robots.txt is a request to the host like any other.
				if err := cr.gates.wait(ctx, u.Host, delay); err != nil {
					return nil, nil, err
				}
			}
			ok, cd, err := cr.robots.check(ctx, u)
			if err != nil {
				return nil, nil, err
			}
			if !ok {
				return nil, nil, fmt.Errorf("%s: %w", r.URL, ErrDisallowed)
			}
			delay = cr.hostDelay(cd)
		}
		resp, err := cr.fetchRetry(ctx, f, u, frontier.KindPage, frontier.Validators{}, delay)
		if resp != nil && resp.Location != "" {
			hops = append(hops, redirectHop(r.URL, resp))
			if r, err = hop(r, resp.Location, nil); err != nil {
				return nil, nil, err
			}
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		withChain(resp, hops)
		if resp.SkippedType != "" || !isHTML(resp) {
			t := resp.SkippedType
			if t == "" {
				t = mediaType(resp.ContentType)
			}
			return nil, nil, fmt.Errorf("%s: %w (%s)", norm, ErrNotHTML, t)
		}
		return cr.page(norm, resp, time.Now().UTC())
	}
}

// hostDelay is a host's delay: PerHostDelay, or robots.txt's Crawl-delay
// when longer (capped at MaxRetryAfter).
func (cr *Crawler) hostDelay(crawlDelay time.Duration) time.Duration {
	return max(cr.o.PerHostDelay, min(crawlDelay, cr.o.MaxRetryAfter))
}
