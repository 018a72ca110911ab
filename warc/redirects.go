package warc

// Redirect chains: a crawler that follows a redirect records the 3xx
// response, then the response of the URL it led to. Import puts such hops
// back into the capture's provenance, as the crawl records them.

import (
	"bytes"
	"net/url"
	"slices"
	"strings"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"

	"newsarchive/capture"
	"newsarchive/urlnorm"
)

// A hop is taken as leading to a capture when it was fetched at most
// hopWindow before it (a crawler fetches the target right after; a polite
// one waits a few seconds), and a chain has at most maxHops hops (as
// browsers and the crawler give up after ten).
const (
	hopWindow = 5 * time.Minute
	maxHops   = 10
)

// hop is one redirect response of the files read.
type hop struct {
	date     time.Time
	redirect capture.Redirect
	used     bool // taken by a chain: a hop led to one capture
}

// noteHop indexes a redirect response of the first pass: by the URL its
// Location leads to, resolved against the URL asked for.
func (im *importer) noteHop(uri string, date time.Time, b gowarc.HttpResponseBlock) {
	h := b.HttpHeader()
	if h == nil || uri == "" {
		return
	}
	loc := h.Get("Location")
	to := resolveLocation(uri, loc)
	if to == "" {
		return
	}
	line, _, _ := bytes.Cut(b.ProtocolHeaderBytes(), []byte("\n"))
	im.hopsTo[to] = append(im.hopsTo[to], len(im.hops))
	im.hops = append(im.hops, hop{date: date, redirect: capture.Redirect{URL: uri, StatusLine: strings.TrimSpace(string(line)), Location: loc}})
}

// chain is the redirect chain that led to a capture of u at date, first
// hop first: the latest redirect to u fetched within hopWindow before it
// and not taken by an earlier capture, then the latest to that redirect's
// URL before it, and so on. Captures are chained in date order.
func (im *importer) chain(u string, date time.Time) []capture.Redirect {
	var out []capture.Redirect
	seen := map[string]bool{}
	for len(out) < maxHops && !seen[u] {
		seen[u] = true
		best := -1
		for _, i := range im.hopsTo[matchKey(u)] {
			h := im.hops[i]
			if h.used || h.date.After(date) || date.Sub(h.date) > hopWindow {
				continue
			}
			if best < 0 || !h.date.Before(im.hops[best].date) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		h := &im.hops[best]
		h.used = true
		out = append(out, h.redirect)
		u, date = h.redirect.URL, h.date
	}
	slices.Reverse(out)
	return out
}

// resolveLocation is the URL a redirect from u to loc leads to, as a
// match key; "" when there is none.
func resolveLocation(u, loc string) string {
	if loc == "" {
		return ""
	}
	base, err := url.Parse(u)
	if err != nil {
		return ""
	}
	ref, err := url.Parse(strings.TrimSpace(loc))
	if err != nil {
		return ""
	}
	return matchKey(base.ResolveReference(ref).String())
}

// matchKey compares the URL a redirect leads to with the URL of a
// response: normalised, so that trivial differences (case of the host, a
// default port) do not break the chain.
func matchKey(u string) string {
	if n, err := urlnorm.Normalize(u); err == nil {
		return n
	}
	return u
}
