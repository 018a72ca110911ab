package warc

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"newsarchive/article"
	"newsarchive/capture"
	"newsarchive/store"
	"newsarchive/warc/warctest"
)

// A capture reached through redirects is exported with each hop as its own
// request and response pair, before the capture, so that replay follows
// the redirect from the URL that was asked for; strict gowarc and warcio
// both read every record.
func TestWriteRedirectHops(t *testing.T) {
	s := openStore(t)
	final := "https://news.example/story/7"
	snap := store.Snapshot{
		Key: final, URL: final, Status: 200, FetchedAt: time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC),
		Raw:     []byte("<html><head><title>Harbour works</title></head><body><p>The harbour reopened.</p></body></html>"),
		Article: &article.Article{URL: final, Title: "Harbour works", Text: "The harbour reopened."},
		Provenance: capture.Provenance{Fetch: &capture.Fetch{
			StatusLine: "HTTP/1.1 200 OK",
			Header:     http.Header{"Content-Type": {"text/html; charset=utf-8"}},
			FinalURL:   final,
			Redirects: []capture.Redirect{
				{URL: "http://news.example/s/7", StatusLine: "HTTP/1.1 301 Moved Permanently", Location: "https://news.example/s/7"},
				{URL: "https://news.example/s/7", StatusLine: "HTTP/1.1 302 Found", Location: "/story/7"},
			},
			RequestHeader: http.Header{"User-Agent": {"test/1"}},
		}},
	}
	if _, err := s.Put(context.Background(), snap); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	st, err := Write(s, &buf, Options{Software: "test"})
	if err != nil {
		t.Fatal(err)
	}
	types := warctest.StrictRead(t, buf.Bytes())
	want := []string{"warcinfo", "request", "response", "request", "response", "request", "response", "metadata"}
	if !slices.Equal(types, want) || st.Redirects != 2 || st.Records != len(types) {
		t.Fatalf("records %v, stats %+v; want %v and 2 redirect hops", types, st, want)
	}

	r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(buf.Bytes()), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	type hop struct {
		uri      string
		status   int
		location string
	}
	var got []hop
	for {
		rec, err := r.Next()
		if err != nil {
			break
		}
		if rec.WarcRecord.Type() == gowarc.Response {
			h := hop{uri: rec.WarcRecord.WarcHeader().Get(gowarc.WarcTargetURI)}
			if b, ok := rec.WarcRecord.Block().(gowarc.HttpResponseBlock); ok {
				h.status = b.HttpStatusCode()
				if hh := b.HttpHeader(); hh != nil {
					h.location = hh.Get("Location")
				}
			}
			got = append(got, h)
		}
		rec.Close()
	}
	wantHops := []hop{{"http://news.example/s/7", 301, "https://news.example/s/7"}, {"https://news.example/s/7", 302, "/story/7"}, {final, 200, ""}}
	if !slices.Equal(got, wantHops) {
		t.Errorf("responses %v, want %v", got, wantHops)
	}

	file := filepath.Join(t.TempDir(), "r.warc.gz")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	warctest.Warcio(t)
	if lines := warctest.WarcioIndex(t, file); len(lines) != len(types) {
		t.Errorf("warcio index: %d records, gowarc %d", len(lines), len(types))
	}
}
