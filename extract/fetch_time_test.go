package extract

import (
	"testing"
	"time"
)

// Options.Now bounds the publication date: a date more than a day after
// the fetch is not the page's; a zero Now is the time of the call.
func TestOptionsNowBoundsPublished(t *testing.T) {
	page := []byte(`<html><head><title>A post</title><meta property="article:published_time" content="2024-09-12T08:00:00Z"></head><body><h1>A post</h1><p>Text of the post.</p></body></html>`)
	for _, c := range []struct {
		name string
		now  time.Time
		want string
	}{
		{"fetched before the date", time.Date(2024, 9, 10, 0, 0, 0, 0, time.UTC), ""},
		{"fetched within a day of it", time.Date(2024, 9, 11, 12, 0, 0, 0, time.UTC), "2024-09-12T08:00:00Z"},
		{"zero is now", time.Time{}, "2024-09-12T08:00:00Z"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := Extract(page, Options{URL: "https://example.org/a", Now: c.now})
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Article.PublishedAt; got != c.want {
				t.Errorf("PublishedAt = %q, want %q", got, c.want)
			}
		})
	}
}
