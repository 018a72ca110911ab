package scraper

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"newsarchive/extract"
)

// TestPageProvenance: a fetched page carries the exchange as it went over
// the wire — status line, every response header, the redirects, the final
// URL, the request headers sent, the server's address — and how it was
// decoded and by which extractor.
func TestPageProvenance(t *testing.T) {
	s := newSite(t)
	var mu sync.Mutex
	var leaked []string
	watch := func(r *http.Request) {
		if r.Header.Get(exchangeHeader) != "" {
			mu.Lock()
			leaked = append(leaked, r.URL.Path)
			mu.Unlock()
		}
	}
	body, err := charmap.Windows1251.NewEncoder().Bytes([]byte(strings.Replace(articlePage("Новости порта", ""), `<meta charset="utf-8">`, "", 1)))
	if err != nil {
		t.Fatal(err)
	}
	lastMod := time.Date(2025, 3, 12, 8, 0, 0, 0, time.UTC).Format(http.TimeFormat)
	s.route("/old", func(w http.ResponseWriter, r *http.Request) {
		watch(r)
		http.Redirect(w, r, "/news/1", http.StatusMovedPermanently)
	})
	s.route("/news/1", func(w http.ResponseWriter, r *http.Request) {
		watch(r)
		w.Header().Set("Content-Type", "text/html; charset=windows-1251")
		w.Header().Set("ETag", `"n1"`)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Server", "fixture/2")
		w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		w.Write(body)
	})
	s.route("/gz", func(w http.ResponseWriter, r *http.Request) {
		watch(r)
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		io.WriteString(zw, articlePage("Gzipped story", ""))
		zw.Close()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(b.Bytes())
	})

	p, r, err := New(testOptions(s, newRecorder())).FetchOne(context.Background(), s.u("/old"))
	if err != nil {
		t.Fatal(err)
	}
	f := p.Provenance.Fetch
	if f == nil {
		t.Fatal("no fetch provenance")
	}
	if f.StatusLine != "HTTP/1.1 200 OK" {
		t.Errorf("status line %q", f.StatusLine)
	}
	if f.FinalURL != s.u("/news/1") {
		t.Errorf("final URL %q", f.FinalURL)
	}
	if len(f.Redirects) != 1 || f.Redirects[0].URL != s.u("/old") || f.Redirects[0].StatusLine != "HTTP/1.1 301 Moved Permanently" || f.Redirects[0].Location != "/news/1" {
		t.Errorf("redirects %+v", f.Redirects)
	}
	for name, want := range map[string]string{
		"Content-Type": "text/html; charset=windows-1251", "Etag": `"n1"`, "Last-Modified": lastMod,
		"Server": "fixture/2", "Content-Length": fmt.Sprint(len(body)),
	} {
		if got := f.Header.Get(name); got != want {
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}
	if f.Header.Get("Date") == "" {
		t.Error("no Date header")
	}
	if f.RequestHeader.Get("User-Agent") != testUA || f.RequestHeader.Get("Accept") == "" {
		t.Errorf("request headers %v", f.RequestHeader)
	}
	if f.RequestHeader.Get(exchangeHeader) != "" {
		t.Error("the exchange id is listed as sent")
	}
	if f.RemoteAddr != s.Listener.Addr().String() {
		t.Errorf("remote address %q, want %q", f.RemoteAddr, s.Listener.Addr())
	}
	e := p.Provenance.Extraction
	if e.Extractor != extract.Version || e.Charset != "windows-1251" || e.CharsetSource != "header" {
		t.Errorf("extraction %+v", e)
	}
	if r.Article.Title != "Новости порта" {
		t.Errorf("title %q", r.Article.Title)
	}

	p, _, err = New(testOptions(s, newRecorder())).FetchOne(context.Background(), s.u("/gz"))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Provenance.Fetch.Header.Get("Content-Encoding"); got != "gzip" {
		t.Errorf("gzipped body: Content-Encoding %q recorded", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(leaked) > 0 {
		t.Errorf("the exchange id reached the server on %v", leaked)
	}
}

// TestProvenanceOfConditionalFetch: a conditional GET that gets a new page
// lists the validators it sent.
func TestProvenanceOfConditionalFetch(t *testing.T) {
	s := newSite(t)
	var mu sync.Mutex
	etag := `"e1"`
	s.route("/news/1", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		tag := etag
		mu.Unlock()
		w.Header().Set("ETag", tag)
		if r.Header.Get("If-None-Match") == tag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, articlePage("Story "+tag, ""))
	})
	s.html("/", listPage("/news/1"))
	rec := newRecorder()
	o := testOptions(s, rec, "/")
	o.Articles = res(`/news/`)
	if _, err := New(o).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	etag = `"e2"`
	mu.Unlock()
	if _, err := New(o).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.pages) != 2 {
		t.Fatalf("%d pages archived, want 2", len(rec.pages))
	}
	if got := rec.pages[1].Provenance.Fetch.RequestHeader.Get("If-None-Match"); got != `"e1"` {
		t.Errorf("second fetch sent If-None-Match %q, want \"e1\"", got)
	}
	if got := rec.pages[0].Provenance.Fetch.RequestHeader.Get("If-None-Match"); got != "" {
		t.Errorf("first fetch sent If-None-Match %q", got)
	}
}

// TestExtractorOption: the crawler reads pages with the extractor it is
// given and records that extractor's version.
func TestExtractorOption(t *testing.T) {
	s := newSite(t)
	s.html("/news/1", articlePage("Story one", ""))
	o := testOptions(s, newRecorder())
	o.Extractor = extract.Extractor{Version: "test-b", FromBytes: func(raw []byte, ct string, opts extract.Options) (*extract.Result, error) {
		r, err := extract.FromBytes(raw, ct, opts)
		if err == nil {
			r.Article.Title += " (b)"
		}
		return r, err
	}}
	p, r, err := New(o).FetchOne(context.Background(), s.u("/news/1"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Article.Title != "Story one (b)" || p.Provenance.Extraction.Extractor != "test-b" {
		t.Errorf("title %q, extractor %q", r.Article.Title, p.Provenance.Extraction.Extractor)
	}
}
