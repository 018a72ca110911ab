package notify

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/store"
)

const testKey = "https://www.example.com/news/1.html"

var t0 = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

// put archives a as the next version of key the way the crawler's sink
// does: the latest version read first, the rules' entries in the same Put.
func put(t *testing.T, st *store.Store, rules []Rule, key string, a *article.Article, at time.Time) store.PutResult {
	t.Helper()
	c := &Change{Job: "news", Key: key, URL: key, Cur: a, FetchedAt: at, To: 1}
	if prev, err := st.Latest(key); err == nil {
		c.Prev, c.From, c.To = &prev, prev.Version, prev.Version+1
	} else if !errors.Is(err, store.ErrNotFound) {
		t.Fatal(err)
	}
	r, err := st.Put(context.Background(), store.Snapshot{Key: key, URL: key, Article: a, Status: 200, FetchedAt: at,
		Outbox: Prepare(rules, c, "https://archive.example")})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func openStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "archive.db")
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, path
}

func v1() *article.Article {
	return &article.Article{Title: "Ferry crews walk out", Authors: []string{"M. Okafor"}, Text: "Crews walked out on Friday.\n\nTalks collapsed."}
}

func v2() *article.Article {
	a := v1()
	a.Text = "Crews walked out on Friday.\n\nTalks collapsed. A mediator will meet both sides on Monday."
	return a
}

// call is one request a receiver got.
type call struct {
	header http.Header
	body   []byte
}

// receiver is an httptest webhook endpoint answering with the statuses
// given, one per call (the last repeats), and recording each call.
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	calls    []call
	statuses []int
	headers  []map[string]string // extra response headers, per call
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	rc := &receiver{statuses: statuses}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		n := len(rc.calls)
		rc.calls = append(rc.calls, call{r.Header.Clone(), body})
		code := http.StatusOK
		if len(rc.statuses) > 0 {
			code = rc.statuses[min(n, len(rc.statuses)-1)]
		}
		if n < len(rc.headers) {
			for k, v := range rc.headers[n] {
				w.Header().Set(k, v)
			}
		}
		rc.mu.Unlock()
		w.WriteHeader(code)
	}))
	t.Cleanup(rc.Close)
	return rc
}

func (rc *receiver) got() []call {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]call(nil), rc.calls...)
}

func hookRule(name, url string) Rule {
	return Rule{Name: name, Webhook: &Webhook{URL: url, Secret: "s3cret-" + name, Headers: map[string]string{"X-Desk": "metro"}}}
}

// clock is a settable time source for a Sender.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func decodePayload(t *testing.T, b []byte) Payload {
	t.Helper()
	var p Payload
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("payload %s: %v", b, err)
	}
	return p
}
