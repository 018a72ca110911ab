package scraper

import (
	"fmt"
	"net/url"
	"slices"

	"newsarchive/frontier"
	"newsarchive/urlnorm"
)

// hop is the next request of r's redirect chain, to loc: a request of its
// own, which waits for its host's turn and passes its host's robots.txt
// like any other. allowHost, when not nil, limits where redirects may lead.
// A chain of more than maxRedirects redirects, or one that comes back to a
// URL a third time, ends in an error (a site may redirect to the same page
// once to set a cookie).
func hop(r frontier.Request, loc string, allowHost func(string) bool) (frontier.Request, error) {
	base, err := url.Parse(r.URL)
	if err != nil {
		return frontier.Request{}, err
	}
	next, err := urlnorm.Resolve(base, loc)
	if err != nil {
		return frontier.Request{}, fmt.Errorf("%s: bad redirect to %q: %w", r.URL, loc, err)
	}
	chain := append(slices.Clip(r.Via), r.URL)
	if len(chain) > maxRedirects {
		return frontier.Request{}, fmt.Errorf("%w (from %s)", ErrTooManyRedirects, chain[0])
	}
	n := 0
	for _, v := range chain {
		if v == next {
			n++
		}
	}
	if n >= 2 {
		return frontier.Request{}, fmt.Errorf("%w: %s → %s", ErrRedirectLoop, chain[0], next)
	}
	if allowHost != nil && !allowHost(urlnorm.Host(next)) {
		return frontier.Request{}, fmt.Errorf("%w: %s → %s", ErrOffSite, chain[0], next)
	}
	return frontier.Request{URL: next, Depth: r.Depth, Kind: r.Kind, LastMod: r.LastMod, Via: chain}, nil
}
