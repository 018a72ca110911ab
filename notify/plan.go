package notify

import (
	"time"

	"newsarchive/article"
	"newsarchive/store"
)

// Prepare decides, before a put, which rules want c (c.Prev is the
// latest archived version, nil if none; c.To the version the put is
// expected to add) and returns the OutboxFunc to give store.Put, or nil
// when no rule does or the content is unchanged. The diff is computed
// here, in the caller; the returned func only fills in the version numbers
// the put actually assigned and encodes the payloads.
func Prepare(rules []Rule, c *Change, publicURL string) store.OutboxFunc {
	if c.Prev != nil && c.Prev.ContentHash == article.ContentHash(c.Cur) {
		return nil
	}
	var want []Rule
	for _, r := range rules {
		if r.Wants(c) {
			want = append(want, r)
		}
	}
	if len(want) == 0 {
		return nil
	}
	return func(res store.PutResult) []store.OutboxEntry {
		got := *c
		got.Key, got.To = res.Key, res.Version
		if res.Outcome == store.New && got.Prev != nil {
			// Another writer removed the article meanwhile: it is new.
			got.Prev, got.From, got.fields = nil, 0, nil
		}
		return entries(want, &got, publicURL)
	}
}

// SampleChange is an invented edit, for a test notification when the
// archive has none that the rule matches.
func SampleChange() *Change {
	const key = "https://news.example.com/2026/03/14/harbour-pay-talks.html"
	prev := &article.Article{Title: "Ferry crews walk out as harbour pay talks collapse", Authors: []string{"Sample Writer"},
		Text: "Ferry crews walked out on Friday after talks on pay collapsed.\n\nThe operator said services would be cut."}
	cur := *prev
	cur.Text = "Ferry crews walked out on Friday after talks on pay collapsed.\n\nThe operator said a reduced timetable would run on Sunday, and both sides will meet a mediator on Monday."
	prev.FetchedAt = "2026-03-14T08:00:00Z"
	return &Change{Job: "sample", Key: key, URL: key, Prev: prev, Cur: &cur, From: 1, To: 2,
		FetchedAt: time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)}
}
