package scraper

import (
	"sync"

	"newsarchive/capture"
	"newsarchive/frontier"
)

// redirectChains keeps, for a request a redirect led to, the hops before it
// as they went over the wire, so that the page at the end of the chain
// records its whole redirect chain in its provenance although the crawler
// fetches each hop as a request of its own. An entry is taken when the
// request it names is fetched; a run resumed after a crash rebuilds the
// chain from the request's Via list, without the status lines.
type redirectChains struct {
	mu sync.Mutex
	m  map[string][]capture.Redirect
}

// redirected records that r, fetched as resp, redirected to next.
func (c *redirectChains) redirected(r frontier.Request, resp *response, next frontier.Request) {
	hops := c.take(r)
	hops = append(hops, redirectHop(r.URL, resp))
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string][]capture.Redirect{}
	}
	c.m[next.URL] = hops
	c.mu.Unlock()
}

// take returns (and forgets) the hops that led to r.
func (c *redirectChains) take(r frontier.Request) []capture.Redirect {
	if len(r.Via) == 0 {
		return nil
	}
	c.mu.Lock()
	hops, ok := c.m[r.URL]
	delete(c.m, r.URL)
	c.mu.Unlock()
	if ok {
		return hops
	}
	for i, u := range r.Via {
		to := r.URL
		if i+1 < len(r.Via) {
			to = r.Via[i+1]
		}
		hops = append(hops, capture.Redirect{URL: u, Location: to})
	}
	return hops
}

// redirectHop is one hop of a chain: the URL, its status line and where it
// pointed, as received.
func redirectHop(u string, resp *response) capture.Redirect {
	h := capture.Redirect{URL: u, Location: resp.Location}
	if resp.Fetch != nil {
		h.StatusLine = resp.Fetch.StatusLine
		if loc := resp.Fetch.Header.Get("Location"); loc != "" {
			h.Location = loc
		}
	}
	return h
}

// withChain puts the hops before a final response into its provenance.
func withChain(resp *response, hops []capture.Redirect) {
	if resp.Fetch != nil && len(hops) > 0 {
		resp.Fetch.Redirects = append(hops, resp.Fetch.Redirects...)
	}
}
