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
	snap := redirected(final)
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

// redirected is a capture of final reached through two redirects.
func redirected(final string) store.Snapshot {
	return store.Snapshot{
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
}

// Import puts the redirect hops a crawler recorded before a capture back
// into its provenance: from newsarchive's own export (the round trip) and
// from hand-written records of another writer (a relative Location, hops a
// few seconds early), but not a redirect fetched long before, nor one that
// an earlier capture already took.
func TestImportRedirectChain(t *testing.T) {
	final := "https://news.example/story/7"
	exported := func(t *testing.T) []byte {
		s := openStore(t)
		if _, err := s.Put(context.Background(), redirected(final)); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := Write(s, &buf, Options{Software: "test"}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	hop := func(uri, date, status, loc, id string) string {
		return rec{typ: "response", uri: uri, date: date, id: id, digests: true,
			block: "HTTP/1.1 " + status + "\r\nLocation: " + loc + "\r\nContent-Length: 0\r\n\r\n"}.String()
	}
	target := func(uri, date, id, text string) string {
		return rec{typ: "response", uri: uri, date: date, id: id, digests: true, block: httpResp("", page("Harbour works", text))}.String()
	}
	story := "http://news.example.com/2025/harbour.html"
	cases := []struct {
		name string
		file func(t *testing.T) []byte
		url  string
		want [][]capture.Redirect // per version
	}{
		{"newsarchive's export", exported, final, [][]capture.Redirect{redirected(final).Provenance.Fetch.Redirects}},
		{"another writer's records", func(*testing.T) []byte {
			return gzipEach(
				hop("http://news.example.com/h", "2025-03-14T10:00:00Z", "301 Moved Permanently", "/2025/harbour.html", "00000000-0000-0000-0000-000000000001"),
				target(story, "2025-03-14T10:00:03Z", "00000000-0000-0000-0000-000000000002", "The harbour reopened."),
				// An hour later, fetched directly: the first redirect is taken.
				target(story, "2025-03-14T11:00:00Z", "00000000-0000-0000-0000-000000000003", "The harbour reopened on Monday."),
				// A redirect an hour before the next capture is not its own.
				hop("http://news.example.com/h2", "2025-03-14T11:00:30Z", "302 Found", story, "00000000-0000-0000-0000-000000000004"),
				target(story, "2025-03-14T12:00:00Z", "00000000-0000-0000-0000-000000000005", "The harbour reopened on Monday at noon."),
			)
		}, story, [][]capture.Redirect{
			{{URL: "http://news.example.com/h", StatusLine: "HTTP/1.1 301 Moved Permanently", Location: "/2025/harbour.html"}},
			nil, nil,
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			s := importBytes(t, st, c.file(t))
			if s.Pages != len(c.want) || s.Skipped != 0 {
				t.Fatalf("stats %+v", s)
			}
			h, err := st.History(c.url)
			if err != nil || len(h) != len(c.want) {
				t.Fatalf("history %+v %v", h, err)
			}
			for i, v := range h {
				if v.Provenance.Fetch == nil {
					t.Fatalf("version %d: no fetch provenance", v.Version)
				}
				if got := v.Provenance.Fetch.Redirects; !slices.Equal(got, c.want[i]) {
					t.Errorf("version %d redirects %+v, want %+v", v.Version, got, c.want[i])
				}
			}
		})
	}
}
