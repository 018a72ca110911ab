package scraper

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
	"github.com/gocolly/colly/v2/storage"

	"newsarchive/capture"
	"newsarchive/frontier"
)

// fetcher wraps one synchronous colly Collector. colly supplies the request
// pipeline and the cookie jar (backed by the State when it implements
// colly's storage.Storage); the crawler supplies everything colly lacks:
// a context, retries, robots with Crawl-delay, conditional GET, body limits,
// and redirects: the collector never follows one (its redirect handler
// hands the 3xx back), so that each hop goes through its own host's gate
// and robots.txt. Workers call get concurrently: a sync Collector's
// request path only reads its configuration.
type fetcher struct {
	col *colly.Collector
	ex  *exchanges // nil when the transport is not the crawler's
}

// response is one HTTP answer as the crawler needs it.
type response struct {
	Status      int
	Header      http.Header
	ContentType string // the Content-Type header as sent
	Body        []byte // raw bytes, not transcoded
	FinalURL    string // the URL requested (not normalised)
	// SkippedType is set (and Body empty) when the response was not read
	// because its Content-Type is not one the crawler reads.
	SkippedType string
	// Fetch is the exchange as it went over the wire (provenance).
	Fetch *capture.Fetch
	// Location is set (and Body empty) for a redirect: where it leads,
	// resolved against the request's URL.
	Location string
}

// slot carries one request's result out of colly's callbacks.
type slot struct {
	kind frontier.Kind
	resp *response
}

const slotKey = "newsarchive.slot"

// newFetcher builds the collector.
func newFetcher(ctx context.Context, o *Options, rt http.RoundTripper) (*fetcher, error) {
	c := colly.NewCollector(
		colly.UserAgent(o.UserAgent),
		colly.AllowURLRevisit(),        // the State is the visited set
		colly.ParseHTTPErrorResponse(), // we classify statuses ourselves
		colly.MaxBodySize(0),           // the transport enforces the limit, loudly
		colly.IgnoreRobotsTxt(),        // robots.go does it, with Crawl-delay and a cache
		colly.StdlibContext(ctx),
	)
	if st, ok := o.State.(storage.Storage); ok {
		if err := c.SetStorage(st); err != nil {
			return nil, fmt.Errorf("cookie storage: %w", err)
		}
	}
	c.WithTransport(rt)
	c.SetRequestTimeout(o.Timeout)
	c.SetRedirectHandler(func(req *http.Request, via []*http.Request) error {
		return http.ErrUseLastResponse
	})
	c.OnResponseHeaders(func(r *colly.Response) {
		s, _ := r.Ctx.GetAny(slotKey).(*slot)
		if s == nil {
			return
		}
		ct := r.Headers.Get("Content-Type")
		s.resp = &response{Status: r.StatusCode, ContentType: ct, FinalURL: r.Request.URL.String()}
		if loc := r.Headers.Get("Location"); loc != "" && isRedirect(r.StatusCode) {
			if u, err := r.Request.URL.Parse(loc); err == nil {
				s.resp.Location = u.String()
			} else {
				s.resp.Location = loc // the crawler reports it as a bad redirect
			}
			s.resp.Header = r.Headers.Clone()
			r.Request.Abort()
			return
		}
		if r.StatusCode >= 200 && r.StatusCode < 300 && !readable(ct, s.kind) {
			s.resp.SkippedType = mediaType(ct)
			r.Request.Abort()
			return
		}
		// colly transcodes bodies whose Content-Type names a charset; the
		// crawler keeps the raw bytes (they are archived) and decodes them
		// with package decode. Hiding the header from colly keeps them raw;
		// it is put back from s.resp.ContentType.
		r.Headers.Del("Content-Type")
	})
	c.OnResponse(func(r *colly.Response) {
		s, _ := r.Ctx.GetAny(slotKey).(*slot)
		if s == nil || s.resp == nil {
			return
		}
		h := r.Headers.Clone()
		if s.resp.ContentType != "" {
			h.Set("Content-Type", s.resp.ContentType)
		}
		s.resp.Header = h
		s.resp.Body = r.Body
		s.resp.FinalURL = r.Request.URL.String()
	})
	f := &fetcher{col: c}
	if t, ok := rt.(*transport); ok {
		f.ex = &t.ex
	}
	return f, nil
}

func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// get makes one GET (no retries, no redirects followed). A response that
// was skipped for its Content-Type, or that redirects, comes back with
// SkippedType or Location set and a nil error.
func (f *fetcher) get(rawURL string, kind frontier.Kind, v frontier.Validators) (*response, error) {
	hdr := http.Header{}
	hdr.Set("Accept", accept(kind))
	if v.ETag != "" {
		hdr.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		hdr.Set("If-Modified-Since", v.LastModified)
	}
	s := &slot{kind: kind}
	cctx := colly.NewContext()
	cctx.Put(slotKey, s)
	var recorded func() *capture.Fetch
	if f.ex != nil {
		var id string
		id, recorded = f.ex.begin()
		hdr.Set(exchangeHeader, id)
	}
	err := f.col.Request(http.MethodGet, rawURL, nil, cctx, hdr)
	if recorded != nil {
		if fx := recorded(); s.resp != nil {
			s.resp.Fetch = fx
		}
	}
	if s.resp != nil && (s.resp.SkippedType != "" || s.resp.Location != "") {
		return s.resp, nil
	}
	if err != nil {
		return nil, err
	}
	if s.resp == nil || s.resp.Header == nil {
		return nil, errors.New("no response")
	}
	return s.resp, nil
}

func accept(k frontier.Kind) string {
	if k == frontier.KindPage {
		return "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
	}
	return "application/xml,text/xml;q=0.9,application/rss+xml,application/atom+xml,*/*;q=0.5"
}

func mediaType(ct string) string {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	}
	return mt
}

// readable reports whether a body of this Content-Type is worth reading:
// HTML always; XML, feeds and gzip (sitemaps, feeds — even when listed as
// pages); anything when the type is missing (sniffed after reading).
// Everything else (PDF, images, video…) is skipped unread.
func readable(ct string, kind frontier.Kind) bool {
	mt := mediaType(ct)
	switch {
	case mt == "":
		return true
	case mt == "text/html", mt == "application/xhtml+xml":
		return true
	case mt == "text/xml", mt == "application/xml", mt == "application/rss+xml",
		mt == "application/atom+xml", mt == "application/rdf+xml",
		mt == "application/x-gzip", mt == "application/gzip":
		return true
	case mt == "text/plain", mt == "application/octet-stream":
		// Misconfigured servers send pages as text/plain and gzipped
		// sitemaps as octet-stream; sniffing decides.
		return true
	}
	return false
}

// retryAfter parses a Retry-After header (seconds or an HTTP date).
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	var secs int64
	if _, err := fmt.Sscanf(v, "%d", &secs); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}
