package app

import (
	"net/http"
	"testing"
	"time"

	"newsarchive/capture"
	"newsarchive/extract"
	"newsarchive/store"
)

// TestRereadJudgesDatesByTheFetch: a re-read rejects a date later than the
// capture's own fetch, as the crawl did, whatever the clock says today.
func TestRereadJudgesDatesByTheFetch(t *testing.T) {
	page := []byte(`<!DOCTYPE html><html><head><title>Harbour works</title>
<meta property="article:published_time" content="2026-06-01T08:00:00Z"></head>
<body><article><h1>Harbour works</h1>
<p>The harbour board met on Tuesday and agreed that the dredging works would go ahead after a long consultation with the fishing crews.</p>
<p>Crews said the plan left them two berths during the works, and that they would watch the schedule closely through the summer.</p>
</article></body></html>`)
	withDate := func(d string) capture.Provenance {
		return capture.Provenance{Fetch: &capture.Fetch{Header: http.Header{"Date": {d}}}}
	}
	cases := []struct {
		name      string
		fetchedAt time.Time
		prov      capture.Provenance
		want      string // published_at, RFC 3339, "" for none
	}{
		{"fetched after the date", time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), capture.Provenance{}, "2026-06-01T08:00:00Z"},
		{"fetched months before the date", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), capture.Provenance{}, ""},
		{"fetched_at wins over the Date header", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), withDate("Wed, 01 Jul 2026 00:00:00 GMT"), ""},
		{"no fetched_at: the Date header", time.Time{}, withDate("Thu, 01 Jan 2026 00:00:00 GMT"), ""},
	}
	read := Rereader(extract.Current(), nil)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, _, err := read(store.StoredCapture{Key: "https://www.example.com/news/harbour.html", URL: "https://www.example.com/news/harbour.html",
				Raw: page, ContentType: "text/html; charset=utf-8", Provenance: c.prov, FetchedAt: c.fetchedAt})
			if err != nil || a == nil {
				t.Fatalf("re-read: %v %v", a, err)
			}
			if got := a.PublishedAt; got != c.want {
				t.Fatalf("published_at %q, want %q", a.PublishedAt, c.want)
			}
		})
	}
}
