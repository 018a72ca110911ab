package scraper

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"
	whatwg "github.com/nlnwa/whatwg-url/errors"

	"newsarchive/frontier"
	"newsarchive/urlnorm"
)

// fetchRetry fetches u politely (per-host gate before every attempt) and
// retries transient failures: timeouts, connection errors, 5xx, 408 and
// 429, up to Retries extra attempts, waiting an exponential backoff with
// jitter or the server's Retry-After. The final answer is a response with a
// 2xx or 304 status, a skipped response, or an error (*StatusError for an
// HTTP error status).
func (cr *Crawler) fetchRetry(ctx context.Context, f *fetcher, u *url.URL, kind frontier.Kind, v frontier.Validators, delay time.Duration) (*response, error) {
	host := u.Host
	for attempt := 0; ; attempt++ {
		if err := cr.gates.wait(ctx, host, delay); err != nil {
			return nil, err
		}
		resp, err := f.get(u.String(), kind, v)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		wait, again := cr.retryable(resp, err, attempt, host)
		if !again {
			if err != nil {
				return nil, err
			}
			if resp.SkippedType == "" && resp.Status >= 300 && resp.Status != http.StatusNotModified {
				return resp, &StatusError{Code: resp.Status, URL: u.String()}
			}
			return resp, nil
		}
		why := any(err)
		if err == nil {
			why = resp.Status
		}
		cr.o.Log.Debug("retrying", "url", u.String(), "attempt", attempt+1, "wait", wait, "cause", why)
		cr.stats.retries.Add(1)
		if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// retryable says whether attempt (0-based) should be retried and after how
// long. A Retry-After on 429/503 also holds the whole host off.
func (cr *Crawler) retryable(resp *response, err error, attempt int, host string) (time.Duration, bool) {
	if attempt >= cr.o.Retries {
		return 0, false
	}
	if err != nil {
		if permanent(err) {
			return 0, false
		}
		return cr.backoff(attempt), true
	}
	switch s := resp.Status; {
	case s == http.StatusRequestTimeout, s == http.StatusTooManyRequests,
		s >= 500 && s != http.StatusNotImplemented && s != http.StatusHTTPVersionNotSupported:
		wait := cr.backoff(attempt)
		if s == http.StatusTooManyRequests || s == http.StatusServiceUnavailable {
			if ra := retryAfter(resp.Header, time.Now()); ra > 0 {
				if ra > cr.o.MaxRetryAfter {
					return 0, false // the server asks for more patience than we have
				}
				cr.gates.holdOff(host, ra)
				wait = ra
			}
		}
		return wait, true
	}
	return 0, false
}

// permanent reports errors a retry cannot fix: the crawler's own limits,
// a cancelled run, colly's refusals, an invalid URL, and what net/http
// refuses before sending anything (an unsupported scheme, an invalid header
// or method, no host), which it reports as plain strings.
func permanent(err error) bool {
	for _, e := range permanentErrors {
		if errors.Is(err, e) {
			return true
		}
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Op == "parse" {
		return true
	}
	var (
		badURL    *whatwg.ValidationError // colly parses URLs the WHATWG way, stricter than net/url
		unknownCA *x509.UnknownAuthorityError
		badHost   x509.HostnameError
		badCert   x509.CertificateInvalidError
		notTLS    tls.RecordHeaderError
	)
	if errors.As(err, &badURL) || errors.As(err, &unknownCA) || errors.As(err, &badHost) || errors.As(err, &badCert) || errors.As(err, &notTLS) {
		return true
	}
	msg := err.Error()
	if ue != nil {
		msg = ue.Err.Error() // not the URL, which could contain anything
	}
	for _, p := range refusedBeforeSending {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

var permanentErrors = []error{
	ErrBodyTooLarge, ErrRedirectLoop, ErrTooManyRedirects, ErrOffSite, errRedirectScheme,
	urlnorm.ErrTooLong, context.Canceled,
	colly.ErrForbiddenDomain, colly.ErrForbiddenURL, colly.ErrMissingURL, colly.ErrNoURLFiltersMatch,
	colly.ErrMaxDepth, colly.ErrRobotsTxtBlocked, colly.ErrAbortedBeforeRequest, colly.ErrAbortedAfterHeaders,
}

// refusedBeforeSending are the starts of net/http's messages for requests
// it will not send.
var refusedBeforeSending = []string{
	"unsupported protocol scheme",
	"net/http: invalid header",
	"net/http: invalid trailer",
	"net/http: invalid method",
	"http: no Host in request URL",
	"http: nil Request",
}

// backoff is base·2^attempt with "equal jitter": half fixed, half random,
// so that retries from many workers spread out but never come too soon.
func backoff(base time.Duration, attempt int) time.Duration {
	d := base << min(attempt, 10)
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

func (cr *Crawler) backoff(attempt int) time.Duration { return backoff(cr.o.Backoff, attempt) }
