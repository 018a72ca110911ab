package scraper

import (
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync"
	"sync/atomic"

	"newsarchive/capture"
)

// exchangeHeader carries, from the fetcher's request to the transport, the
// id under which the transport records the HTTP exchange; colly gives no
// other way to tie a response to what went over the wire. The transport
// removes it before the request is sent.
const exchangeHeader = "X-Newsarchive-Exchange"

// exchanges are the HTTP exchanges being recorded, by id.
type exchanges struct {
	next atomic.Uint64
	m    sync.Map // id → *exchange
}

// exchange is one request as it went over the wire: every hop of its
// redirects, the final one last.
type exchange struct {
	mu   sync.Mutex
	hops []wireHop
}

type wireHop struct {
	url, statusLine string
	header, sent    http.Header
	remote          string
}

// begin registers a new exchange and returns its id and a function that
// unregisters it and returns what was recorded (nil if nothing reached the
// server).
func (x *exchanges) begin() (string, func() *capture.Fetch) {
	id := strconv.FormatUint(x.next.Add(1), 10)
	e := &exchange{}
	x.m.Store(id, e)
	return id, func() *capture.Fetch {
		x.m.Delete(id)
		return e.fetch()
	}
}

// roundTrip sends req through next, recording the hop when req carries an
// exchange id (removed first, on a clone: a RoundTripper must not modify
// its request).
func (x *exchanges) roundTrip(req *http.Request, next func(*http.Request) (*http.Response, error)) (*http.Response, error) {
	id := req.Header.Get(exchangeHeader)
	if id == "" {
		return next(req)
	}
	v, _ := x.m.Load(id)
	e, _ := v.(*exchange)
	req = req.Clone(req.Context())
	req.Header.Del(exchangeHeader)
	if e == nil {
		return next(req)
	}
	var remote string
	var rmu sync.Mutex
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		GotConn: func(ci httptrace.GotConnInfo) {
			if ci.Conn != nil {
				rmu.Lock()
				remote = ci.Conn.RemoteAddr().String()
				rmu.Unlock()
			}
		},
	}))
	sent := req.Header.Clone()
	resp, err := next(req)
	if err != nil {
		return resp, err
	}
	h := resp.Header.Clone()
	if len(resp.TransferEncoding) > 0 && h.Get("Transfer-Encoding") == "" {
		// net/http moves this header out of Header.
		h["Transfer-Encoding"] = append([]string(nil), resp.TransferEncoding...)
	}
	if resp.Uncompressed && h.Get("Content-Encoding") == "" {
		// The HTTP client asked for gzip itself and decoded the body,
		// removing these two headers; the body was sent gzipped.
		h.Set("Content-Encoding", "gzip")
	}
	rmu.Lock()
	r := remote
	rmu.Unlock()
	e.mu.Lock()
	e.hops = append(e.hops, wireHop{url: req.URL.String(), statusLine: resp.Proto + " " + resp.Status, header: h, sent: sent, remote: r})
	e.mu.Unlock()
	return resp, nil
}

func (e *exchange) fetch() *capture.Fetch {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.hops) == 0 {
		return nil
	}
	last := e.hops[len(e.hops)-1]
	f := &capture.Fetch{StatusLine: last.statusLine, Header: last.header, FinalURL: last.url, RequestHeader: last.sent, RemoteAddr: last.remote}
	for _, h := range e.hops[:len(e.hops)-1] {
		f.Redirects = append(f.Redirects, capture.Redirect{URL: h.url, StatusLine: h.statusLine, Location: h.header.Get("Location")})
	}
	return f
}
