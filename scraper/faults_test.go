package scraper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func TestPoliteness(t *testing.T) {
	cases := []struct {
		name      string
		robots    string
		status    int // of robots.txt; 0 = 200
		delay     time.Duration
		fetched   []string
		unfetched []string
		minGap    time.Duration // between request starts to the site
	}{
		{name: "robots disallow", robots: "User-agent: *\nDisallow: /private/\n",
			fetched: []string{"/news/1", "/news/2"}, unfetched: []string{"/private/a"}},
		{name: "most specific group wins", robots: "User-agent: *\nDisallow: /\n\nUser-agent: newsarchive-test\nDisallow: /private/\n",
			fetched: []string{"/news/1"}, unfetched: []string{"/private/a"}},
		{name: "crawl-delay spaces requests", robots: "User-agent: *\nCrawl-delay: 0.15\n",
			fetched: []string{"/news/1", "/news/2", "/private/a"}, minGap: 150 * time.Millisecond},
		{name: "robots.txt failing with 5xx disallows everything", status: 503,
			unfetched: []string{"/", "/news/1"}},
		{name: "robots.txt missing allows everything", status: 404,
			fetched: []string{"/news/1", "/private/a"}},
		{name: "per-host delay spaces requests", delay: 100 * time.Millisecond,
			fetched: []string{"/news/1", "/news/2"}, minGap: 100 * time.Millisecond},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newSite(t)
			s.robots(c.robots)
			if c.status != 0 {
				s.route("/robots.txt", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(c.status) })
			}
			s.html("/", listPage("/news/1", "/private/a", "/news/2"))
			for _, p := range []string{"/news/1", "/news/2", "/private/a"} {
				s.html(p, articlePage("Story "+p, ""))
			}
			o := testOptions(s, newRecorder(), "/")
			if c.delay != 0 {
				o.PerHostDelay = c.delay
			}
			if _, err := New(o).Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			for _, p := range c.fetched {
				if s.hit(p) != 1 {
					t.Errorf("%s fetched %d times; want 1", p, s.hit(p))
				}
			}
			for _, p := range c.unfetched {
				if s.hit(p) != 0 {
					t.Errorf("%s fetched despite robots.txt", p)
				}
			}
			if c.minGap > 0 {
				var starts []time.Time
				s.mu.Lock()
				for p, ts := range s.times {
					if p != "/robots.txt" {
						starts = append(starts, ts...)
					}
				}
				s.mu.Unlock()
				sort.Slice(starts, func(i, j int) bool { return starts[i].Before(starts[j]) })
				for i := 1; i < len(starts); i++ {
					// slack for scheduling between our gate and the server's
					// clock (a busy machine); without the delay, gaps are ~0
					if gap := starts[i].Sub(starts[i-1]); gap < c.minGap*2/3 {
						t.Errorf("requests %d and %d only %s apart; want ≥ %s", i-1, i, gap, c.minGap)
					}
				}
			}
			s.checkUA()
		})
	}
}

func TestFetchFaults(t *testing.T) {
	s := newSite(t)
	var flaky atomic.Int32
	s.route("/503-then-200", func(w http.ResponseWriter, r *http.Request) {
		if flaky.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, articlePage("Back again", ""))
	})
	var twice atomic.Int32
	s.route("/500-twice", func(w http.ResponseWriter, r *http.Request) {
		if twice.Add(1) <= 2 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		io.WriteString(w, articlePage("Third time lucky", ""))
	})
	s.route("/500-always", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadGateway) })
	s.route("/gone", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	var timeout408 atomic.Int32
	s.route("/408", func(w http.ResponseWriter, r *http.Request) {
		if timeout408.Add(1) == 1 {
			w.WriteHeader(http.StatusRequestTimeout)
			return
		}
		io.WriteString(w, articlePage("After 408", ""))
	})
	s.route("/429-long", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	s.route("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	})
	s.route("/reset", func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	})
	s.route("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	s.route("/loop/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/a", http.StatusFound) })
	s.route("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/chain/%d", &n)
		if n == 0 {
			io.WriteString(w, articlePage("End of the chain", ""))
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusMovedPermanently)
	})
	huge := func(withLength bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			if withLength {
				w.Header().Set("Content-Length", fmt.Sprint(60<<20))
			}
			chunk := bytes.Repeat([]byte("<p>filler filler filler</p>\n"), 2048)
			for sent := 0; sent < 60<<20; sent += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return // the client gave up, as it should
				}
			}
		}
	}
	s.route("/huge", huge(false))
	s.route("/huge-length", huge(true))
	s.route("/paper.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte{0}, 4096)...))
	})
	s.route("/photo", func(w http.ResponseWriter, r *http.Request) {
		// no Content-Type: net/http sniffs image/png
		w.Write(append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{1}, 512)...))
	})
	s.route("/broken", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<html><head><title>Broken page</title><body><h1>Broken page<p>Text with <b>unclosed tags <a href="/next?utm_source=x">next</a><div><table><tr><td>cell`)
	})

	cases := []struct {
		name      string
		path      string
		hits      int
		atLeast   bool
		timeout   time.Duration // per request; default 3s
		wantErr   error
		wantCode  int
		wantTitle string
		minTime   time.Duration
		final     string
	}{
		{name: "503 then 200 honours Retry-After", path: "/503-then-200", hits: 2, wantTitle: "Back again", minTime: time.Second},
		{name: "5xx retried with backoff", path: "/500-twice", hits: 3, wantTitle: "Third time lucky"},
		{name: "5xx gives up after retries", path: "/500-always", hits: 3, wantCode: 502},
		{name: "4xx not retried", path: "/gone", hits: 1, wantCode: 410},
		{name: "408 retried", path: "/408", hits: 2, wantTitle: "After 408"},
		{name: "429 asking too long gives up", path: "/429-long", hits: 1, wantCode: 429},
		{name: "slow page times out, retried", path: "/slow", hits: 3, timeout: 150 * time.Millisecond, wantErr: context.DeadlineExceeded},
		// net/http itself retries a GET once on a reused connection that
		// closes, so count at least our three attempts.
		{name: "connection reset retried", path: "/reset", hits: 3, atLeast: true, wantErr: io.EOF},
		{name: "redirect loop", path: "/loop/a", hits: 2, wantErr: ErrRedirectLoop},
		{name: "redirect chain over ten", path: "/chain/12", hits: 1, wantErr: ErrTooManyRedirects},
		{name: "redirect chain of three", path: "/chain/3", hits: 1, wantTitle: "End of the chain", final: "/chain/0"},
		{name: "huge chunked body cut off", path: "/huge", hits: 1, wantErr: ErrBodyTooLarge},
		{name: "huge body refused by length", path: "/huge-length", hits: 1, wantErr: ErrBodyTooLarge},
		{name: "PDF skipped", path: "/paper.pdf", hits: 1, wantErr: ErrNotHTML},
		{name: "image skipped", path: "/photo", hits: 1, wantErr: ErrNotHTML},
		{name: "malformed HTML still extracted", path: "/broken", hits: 1, wantTitle: "Broken page"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := testOptions(s, newRecorder())
			o.Timeout = 3 * time.Second
			if c.timeout > 0 {
				o.Timeout = c.timeout
			}
			o.MaxRetryAfter = 5 * time.Second
			before := s.hit(c.path)
			start := time.Now()
			p, r, err := New(o).FetchOne(context.Background(), s.u(c.path))
			took := time.Since(start)
			if got := s.hit(c.path) - before; got != c.hits && !(c.atLeast && got > c.hits) {
				t.Errorf("%s requested %d times; want %d", c.path, got, c.hits)
			}
			var se *StatusError
			switch {
			case c.wantCode != 0:
				if !errors.As(err, &se) || se.Code != c.wantCode {
					t.Fatalf("err = %v; want HTTP %d", err, c.wantCode)
				}
				return
			case c.wantErr == context.DeadlineExceeded:
				if err == nil || !strings.Contains(err.Error(), "Timeout") && !errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("err = %v; want a timeout", err)
				}
				return
			case c.wantErr == io.EOF:
				if err == nil {
					t.Fatal("want a connection error")
				}
				return
			case c.wantErr != nil:
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("err = %v; want %v", err, c.wantErr)
				}
				return
			case err != nil:
				t.Fatal(err)
			}
			if r.Article.Title != c.wantTitle {
				t.Errorf("title = %q; want %q", r.Article.Title, c.wantTitle)
			}
			if took < c.minTime {
				t.Errorf("took %s; want ≥ %s", took, c.minTime)
			}
			if c.final != "" && p.FinalURL != s.u(c.final) {
				t.Errorf("final URL = %s; want %s", p.FinalURL, s.u(c.final))
			}
			if c.path == "/broken" && (len(r.Links) == 0 || r.Links[0] != s.u("/next")) {
				t.Errorf("links = %v; want the normalised %s", r.Links, s.u("/next"))
			}
		})
	}
	s.checkUA()
}

func TestCharsets(t *testing.T) {
	const title = "化工儀器網報道：新型光譜儀發佈"
	const text = "本報訊，新型光譜儀於九月五日在上海發佈，業內人士認為其檢測精度較上一代產品顯著提高。"
	page := func(meta string) string {
		return "<!DOCTYPE html><html><head>" + meta + "<title>" + title + "</title></head><body><article><h1>" + title +
			"</h1><p>" + strings.Repeat(text, 8) + "</p><p>" + strings.Repeat(text, 6) + "</p></article></body></html>"
	}
	cases := []struct {
		name     string
		enc      encoding.Encoding
		header   string // Content-Type
		meta     string
		wantCode string // decode's charset name
	}{
		{"GBK with meta", simplifiedchinese.GBK, "text/html", `<meta charset="gbk">`, "gb18030"},
		{"GBK with http-equiv", simplifiedchinese.GBK, "text/html", `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, "gb18030"},
		{"GBK in the header only", simplifiedchinese.GBK, "text/html; charset=GBK", "", "gb18030"},
		{"GBK with no label", simplifiedchinese.GBK, "text/html", "", "gb18030"},
		{"Big5 with meta", traditionalchinese.Big5, "text/html", `<meta charset="big5">`, "big5"},
		{"Big5 in the header only", traditionalchinese.Big5, "text/html; charset=big5", "", "big5"},
		{"Big5 with no label", traditionalchinese.Big5, "text/html", "", "big5"},
		{"UTF-8 with no label", nil, "text/html", "", "utf-8"},
	}
	s := newSite(t)
	for i, c := range cases {
		raw := []byte(page(c.meta))
		if c.enc != nil {
			var err error
			if raw, err = c.enc.NewEncoder().Bytes(raw); err != nil {
				t.Fatal(err)
			}
		}
		path := fmt.Sprintf("/cs/%d", i)
		hdr := c.header
		s.route(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", hdr)
			w.Write(raw)
		})
		t.Run(c.name, func(t *testing.T) {
			p, r, err := New(testOptions(s, newRecorder())).FetchOne(context.Background(), s.u(path))
			if err != nil {
				t.Fatal(err)
			}
			if r.Article.Title != title {
				t.Errorf("title = %q; want %q", r.Article.Title, title)
			}
			if !strings.Contains(r.Article.Text, "新型光譜儀於九月五日") {
				t.Errorf("text not decoded: %.80q", r.Article.Text)
			}
			if p.Charset != c.wantCode {
				t.Errorf("charset = %q; want %q", p.Charset, c.wantCode)
			}
			if !bytes.Equal(p.Raw, raw) {
				t.Error("Page.Raw is not the body as sent (transcoded?)")
			}
		})
	}
}
