package scraper

import (
	"net/url"

	"newsarchive/extract"
	"newsarchive/frontier"
	"newsarchive/urlnorm"
)

// Limits on what one page adds to the crawl. maxLinksPerPage bounds the
// requests taken from one HTML page (its feeds, then its links, after the
// extractor's dedupe and the job's filters): a page of 200 000 links would
// otherwise flood the frontier and the seen set. pushBatch bounds one
// frontier Push, a durable write: a huge one holds the store's writer for
// seconds, and one bad URL fails its whole batch.
const (
	maxLinksPerPage = 5000
	pushBatch       = 500
)

// linkRequests returns the requests for a page's feeds and links, one hop
// deeper than r: followed, no longer than urlnorm.MaxLength, and at most
// maxLinksPerPage. What it leaves out for length or the cap is counted.
func (cr *Crawler) linkRequests(r frontier.Request, res *extract.Result) []frontier.Request {
	reqs := make([]frontier.Request, 0, min(len(res.Links)+len(res.Feeds), maxLinksPerPage))
	var long, cut int
	add := func(u string, k frontier.Kind) {
		switch {
		case urlnorm.CheckLength(u) != nil:
			long++
		case len(reqs) >= maxLinksPerPage:
			cut++
		default:
			reqs = append(reqs, frontier.Request{URL: u, Depth: r.Depth + 1, Kind: k})
		}
	}
	for _, l := range res.Feeds {
		if u, err := urlnorm.Normalize(l); err == nil && cr.allowed(urlnorm.Host(u)) {
			add(u, frontier.KindFeed)
		}
	}
	for _, l := range res.Links {
		if cr.follows(l) {
			add(l, frontier.KindPage)
		}
	}
	cr.countLimits(r.URL, long, cut)
	return reqs
}

// countLimits counts and logs, once per page, the links left out for their
// length or over the per-page cap.
func (cr *Crawler) countLimits(pageURL string, long, cut int) {
	if long == 0 && cut == 0 {
		return
	}
	cr.stats.longURLs.Add(int64(long))
	cr.stats.linksCut.Add(int64(cut))
	cr.o.Log.Info("links left out", "url", pageURL, "too_long", long, "over_cap", cut,
		"max_url_bytes", urlnorm.MaxLength, "max_links", maxLinksPerPage)
}

// pushAll pushes reqs in batches of at most pushBatch, so that one failed
// batch loses only its own requests.
func (cr *Crawler) pushAll(reqs []frontier.Request) error {
	for len(reqs) > 0 {
		n := min(len(reqs), pushBatch)
		if err := cr.push(reqs[:n:n]); err != nil {
			return err
		}
		reqs = reqs[n:]
	}
	return nil
}

// seedURL normalises a seed and checks its length; the error never repeats
// an overlong seed in full.
func seedURL(s string) (string, error) {
	if err := urlnorm.CheckLength(s); err != nil {
		return "", err
	}
	return urlnorm.Normalize(s)
}

// isSeed reports whether u is one of the job's seeds (normalised). A seed
// is a root of the crawl whatever it turns out to be, even a sitemap its
// URL did not reveal. Only documents found under page URLs ask, and a job
// has a handful of seeds, so they are not kept in a set.
func (cr *Crawler) isSeed(u string) bool {
	for _, s := range cr.o.Seeds {
		if n, err := seedURL(s); err == nil && n == u {
			return true
		}
	}
	return false
}

// docRequests returns the requests for a sitemap's or feed's entries.
//
// They are at the document's own depth (a sitemap is a list of seeds),
// except for a document reached as a link of a page (or listed as a <url>
// of another sitemap): that is one hop, like any link, and is read only
// within max_depth. A sitemap listed by a sitemap index is read, but the
// sitemaps it lists in turn are not: one level of index nesting, as the
// sitemaps protocol allows. Entries dropped for nesting or length are
// counted.
func (cr *Crawler) docRequests(r frontier.Request, entries []entry) []frontier.Request {
	depth := r.Depth
	if r.Kind == frontier.KindPage && !cr.isSeed(r.URL) {
		if r.Depth >= cr.o.MaxDepth {
			cr.o.Log.Debug("discovery document beyond max_depth; not read", "url", r.URL, "depth", r.Depth)
			return nil
		}
		depth++
	}
	base, err := url.Parse(r.URL)
	if err != nil {
		return nil
	}
	reqs := make([]frontier.Request, 0, len(entries))
	var nested, long int
	for _, e := range entries {
		u, err := urlnorm.Resolve(base, e.URL)
		if err != nil {
			continue
		}
		kind := e.Kind
		if kind == frontier.KindSitemap {
			if r.Kind == frontier.KindSubSitemap {
				nested++
				continue
			}
			kind = frontier.KindSubSitemap
		}
		if kind == frontier.KindPage && !cr.follows(u) || kind != frontier.KindPage && !cr.allowed(urlnorm.Host(u)) {
			continue
		}
		if urlnorm.CheckLength(u) != nil {
			long++
			continue
		}
		reqs = append(reqs, frontier.Request{URL: u, Depth: depth, Kind: kind, LastMod: e.LastMod})
	}
	if nested > 0 {
		cr.stats.nestedSitemaps.Add(int64(nested))
		cr.o.Log.Info("sitemap index inside a sitemap index; its sitemaps are not read", "url", r.URL, "sitemaps", nested)
	}
	cr.countLimits(r.URL, long, 0)
	return reqs
}
