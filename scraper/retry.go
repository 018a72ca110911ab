package scraper

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"

	"newsarchive/frontier"
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

// permanent reports errors a retry cannot fix.
func permanent(err error) bool {
	for _, e := range []error{ErrBodyTooLarge, ErrRedirectLoop, ErrTooManyRedirects, ErrOffSite, context.Canceled} {
		if errors.Is(err, e) {
			return true
		}
	}
	var ue *url.Error
	if errors.As(err, &ue) && ue.Op == "parse" {
		return true
	}
	return false
}

// backoff is Backoff·2^attempt with "equal jitter": half fixed, half random,
// so that retries from many workers spread out but never come too soon.
func (cr *Crawler) backoff(attempt int) time.Duration {
	d := cr.o.Backoff << min(attempt, 10)
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}
