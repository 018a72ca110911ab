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
		rules := want
		switch {
		case res.Outcome == store.New && got.Prev != nil:
			// Another writer removed the article meanwhile: it is new.
			got.Prev, got.From, got.fields = nil, 0, nil
		case res.Previous != nil && got.Prev != nil:
			// The store re-read the previous version with this
			// snapshot's extractor and compared with that: the diff
			// starts from it, as serve's diff page does, so it holds
			// only the site's edit, not the extractors' differences.
			// The rules are asked again about that diff.
			got.Prev, got.fields = rebased(res.Previous, got.Prev), nil
			rules = nil
			for _, r := range want {
				if r.Wants(&got) {
					rules = append(rules, r)
				}
			}
		}
		return entries(rules, &got, publicURL)
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

// rebased is the re-reading a of a stored version, with that version's
// archive fields (its number, fetch time) and a's own content hash.
func rebased(a, stored *article.Article) *article.Article {
	out := *a
	out.Normalize()
	out.Archive = stored.Archive
	out.ContentHash = article.ContentHash(&out)
	return &out
}
