package extract

import "testing"

// TestPathDayBeatsAFarDate: a URL filed under its day outweighs a date
// found elsewhere on the page that is more than a day away, and leaves a
// declared time on that day alone.
func TestPathDayBeatsAFarDate(t *testing.T) {
	page := func(meta string) []byte {
		return []byte(`<html><head><title>Ferries resume</title><meta property="article:published_time" content="` + meta + `"></head><body><article><h1>Ferries resume</h1>` +
			`<p>The harbour board said on Monday that the ferries would resume their winter timetable.</p>` +
			`<p>Repairs to the old pier took two months and cost less than the board had planned.</p></article></body></html>`)
	}
	tests := []struct{ name, url, meta, want string }{
		{"far declared date loses", "https://news.example/2020/04/26/ferries/", "2019-01-14T10:00:00Z", "2020-04-26"},
		{"same-day declared time kept", "https://news.example/2020/04/26/ferries/", "2020-04-26T08:00:00Z", "2020-04-26T08:00:00Z"},
		{"no path day", "https://news.example/ferries/", "2019-01-14T10:00:00Z", "2019-01-14T10:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Extract(page(tc.meta), Options{URL: tc.url})
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Article.PublishedAt; got != tc.want {
				t.Errorf("published = %q, want %q", got, tc.want)
			}
		})
	}
}
