package web

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"newsarchive/article"
	"newsarchive/notify"
	"newsarchive/store"
)

// withOutbox archives an edit of keyOne whose Put writes two notifications
// of rule "edits" (a webhook and an e-mail, one change) and one failed
// entry of rule "headlines".
func withOutbox(t *testing.T) *store.Store {
	t.Helper()
	st := seed(t)
	p, _ := json.Marshal(notify.Payload{Rule: "edits", Event: "changed", Key: keyOne, Title: "Bridge closed <b>overnight</b>", Site: "news.example.com",
		FromVersion: 1, ToVersion: 2, ChangedFields: []string{"text"},
		Diff: notify.Diff{Unified: "text: The bridge is closed [-tonight-]{+until Friday+}.", Deleted: 1, Inserted: 2}})
	snap := store.Snapshot{Key: keyOne, URL: keyOne, Status: 200, FetchedAt: t0.Add(96 * time.Hour),
		Article: &article.Article{URL: keyOne, Title: "Bridge closed overnight", Language: "en", Text: "The bridge is closed until Friday.", PublishedAt: "2024-09-03"},
		Outbox: func(r store.PutResult) []store.OutboxEntry {
			e := store.OutboxEntry{Rule: "edits", Key: r.Key, Event: "changed", From: r.Version - 1, To: r.Version, IdemKey: "k-edits-2", Payload: p}
			mail := e
			mail.Target, e.Target = "email", "webhook"
			bad := store.OutboxEntry{Rule: "headlines", Target: "webhook", Key: r.Key, Event: "changed", From: r.Version - 1, To: r.Version, IdemKey: "k-head-2", Payload: p}
			return []store.OutboxEntry{e, mail, bad}
		}}
	if _, err := st.Put(context.Background(), snap); err != nil {
		t.Fatal(err)
	}
	due, err := st.OutboxDue(time.Now().Add(time.Hour), 10)
	if err != nil || len(due) != 3 {
		t.Fatalf("outbox: %v, %v", due, err)
	}
	for _, e := range due {
		if e.Rule == "headlines" {
			if err := st.OutboxFail(e.ID, time.Now(), "HTTP 410 Gone"); err != nil {
				t.Fatal(err)
			}
		}
	}
	return st
}

func TestNotificationsAPI(t *testing.T) {
	ts, _ := start(t, withOutbox(t), Options{Rules: []string{"edits", "headlines"}})
	cases := []struct {
		name  string
		path  string
		rules []string
	}{
		{"all", "/api/notifications", []string{"headlines", "edits", "edits"}},
		{"failed", "/api/notifications?state=failed", []string{"headlines"}},
		{"pending of a rule", "/api/notifications?state=pending&rule=edits", []string{"edits", "edits"}},
		{"limited", "/api/notifications?limit=1", []string{"headlines"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got struct {
				Notifications []store.OutboxEntry `json:"notifications"`
			}
			getJSON(t, ts, c.path, 200, &got)
			var rules []string
			for _, e := range got.Notifications {
				rules = append(rules, e.Rule)
			}
			if strings.Join(rules, " ") != strings.Join(c.rules, " ") {
				t.Errorf("rules %v, want %v", rules, c.rules)
			}
		})
	}
	for _, bad := range []struct{ path, param string }{{"/api/notifications?state=lost", "state"}, {"/api/notifications?limit=-1", "limit"}} {
		var e struct{ Error, Parameter string }
		getJSON(t, ts, bad.path, 400, &e)
		if e.Parameter != bad.param {
			t.Errorf("GET %s: %+v, want parameter %s", bad.path, e, bad.param)
		}
	}
}

func TestNotificationsPage(t *testing.T) {
	ts, _ := start(t, withOutbox(t), Options{Rules: []string{"edits", "headlines"}})
	code, _, body := get(t, ts, "/notifications?state=failed")
	for _, want := range []string{`id="notifications"`, "HTTP 410 Gone", "headlines", "/diff?url=" + strings.ToLower(q(keyOne)) + "&amp;from=1&amp;to=2", "Bridge closed &lt;b&gt;overnight&lt;/b&gt;", `href="/feeds/rule/edits.atom"`} {
		if code != 200 || !strings.Contains(body, want) {
			t.Errorf("notifications page (%d) lacks %q:\n%s", code, want, body)
		}
	}
	if strings.Contains(body, "<td>email</td>") {
		t.Error("the failed filter shows a pending entry")
	}
}

func TestRuleFeed(t *testing.T) {
	ts, _ := start(t, withOutbox(t), Options{Rules: []string{"edits", "headlines"}})
	code, h, body := get(t, ts, "/feeds/rule/edits.atom")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed: %d %s", code, h.Get("Content-Type"))
	}
	f, err := gofeed.NewParser().ParseString(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != 1 {
		t.Fatalf("%d entries, want 1 (one change, two targets)", len(f.Items))
	}
	it := f.Items[0]
	if !strings.Contains(it.Title, "Edited (v2)") || !strings.Contains(it.Link, "/diff?url="+q(keyOne)+"&from=1&to=2") || !strings.Contains(it.Description, "{+until Friday+}") {
		t.Errorf("entry %q %q %q", it.Title, it.Link, it.Description)
	}
	for _, path := range []string{"/feeds/rule/nope.atom", "/feeds/rule/edits.rss"} {
		if code, _, _ := get(t, ts, path); code != 404 {
			t.Errorf("GET %s: %d, want 404", path, code)
		}
	}
}
