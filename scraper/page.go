package scraper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"newsarchive/capture"
	"newsarchive/extract"
	"newsarchive/frontier"
	"newsarchive/urlnorm"
)

// prepared is a fetched response after the CPU work (sniffing, parsing,
// extraction), waiting for the I/O work (sink, frontier).
type prepared struct {
	f       *fetched
	page    *Page           // nil for a sitemap or feed
	res     *extract.Result // nil for a sitemap or feed
	article bool
	reqs    []frontier.Request // URLs to push
}

// prepare does the CPU work for a fetched 2xx response: a sitemap or feed
// yields URLs; an HTML page is extracted, judged article or listing, and its
// links filtered. It returns nil when nothing is left to do (the response
// was counted as skipped or as an error).
func (cr *Crawler) prepare(r frontier.Request, f *fetched) *prepared {
	o := &cr.o
	resp := f.resp
	if maybeDoc(r.Kind, resp) {
		kind, doc, err := sniffDoc(resp.Body)
		if err != nil {
			cr.stats.errors.Add(1)
			o.Log.Warn("unreadable sitemap", "url", r.URL, "err", err)
			return nil
		}
		if kind != frontier.KindPage {
			reqs, ok := cr.parseDoc(r, kind, doc)
			if !ok {
				return nil
			}
			return &prepared{f: f, reqs: reqs}
		}
	}
	if !isHTML(resp) {
		cr.stats.skipped.Add(1)
		o.Log.Debug("not HTML; skipped", "url", r.URL, "type", resp.ContentType)
		return nil
	}
	p, res, err := cr.page(r.URL, resp, f.at)
	if err != nil {
		cr.stats.errors.Add(1)
		o.Log.Warn("extract", "url", r.URL, "err", err)
		return nil
	}
	p.Depth = r.Depth
	pr := &prepared{f: f, page: p, res: res, article: cr.isArticle(r.URL, p.FinalURL, res)}
	if r.Depth >= o.MaxDepth {
		return pr
	}
	pr.reqs = cr.linkRequests(r, res)
	return pr
}

// commit does the I/O work of a prepared response: the article goes to
// the Sink, the URLs to the frontier (in batches of pushBatch).
// The two writes are independent and each waits for a durable commit, so
// they run side by side; both are done before the request is marked done.
// An error means one of them failed: the request is not done.
func (cr *Crawler) commit(ctx context.Context, r frontier.Request, pr *prepared) error {
	if pr.page == nil || !pr.article {
		cr.stats.listings.Add(1)
		return cr.pushAll(pr.reqs)
	}
	var wg sync.WaitGroup
	var perr error
	if len(pr.reqs) > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			perr = cr.pushAll(pr.reqs)
		}()
	}
	err := cr.archive(ctx, r, pr.page, pr.res, pr.f.resp, pr.f.at)
	wg.Wait()
	return errors.Join(err, perr)
}

// archive hands an article to the Sink once per key and run, and remembers
// the validators that make the next fetch conditional. An error wraps
// ErrSink.
func (cr *Crawler) archive(ctx context.Context, r frontier.Request, p *Page, res *extract.Result, resp *response, now time.Time) error {
	o := &cr.o
	if !cr.keys.claim(p.Key) {
		cr.stats.skipped.Add(1)
		o.Log.Debug("already archived in this run", "url", r.URL, "key", p.Key)
		return nil
	}
	sctx, cancel := sinkContext(ctx)
	defer cancel()
	out, err := o.Sink.Archive(sctx, p, &res.Article)
	if err != nil {
		cr.keys.release(p.Key)
		cr.stats.errors.Add(1)
		o.Log.Warn("archive", "url", r.URL, "key", p.Key, "err", err)
		return fmt.Errorf("%w: %s: %w", ErrSink, r.URL, err)
	}
	cr.stats.count(out)
	v := frontier.Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), Fetched: now}
	if err := o.State.SetValidators(r.URL, v); err != nil {
		o.Log.Warn("validators", "url", r.URL, "err", err)
	}
	return nil
}

// parseDoc lists a sitemap's or feed's URLs (see docRequests for their
// depth and nesting). ok is false when the document yielded nothing usable
// (counted as an error).
func (cr *Crawler) parseDoc(r frontier.Request, kind frontier.Kind, doc []byte) ([]frontier.Request, bool) {
	o := &cr.o
	var (
		entries []entry
		err     error
	)
	if kind == frontier.KindSitemap {
		entries, err = parseSitemap(doc)
	} else {
		entries, err = parseFeed(doc)
	}
	if err != nil {
		cr.stats.errors.Add(1)
		o.Log.Warn("discovery", "url", r.URL, "err", err)
		if len(entries) == 0 {
			return nil, false
		}
	}
	reqs := cr.docRequests(r, entries)
	o.Log.Debug("discovery document", "url", r.URL, "entries", len(entries), "kept", len(reqs))
	return reqs, true
}

// page decodes and extracts a response and computes its archive key.
func (cr *Crawler) page(reqURL string, resp *response, now time.Time) (*Page, *extract.Result, error) {
	final, err := urlnorm.Normalize(resp.FinalURL)
	if err != nil || urlnorm.CheckLength(final) != nil {
		final = reqURL // the archive keys pages by URL: it must be short enough
	}
	ex := cr.o.Extractor.OrCurrent()
	res, err := ex.FromBytes(resp.Body, resp.ContentType, extract.Options{URL: final, Sites: cr.o.Sites, Now: now})
	if err != nil {
		return nil, nil, err
	}
	if res == nil {
		return nil, nil, fmt.Errorf("extract %s: no result", final)
	}
	key, err := urlnorm.Key(final, res.Article.CanonicalURL, cr.o.Hosts)
	if err != nil {
		key = final
	}
	return &Page{
		URL:       reqURL,
		FinalURL:  final,
		Key:       key,
		Status:    resp.Status,
		Header:    resp.Header,
		Raw:       resp.Body,
		Charset:   res.Charset,
		FetchedAt: now,
		Provenance: capture.Provenance{
			Fetch:      resp.Fetch,
			Extraction: capture.Extraction{Extractor: ex.Version, Charset: res.Charset, CharsetSource: res.CharsetSource},
		},
	}, res, nil
}

// isArticle decides article versus listing: the job's article patterns
// when it has any (on the requested or final URL), else the extractor.
func (cr *Crawler) isArticle(reqURL, finalURL string, res *extract.Result) bool {
	if len(cr.o.Articles) == 0 {
		return res.IsArticle
	}
	for _, re := range cr.o.Articles {
		if re.MatchString(reqURL) || re.MatchString(finalURL) {
			return true
		}
	}
	return false
}

// maybeDoc reports whether a response could be a sitemap or feed and is
// worth sniffing: listed as one, served as XML or gzip or untyped.
func maybeDoc(k frontier.Kind, resp *response) bool {
	if k != frontier.KindPage || bytes.HasPrefix(resp.Body, gzipMagic) {
		return true
	}
	switch mediaType(resp.ContentType) {
	case "text/html", "application/xhtml+xml":
		return false
	}
	return true
}

// isHTML reports whether a body is an HTML page: by its declared type, or
// by sniffing when the server sent none or a generic one.
func isHTML(resp *response) bool {
	switch mediaType(resp.ContentType) {
	case "text/html", "application/xhtml+xml":
		return true
	case "", "text/plain", "application/octet-stream":
		return mediaType(http.DetectContentType(resp.Body)) == "text/html"
	}
	return false
}
