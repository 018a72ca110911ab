package scraper

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"newsarchive/frontier"
)

// TestZeroOptionsAreSafe: a zero Options is the polite crawler, not the
// bare one: robots.txt obeyed, a per-host delay, retries on.
func TestZeroOptionsAreSafe(t *testing.T) {
	o := Options{}.withDefaults()
	cases := []struct {
		name      string
		got, want any
	}{
		{"robots obeyed", o.IgnoreRobots, false},
		{"parallelism", o.Parallelism, DefaultParallelism},
		{"per-host delay", o.PerHostDelay, DefaultPerHostDelay},
		{"retries", o.Retries, DefaultRetries},
		{"timeout", o.Timeout, DefaultTimeout},
		{"user agent", o.UserAgent, DefaultUserAgent},
		{"NoDelay turns the delay off", Options{PerHostDelay: NoDelay}.withDefaults().PerHostDelay, time.Duration(0)},
		{"NoRetries turns retries off", Options{Retries: NoRetries}.withDefaults().Retries, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got != c.want {
				t.Errorf("got %v, want %v", c.got, c.want)
			}
		})
	}
}

// TestZeroOptionsObeyRobots crawls with nothing set but the collaborators
// and the seed: a disallowed page is not fetched.
func TestZeroOptionsObeyRobots(t *testing.T) {
	s := newSite(t)
	s.robots("User-agent: *\nDisallow: /private/\n")
	s.html("/", listPage("/private/a"))
	s.html("/private/a", articlePage("Private", ""))
	o := Options{Seeds: []string{s.u("/")}, Hosts: []string{"127.0.0.1"}, MaxDepth: 1,
		State: frontier.NewMemState(), Sink: newRecorder(), PerHostDelay: NoDelay}
	if _, err := New(o).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s.hit("/private/a") != 0 {
		t.Error("a zero Options fetched a page robots.txt disallows")
	}
}

func TestRunNeedsStateAndSink(t *testing.T) {
	_, err := New(Options{Seeds: []string{"http://127.0.0.1/"}}).Run(context.Background())
	if !errors.Is(err, ErrOptions) {
		t.Errorf("err = %v; want ErrOptions", err)
	}
}

// syncBuffer is a bytes.Buffer safe for the progress goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestProgress(t *testing.T) {
	cases := []struct {
		name     string
		tty      bool
		wantTerm string // in the progress writer
		wantLog  string // in the log
	}{
		{"terminal gets a redrawn line", true, "\r\x1b[K", ""},
		{"a log gets slog lines", false, "", "crawl progress"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newSite(t)
			var links []string
			for _, p := range []string{"/a", "/b", "/c"} {
				links = append(links, p)
				s.route(p, func(w http.ResponseWriter, r *http.Request) {
					time.Sleep(30 * time.Millisecond)
					w.Write([]byte(articlePage("Story "+r.URL.Path, "")))
				})
			}
			s.html("/", listPage(links...))
			var term, logs syncBuffer
			o := testOptions(s, newRecorder(), "/")
			o.Parallelism = 1
			o.Progress = &term
			o.ProgressTTY = c.tty
			o.ProgressEvery = 20 * time.Millisecond
			o.Log = slog.New(slog.NewTextHandler(&logs, nil))
			o.State = frontier.NewMemState()
			if _, err := New(o).Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			if c.wantTerm != "" && (!strings.Contains(term.String(), c.wantTerm) || !strings.Contains(term.String(), "4 pages")) {
				t.Errorf("terminal output %q", term.String())
			}
			if c.wantTerm == "" && term.String() != "" {
				t.Errorf("progress line written to a non-terminal: %q", term.String())
			}
			if c.wantLog != "" && !strings.Contains(logs.String(), c.wantLog) {
				t.Errorf("log %q lacks %q", logs.String(), c.wantLog)
			}
		})
	}
}
