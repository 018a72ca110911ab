package scraper

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/gocolly/colly/v2"
)

// TestPermanentErrorsAreNotRetried: an error no retry can fix fails the
// request at once, with no backoff.
func TestPermanentErrorsAreNotRetried(t *testing.T) {
	s := newSite(t)
	s.route("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://127.0.0.1/file.txt", http.StatusFound)
	})
	s.route("/to-file", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "file:///etc/passwd")
		w.WriteHeader(http.StatusMovedPermanently)
	})
	s.html("/ok", articlePage("Fine", ""))
	cases := []struct {
		name, path, ua string
		url            string // instead of path on the site
		hits           int
	}{
		{"redirect to an unsupported scheme (ftp)", "/to-ftp", testUA, "", 1},
		{"redirect to an unsupported scheme (file)", "/to-file", testUA, "", 1},
		{"invalid header: a user agent with CR/LF", "/ok", "bad\r\nagent", "", 0},
		{"invalid URL: port out of range", "/ok", testUA, "http://127.0.0.1:99999/ok", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := testOptions(s, newRecorder())
			o.Retries = 3
			o.Backoff = time.Second // a retry would be slow and visible
			o.IgnoreRobots = true
			o.UserAgent = c.ua
			cr := New(o)
			before := s.hit(c.path)
			start := time.Now()
			u := s.u(c.path)
			if c.url != "" {
				u = c.url
			}
			_, _, err := cr.FetchOne(context.Background(), u)
			if err == nil {
				t.Fatal("want an error")
			}
			if got := s.hit(c.path) - before; got != c.hits {
				t.Errorf("%s requested %d times; want %d", c.path, got, c.hits)
			}
			if st := cr.Stats(); st.Retries != 0 {
				t.Errorf("%d retries of %v; want none", st.Retries, err)
			}
			if took := time.Since(start); took > 500*time.Millisecond {
				t.Errorf("took %s: backed off before failing", took)
			}
		})
	}
}

func TestPermanent(t *testing.T) {
	get := func(u string) error { _, err := (&http.Client{}).Get(u); return err }
	badHeader := func() error {
		req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1:1/", nil)
		req.Header.Set("User-Agent", "a\nb")
		_, err := http.DefaultTransport.RoundTrip(req)
		return &url.Error{Op: "Get", URL: "http://127.0.0.1:1/", Err: err}
	}
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"unsupported scheme", get("ftp://127.0.0.1/x"), true},
		{"invalid header value", badHeader(), true},
		{"invalid URL", get("http://[::1"), true},
		{"invalid URL (colly's WHATWG parser)", colly.NewCollector().Request("GET", "http://127.0.0.1:99999/", nil, nil, nil), true},
		{"body too large", fmt.Errorf("read: %w", ErrBodyTooLarge), true},
		{"redirect loop", ErrRedirectLoop, true},
		{"colly: forbidden domain", colly.ErrForbiddenDomain, true},
		{"cancelled", context.Canceled, true},
		{"connection refused", &url.Error{Op: "Get", URL: "http://127.0.0.1:1/", Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", errors.New("connection refused"))}}, false},
		{"unexpected EOF", &url.Error{Op: "Get", URL: "http://127.0.0.1:1/", Err: io.ErrUnexpectedEOF}, false},
		{"timeout", context.DeadlineExceeded, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := permanent(c.err); got != c.want {
				t.Errorf("permanent(%v) = %v; want %v", c.err, got, c.want)
			}
		})
	}
}
