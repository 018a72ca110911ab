package app

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"newsarchive/config"
	"newsarchive/extract"
	"newsarchive/notify"
)

// TestNotifyDiffAfterUpgrade: after an extractor upgrade, the first crawl
// re-reads each stored version before comparing. A real edit found then
// is notified with the diff from that re-reading, so the alert holds the
// site's edit and not the two extractors' differences, and it matches
// serve's diff page, which compares the refreshed version.
func TestNotifyDiffAfterUpgrade(t *testing.T) {
	const n = 3
	s := newUpgradeSite(t, n)
	c := config.Default()
	c.Store.Path = filepath.Join(t.TempDir(), "archive.db")
	c.Crawler.PerHostDelay = 0
	c.Crawler.Retries = 0
	c.NotifyWait = 0
	// Nothing listens there: the entries stay in the outbox to be read.
	c.Notify = []config.NotifyRule{{Name: "edits", Webhook: &config.Webhook{URL: "http://127.0.0.1:1/hook"}}}
	job := config.Job{Name: "news", Seeds: []string{s.URL + "/"}, MaxDepth: 1, Articles: []string{`/news/\d+$`}}
	crawl := func(ex extract.Extractor) {
		t.Helper()
		svc := New(c, nil)
		svc.Extractor = ex
		if _, err := svc.RunJob(context.Background(), job, RunOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	crawl(extract.Current())
	s.mu.Lock()
	s.edition[2] = 1
	s.mu.Unlock()
	crawl(extractorB) // reads "harbour" as "Harbour" on every page

	st, err := OpenStore(c, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	entries, err := st.Outbox("", "edits", 0)
	if err != nil {
		t.Fatal(err)
	}
	var changed []notify.Payload
	for _, e := range entries {
		if e.Event != notify.EventChanged {
			continue
		}
		var p notify.Payload
		if err := json.Unmarshal(e.Payload, &p); err != nil {
			t.Fatal(err)
		}
		changed = append(changed, p)
	}
	if len(changed) != 1 || !strings.HasSuffix(changed[0].Key, "/news/2") {
		t.Fatalf("changed notifications: %+v; want one, for the edited story", changed)
	}
	d := changed[0].Diff
	for _, f := range d.Fields {
		for _, e := range f.Edits {
			if e.Op != "=" && strings.Contains(strings.ToLower(e.Text), "harbour") {
				t.Errorf("%s: edit %q comes from the extractor upgrade, not the site", f.Field, e.Op+e.Text)
			}
		}
	}
	// Five paragraphs each change "edition 0" to "edition 1".
	if d.Inserted != 5 || d.Deleted != 5 {
		t.Errorf("diff counts: %d inserted, %d deleted; want 5 and 5\n%s", d.Inserted, d.Deleted, d.Unified)
	}
}
