package scraper

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// robotsCase serves one robots.txt behaviour and says what the crawl must
// do with the host.
type robotsCase struct {
	name string
	// serve answers /robots.txt; n is the attempt number (1, 2, …).
	serve       func(s *site, w http.ResponseWriter, r *http.Request, n int)
	hops        int  // instead of serve: redirect this many times to rules
	robotsHits  int  // requests for /robots.txt
	atLeast     bool // net/http may itself retry a reset connection once
	skipped     bool // the host is skipped for the run
	wantFetched []string
}

func robotsCases() []robotsCase {
	rules := func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "User-agent: *\nDisallow: /b\n")
	}
	return []robotsCase{
		{name: "connection reset: retried, then host skipped", robotsHits: 3, atLeast: true, skipped: true,
			serve: func(s *site, w http.ResponseWriter, r *http.Request, n int) {
				conn, _, err := w.(http.Hijacker).Hijack()
				if err != nil {
					return
				}
				if tc, ok := conn.(*net.TCPConn); ok {
					tc.SetLinger(0) // a real RST
				}
				conn.Close()
			}},
		{name: "dripping past the timeout: retried, then host skipped", robotsHits: 3, skipped: true,
			serve: func(s *site, w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Content-Type", "text/plain")
				io.WriteString(w, "User-agent: *\n")
				for range 50 {
					w.(http.Flusher).Flush()
					select {
					case <-time.After(50 * time.Millisecond):
						io.WriteString(w, "#")
					case <-r.Context().Done():
						return
					}
				}
			}},
		{name: "5xx: retried, then host skipped", robotsHits: 3, skipped: true,
			serve: func(s *site, w http.ResponseWriter, r *http.Request, n int) {
				w.WriteHeader(http.StatusServiceUnavailable)
			}},
		{name: "redirect to file: is unreachable, not retried", robotsHits: 1, skipped: true,
			serve: func(s *site, w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Location", "file:///etc/passwd")
				w.WriteHeader(http.StatusFound)
			}},
		{name: "5xx then 200: the retry reads the rules", robotsHits: 2, wantFetched: []string{"/"},
			serve: func(s *site, w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					w.WriteHeader(http.StatusInternalServerError)
					return
				}
				rules(w)
			}},
		{name: "404 allows all", robotsHits: 1, wantFetched: []string{"/", "/b"},
			serve: func(s *site, w http.ResponseWriter, r *http.Request, n int) { http.NotFound(w, r) }},
		{name: "401 allows all", robotsHits: 1, wantFetched: []string{"/", "/b"},
			serve: func(s *site, w http.ResponseWriter, r *http.Request, n int) { w.WriteHeader(http.StatusUnauthorized) }},
		{name: "five redirects are followed", hops: 5, robotsHits: 1, wantFetched: []string{"/"}},
		{name: "more than five redirects: no robots.txt, allow all", hops: 6, robotsHits: 1, wantFetched: []string{"/", "/b"}},
	}
}

func TestRobotsUnreachableSkipsHost(t *testing.T) {
	for _, c := range robotsCases() {
		t.Run(c.name, func(t *testing.T) {
			s := newSite(t)
			serve := c.serve
			if c.hops > 0 {
				serve = hopRobots(s, c.hops)
			}
			var n atomic.Int32
			s.route("/robots.txt", func(w http.ResponseWriter, r *http.Request) { serve(s, w, r, int(n.Add(1))) })
			s.html("/", articlePage("Home story", ""))
			s.html("/b", articlePage("Story b", ""))
			var logs syncBuffer
			o := testOptions(s, newRecorder(), "/", "/b")
			o.Timeout = 400 * time.Millisecond
			o.Log = slog.New(slog.NewTextHandler(&logs, nil))
			stats, err := New(o).Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got := s.hit("/robots.txt"); got != c.robotsHits && !(c.atLeast && got > c.robotsHits) {
				t.Errorf("robots.txt requested %d times; want %d", got, c.robotsHits)
			}
			var fetched []string
			for _, p := range []string{"/", "/b"} {
				if s.hit(p) > 0 {
					fetched = append(fetched, p)
				}
			}
			if strings.Join(fetched, " ") != strings.Join(c.wantFetched, " ") {
				t.Errorf("fetched %v; want %v", fetched, c.wantFetched)
			}
			lines := strings.Count(logs.String(), "robots.txt unreachable")
			if c.skipped {
				if stats.RobotsHostsSkipped != 1 || stats.Errors != 2 || lines != 1 {
					t.Errorf("hosts skipped %d, errors %d, log lines %d; want 1, 2 (one per page) and 1:\n%s",
						stats.RobotsHostsSkipped, stats.Errors, lines, logs.String())
				}
				return
			}
			if stats.RobotsHostsSkipped != 0 || stats.Errors != 0 || lines != 0 {
				t.Errorf("hosts skipped %d, errors %d, unreachable lines %d; want none", stats.RobotsHostsSkipped, stats.Errors, lines)
			}
		})
	}
}

// hopRobots redirects /robots.txt n times (to /hop/1, …, /hop/n), and
// /hop/n holds rules that disallow /b.
func hopRobots(s *site, n int) func(*site, http.ResponseWriter, *http.Request, int) {
	for i := 1; i <= n; i++ {
		s.route(fmt.Sprintf("/hop/%d", i), func(w http.ResponseWriter, r *http.Request) {
			if i < n {
				http.Redirect(w, r, fmt.Sprintf("/hop/%d", i+1), http.StatusMovedPermanently)
				return
			}
			w.Header().Set("Content-Type", "text/plain")
			io.WriteString(w, "User-agent: *\nDisallow: /b\n")
		})
	}
	return func(s *site, w http.ResponseWriter, r *http.Request, _ int) {
		http.Redirect(w, r, "/hop/1", http.StatusFound)
	}
}

func TestFetchOneRefusesHostWithUnreachableRobots(t *testing.T) {
	s := newSite(t)
	s.route("/robots.txt", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadGateway) })
	s.html("/a", articlePage("Story a", ""))
	_, _, err := New(testOptions(s, newRecorder())).FetchOne(context.Background(), s.u("/a"))
	if !errors.Is(err, ErrRobotsUnreachable) {
		t.Errorf("err = %v; want ErrRobotsUnreachable", err)
	}
	if s.hit("/a") != 0 {
		t.Error("the page was fetched although robots.txt was unreachable")
	}
}
