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

	"newsarchive/config"
	"newsarchive/frontier"
)

func TestFromConfig(t *testing.T) {
	cr := config.Default().Crawler
	cases := []struct {
		name    string
		job     config.Job
		wantErr bool
		check   func(t *testing.T, o Options)
	}{
		{name: "job hosts default to the seeds' hosts", job: config.Job{Name: "j", Seeds: []string{"https://News.example.com/a"}, MaxDepth: 2},
			check: func(t *testing.T, o Options) {
				if len(o.Hosts) != 1 || o.Hosts[0] != "news.example.com" || o.MaxDepth != 2 || o.UserAgent != cr.UserAgent {
					t.Errorf("options %+v", o)
				}
			}},
		{name: "patterns compiled", job: config.Job{Name: "j", Seeds: []string{"https://x.example/"}, Follow: []string{`/list/`}, Articles: []string{`/a/\d+`}},
			check: func(t *testing.T, o Options) {
				if len(o.Follow) != 1 || !o.Articles[0].MatchString("https://x.example/a/12") {
					t.Errorf("patterns %v %v", o.Follow, o.Articles)
				}
			}},
		{name: "bad regex", job: config.Job{Name: "j", Articles: []string{`(`}}, wantErr: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, err := FromConfig(cr, c.job, nil)
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v", err)
			}
			if err != nil {
				if !errors.Is(err, ErrOptions) {
					t.Errorf("err %v is not ErrOptions", err)
				}
				return
			}
			c.check(t, o)
		})
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
