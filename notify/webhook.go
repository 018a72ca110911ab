package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Headers of a webhook call.
const (
	HeaderSignature = "X-Newsarchive-Signature" // "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body)
	HeaderTimestamp = "X-Newsarchive-Timestamp" // unix seconds when this attempt was signed
	HeaderEvent     = "X-Newsarchive-Event"     // new or changed
	HeaderIdemKey   = "Idempotency-Key"         // the same on every attempt for one (rule, key, version)
)

// Sign returns the signature header's value for body sent at timestamp.
func Sign(secret, timestamp string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(timestamp))
	m.Write([]byte("."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// ErrSignature is returned by Verify for a call that is not signed with
// the secret, or is older than the allowed age.
var ErrSignature = errors.New("bad webhook signature")

// Verify checks a received call: the signature over its timestamp and
// body, and that the timestamp is within maxAge of now (a replay of an old
// call fails). A receiver written in Go can use it as it is.
func Verify(secret string, h http.Header, body []byte, maxAge time.Duration, now time.Time) error {
	ts := h.Get(HeaderTimestamp)
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: no timestamp", ErrSignature)
	}
	if d := now.Sub(time.Unix(sec, 0)); d > maxAge || d < -maxAge {
		return fmt.Errorf("%w: timestamp %s is %s away from now", ErrSignature, ts, d.Round(time.Second))
	}
	if !hmac.Equal([]byte(h.Get(HeaderSignature)), []byte(Sign(secret, ts, body))) {
		return fmt.Errorf("%w: signature does not match", ErrSignature)
	}
	return nil
}

// attemptError is a failed delivery: whether to retry, and when the
// receiver asked to be called again.
type attemptError struct {
	err        error
	permanent  bool
	retryAfter time.Duration
}

func (e *attemptError) Error() string { return e.err.Error() }
func (e *attemptError) Unwrap() error { return e.err }

// postWebhook makes one signed call of payload to w.
func postWebhook(ctx context.Context, client *http.Client, w *Webhook, event, idem string, payload []byte, now time.Time) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(payload))
	if err != nil {
		return &attemptError{err: err, permanent: true}
	}
	for k, v := range w.Headers {
		req.Header.Set(k, v)
	}
	ts := strconv.FormatInt(now.Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "newsarchive-notify/1")
	req.Header.Set(HeaderTimestamp, ts)
	req.Header.Set(HeaderSignature, Sign(w.Secret, ts, payload))
	req.Header.Set(HeaderEvent, event)
	req.Header.Set(HeaderIdemKey, idem)
	resp, err := client.Do(req)
	if err != nil {
		// url.Error quotes the URL, and a webhook URL often holds a token:
		// keep it out of logs and of the outbox's last error.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = fmt.Errorf("%s webhook: %w", ue.Op, ue.Err)
		}
		return &attemptError{err: err}
	}
	defer resp.Body.Close()
	snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20)) // lets the connection be reused
	code := resp.StatusCode
	if code >= 200 && code < 300 {
		return nil
	}
	e := &attemptError{err: fmt.Errorf("HTTP %d %s", code, strings.TrimSpace(string(snippet)))}
	switch {
	case code == http.StatusRequestTimeout, code == http.StatusTooManyRequests, code >= 500:
		e.retryAfter = retryAfter(resp.Header.Get("Retry-After"), now)
	default:
		// Any other answer (a 4xx, a redirect) is the same on every try.
		e.permanent = true
	}
	return e
}

// maxRetryAfter caps a Retry-After in seconds (a year).
const maxRetryAfter = 366 * 24 * 3600

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil && s >= 0 {
		// Capped so that a huge value cannot overflow; anything past
		// retry_for means giving up anyway.
		return time.Duration(min(s, maxRetryAfter)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// newHTTPClient returns the client webhook calls use: a timeout per call
// and no redirects (a POST redirected with 301/302 turns into a GET).
func newHTTPClient(timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}
