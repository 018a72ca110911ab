package scraper

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// transport is the RoundTripper colly fetches through. It sets the
// User-Agent on every request (robots.txt included) and enforces the body
// limit while the body is read, turning an oversized body into an error
// rather than the silent truncation colly's MaxBodySize gives.
type transport struct {
	base    http.RoundTripper
	ua      string
	maxBody int64
	// ex records the exchanges of fetcher requests (provenance).
	ex exchanges
}

func newTransport(base http.RoundTripper, ua string, maxBody int64, parallelism int, timeout time.Duration) *transport {
	if base == nil {
		base = &http.Transport{
			Proxy: http.ProxyFromEnvironment,
			DialContext: (&net.Dialer{
				Timeout:   min(timeout, 15*time.Second),
				KeepAlive: 30 * time.Second,
			}).DialContext,
			ForceAttemptHTTP2: true,
			// Hosts are crawled side by side, each a request every
			// delay: keep a connection to each of a few hundred open
			// rather than redial (and redo TLS) for every request.
			MaxIdleConns:          512,
			MaxIdleConnsPerHost:   max(parallelism, 2),
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   min(timeout, 15*time.Second),
			ResponseHeaderTimeout: timeout,
			ExpectContinueTimeout: time.Second,
		}
	}
	return &transport{base: base, ua: ua, maxBody: maxBody}
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("User-Agent") != t.ua {
		// A RoundTripper must not modify its request.
		req = req.Clone(req.Context())
		req.Header.Set("User-Agent", t.ua)
	}
	resp, err := t.ex.roundTrip(req, t.base.RoundTrip)
	if err != nil {
		return nil, err
	}
	if resp.ContentLength > t.maxBody {
		resp.Body.Close()
		return nil, fmt.Errorf("%w: Content-Length %d > %d", ErrBodyTooLarge, resp.ContentLength, t.maxBody)
	}
	resp.Body = &limitedBody{rc: resp.Body, left: t.maxBody, max: t.maxBody}
	if resp.Header.Get("Content-Encoding") == "" {
		// colly gunzips *.xml.gz and gzip-typed bodies itself, with no
		// limit on the inflated size (a gzip bomb). Marking the body as
		// already decoded stops it; discovery inflates sitemaps with a cap.
		resp.Uncompressed = true
	}
	return resp, nil
}

// limitedBody fails once more than max bytes have been read: reading stops
// one byte past the limit, so a 60 MB body costs max+1 bytes, not 60 MB.
type limitedBody struct {
	rc   io.ReadCloser
	left int64 // bytes still allowed
	max  int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, fmt.Errorf("%w (%d bytes)", ErrBodyTooLarge, b.max)
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n, fmt.Errorf("%w (%d bytes)", ErrBodyTooLarge, b.max)
	}
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }
