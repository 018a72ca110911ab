package scraper

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"newsarchive/frontier"
)

// fakeNet is an in-memory network of hosts for tests in a synctest bubble,
// where time is fake and a real socket would not block durably. Each host
// logs when each request reached it.
type fakeNet struct {
	mu    sync.Mutex
	hosts map[string]*fakeHost
}

type fakeHost struct {
	name   string
	routes map[string]http.HandlerFunc
	log    []hit
}

type hit struct {
	at   time.Time
	path string
}

func newFakeNet() *fakeNet { return &fakeNet{hosts: map[string]*fakeHost{}} }

// host adds a host with robots.txt body robots and a front page linking
// links (paths on the host or absolute URLs).
func (n *fakeNet) host(name, robots string, links ...string) *fakeHost {
	h := &fakeHost{name: name, routes: map[string]http.HandlerFunc{}}
	h.routes["/robots.txt"] = func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, robots) }
	h.routes["/"] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, listPage(links...))
	}
	n.mu.Lock()
	n.hosts[name] = h
	n.mu.Unlock()
	return h
}

// article serves an article at path.
func (h *fakeHost) article(path string) {
	h.routes[path] = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, articlePage("Story "+h.name+path, ""))
	}
}

func (n *fakeNet) RoundTrip(req *http.Request) (*http.Response, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	h, ok := n.hosts[req.URL.Host]
	if !ok {
		return nil, fmt.Errorf("no such host %s", req.URL.Host)
	}
	h.log = append(h.log, hit{at: time.Now(), path: req.URL.Path})
	rec := httptest.NewRecorder()
	if f, ok := h.routes[req.URL.Path]; ok {
		f(rec, req)
	} else {
		http.NotFound(rec, req)
	}
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

// gaps checks that no two requests to h came closer than min, and returns
// its log.
func (n *fakeNet) gaps(t *testing.T, name string, min time.Duration) []hit {
	t.Helper()
	n.mu.Lock()
	defer n.mu.Unlock()
	log := n.hosts[name].log
	for i := 1; i < len(log); i++ {
		if g := log[i].at.Sub(log[i-1].at); g < min {
			t.Errorf("%s: %s and %s only %s apart; want ≥ %s", name, log[i-1].path, log[i].path, g, min)
		}
	}
	return log
}

// TestPolitenessInFakeTime crawls three hosts side by side in a synctest
// bubble, where a request takes no time and gaps are exact: every request
// to a host — robots.txt, redirect hops, retries — comes at least the
// host's delay after the one before; Crawl-delay and Retry-After hold back
// only their own host; and the crawl takes as long as its slowest host, not
// the sum of all.
func TestPolitenessInFakeTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := newFakeNet()
		a := n.host("a.test", "", "/1", "/2", "/3", "/busy")
		for _, p := range []string{"/1", "/2", "/3"} {
			a.article(p)
		}
		busy := 0
		a.routes["/busy"] = func(w http.ResponseWriter, r *http.Request) {
			if busy++; busy == 1 {
				w.Header().Set("Retry-After", "5")
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, articlePage("Busy a while", ""))
		}
		b := n.host("b.test", "", "/1", "/moved", "/away")
		b.article("/1")
		b.article("/here")
		b.routes["/moved"] = func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/here", http.StatusMovedPermanently)
		}
		b.routes["/away"] = func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://c.test/landed", http.StatusFound)
		}
		c := n.host("c.test", "User-agent: *\nCrawl-delay: 3\n", "/1")
		c.article("/1")
		c.article("/landed")

		o := Options{
			UserAgent: testUA, Parallelism: 4, PerHostDelay: time.Second, Timeout: 10 * time.Second,
			MaxBodyBytes: 1 << 20, Retries: 2, Backoff: 10 * time.Millisecond, MaxDepth: 2,
			Seeds: []string{"http://a.test/", "http://b.test/", "http://c.test/"},
			Hosts: []string{"a.test", "b.test", "c.test"},
			State: frontier.NewMemState(), Sink: newRecorder(), Log: testLog(), Transport: n,
		}
		start := time.Now()
		st, err := New(o).Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		took := time.Since(start)
		if st.Errors != 0 || st.New != 8 {
			t.Errorf("stats %+v; want 8 new articles and no errors", st)
		}
		logA := n.gaps(t, "a.test", time.Second)
		n.gaps(t, "b.test", time.Second)
		logC := n.gaps(t, "c.test", 3*time.Second)
		// a: robots, /, /1, /2, /3, /busy (503) and, 5 s later, /busy again.
		if len(logA) != 7 || logA[6].at.Sub(logA[5].at) != 5*time.Second {
			t.Errorf("a.test log %v; want the 503 retried after its Retry-After of 5s", paths(logA))
		}
		// c: robots, / and /1, and /landed from b's redirect: 3 s apart each.
		if len(logC) != 4 || !strings.Contains(strings.Join(paths(logC), " "), "/landed") {
			t.Errorf("c.test log %v; want robots.txt, /, /1 and the redirect's /landed", paths(logC))
		}
		// The slowest host is a: five gaps of 1 s and the 5 s Retry-After;
		// sequential hosts would add b's and c's (4 s and 9 s) to it.
		if took != 10*time.Second {
			t.Errorf("crawl took %s of fake time; want 10s, the slowest host's floor", took)
		}
		figures := map[string]HostStats{}
		for _, h := range st.Hosts {
			figures[h.Host] = h
		}
		if f := figures["a.test"]; f.Requests != 7 || f.Pages != 5 || f.Wait != 10*time.Second {
			t.Errorf("a.test figures %+v; want 7 requests, 5 pages, 10s waited on politeness", f)
		}
		if f := figures["c.test"]; f.Requests != 4 || f.Wait != 9*time.Second {
			t.Errorf("c.test figures %+v; want 4 requests and 9s waited", f)
		}
	})
}

func paths(log []hit) []string {
	var out []string
	for _, h := range log {
		out = append(out, h.path)
	}
	return out
}

// TestLongRetryAfterRestsTheHost: a Retry-After longer than the crawler
// waits ends that request, but the host still gets its rest (up to
// MaxRetryAfter) before its next request.
func TestLongRetryAfterRestsTheHost(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		n := newFakeNet()
		h := n.host("d.test", "", "/busy", "/1")
		h.article("/1")
		h.routes["/busy"] = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
		}
		o := Options{
			UserAgent: testUA, PerHostDelay: time.Second, MaxRetryAfter: 10 * time.Second, MaxDepth: 1,
			Seeds: []string{"http://d.test/"}, Hosts: []string{"d.test"},
			State: frontier.NewMemState(), Sink: newRecorder(), Log: testLog(), Transport: n,
		}
		st, err := New(o).Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		log := n.gaps(t, "d.test", time.Second)
		if st.Errors != 1 || st.New != 1 || len(log) != 4 || log[3].at.Sub(log[2].at) != 10*time.Second {
			t.Errorf("stats %+v, log %v; want /busy given up and /1 fetched 10s after it", st, paths(log))
		}
	})
}
