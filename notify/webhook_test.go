package notify

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"newsarchive/store"
)

func TestWebhookPayloadSignatureAndKey(t *testing.T) {
	st, _ := openStore(t)
	rc := newReceiver(t)
	rule := hookRule("edits", rc.URL)
	put(t, st, []Rule{rule}, testKey, v1(), t0)
	put(t, st, []Rule{rule}, testKey, v2(), t0.Add(time.Hour))
	clk := &clock{t: t0.Add(time.Hour)}
	s := &Sender{Outbox: st, Rules: []Rule{rule}, Now: clk.now}
	if err := s.Pass(context.Background()); err != nil {
		t.Fatal(err)
	}
	calls := rc.got()
	if len(calls) != 1 {
		t.Fatalf("%d calls, want 1 (the rule is on changed only)", len(calls))
	}
	c := calls[0]
	if err := Verify(rule.Webhook.Secret, c.header, c.body, 5*time.Minute, clk.now()); err != nil {
		t.Fatalf("signature: %v", err)
	}
	if err := Verify("wrong secret", c.header, c.body, 5*time.Minute, clk.now()); err == nil {
		t.Fatal("a wrong secret verified")
	}
	if err := Verify(rule.Webhook.Secret, c.header, c.body, 5*time.Minute, clk.now().Add(time.Hour)); err == nil {
		t.Fatal("an hour-old call verified")
	}
	if err := Verify(rule.Webhook.Secret, c.header, append(c.body, ' '), 5*time.Minute, clk.now()); err == nil {
		t.Fatal("a changed body verified")
	}
	if got, want := c.header.Get(HeaderIdemKey), IdempotencyKey("edits", testKey, 2); got != want || len(got) != 32 {
		t.Fatalf("Idempotency-Key %q, want %q", got, want)
	}
	if c.header.Get("X-Desk") != "metro" || c.header.Get(HeaderEvent) != "changed" || c.header.Get("Content-Type") != "application/json" {
		t.Fatalf("headers %v", c.header)
	}
	p := decodePayload(t, c.body)
	if p.Rule != "edits" || p.Event != "changed" || p.Key != testKey || p.URL != testKey || p.Title != "Ferry crews walk out" ||
		p.Site != "www.example.com" || p.FromVersion != 1 || p.ToVersion != 2 || p.FetchedAt != "2026-03-14T10:00:00Z" {
		t.Fatalf("payload %+v", p)
	}
	if strings.Join(p.ChangedFields, ",") != "text" || p.Diff.Inserted != 8 || p.Diff.Deleted != 0 {
		t.Fatalf("changed %v, counts -%d +%d", p.ChangedFields, p.Diff.Deleted, p.Diff.Inserted)
	}
	if !strings.Contains(p.Diff.Unified, "{+ A mediator will meet both sides on Monday.+}") ||
		!strings.HasPrefix(p.Diff.Unified, "--- "+testKey+" version 1") {
		t.Fatalf("unified diff %q", p.Diff.Unified)
	}
	if !strings.Contains(string(c.body), `"diff_url":"https://archive.example/diff?from=1&to=2&`) {
		t.Errorf("body escapes the diff_url: %s", c.body)
	}
	if p.DiffURL != "https://archive.example/diff?from=1&to=2&url=https%3A%2F%2Fwww.example.com%2Fnews%2F1.html" {
		t.Fatalf("diff_url %q", p.DiffURL)
	}
	if len(p.Diff.Fields) != 1 || p.Diff.Fields[0].Field != "text" || p.Diff.Fields[0].Edits[1].Op != "+" {
		t.Fatalf("fields %+v", p.Diff.Fields)
	}
	// Sent: a second pass delivers nothing.
	if err := s.Pass(context.Background()); err != nil || len(rc.got()) != 1 {
		t.Fatalf("second pass: %v, %d calls", err, len(rc.got()))
	}
	if l, _ := st.Outbox(store.OutboxSent, "", 0); len(l) != 1 || l[0].Attempts != 1 {
		t.Fatalf("sent %+v", l)
	}
}

func TestWebhookRetries(t *testing.T) {
	cases := []struct {
		name     string
		statuses []int
		headers  []map[string]string
		// steps: how far to move the clock before each pass
		steps     []time.Duration
		wantCalls int
		retryFor  time.Duration // default one minute
		wantState store.OutboxState
		check     func(t *testing.T, e store.OutboxEntry, now time.Time)
	}{
		{name: "500 then retried after about 5s", statuses: []int{500, 200},
			steps: []time.Duration{0, 4 * time.Second, 4 * time.Second}, wantCalls: 2, wantState: store.OutboxSent},
		{name: "429 with Retry-After waits as asked", statuses: []int{429, 200}, headers: []map[string]string{{"Retry-After": "120"}},
			steps: []time.Duration{0, 60 * time.Second, 61 * time.Second}, wantCalls: 2, retryFor: time.Hour, wantState: store.OutboxSent},
		{name: "Retry-After beyond retry_for gives up", statuses: []int{429}, headers: []map[string]string{{"Retry-After": "7200"}},
			steps: []time.Duration{0, time.Hour}, wantCalls: 1, wantState: store.OutboxFailed},
		{name: "408 is retried", statuses: []int{408, 503, 200},
			steps: []time.Duration{0, 8 * time.Second, 16 * time.Second}, wantCalls: 3, wantState: store.OutboxSent},
		{name: "400 is not retried", statuses: []int{400},
			steps: []time.Duration{0, time.Minute, time.Hour}, wantCalls: 1, wantState: store.OutboxFailed,
			check: func(t *testing.T, e store.OutboxEntry, _ time.Time) {
				if !strings.Contains(e.LastError, "HTTP 400") || e.Attempts != 1 {
					t.Errorf("entry %+v", e)
				}
			}},
		{name: "backoff doubles and gives up after retry_for", statuses: []int{500},
			steps: []time.Duration{0, 8 * time.Second, 16 * time.Second, 31 * time.Second, 61 * time.Second}, wantCalls: 4, wantState: store.OutboxFailed,
			check: func(t *testing.T, e store.OutboxEntry, _ time.Time) {
				if !strings.Contains(e.LastError, "gave up after 4 attempts") {
					t.Errorf("entry %+v", e)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, _ := openStore(t)
			rc := newReceiver(t, c.statuses...)
			rc.headers = c.headers
			rule := hookRule("edits", rc.URL)
			rule.RetryFor = time.Minute
			if c.retryFor > 0 {
				rule.RetryFor = c.retryFor
			}
			put(t, st, []Rule{rule}, testKey, v1(), t0)
			put(t, st, []Rule{rule}, testKey, v2(), t0)
			clk := &clock{t: t0}
			s := &Sender{Outbox: st, Rules: []Rule{rule}, Now: clk.now}
			for _, d := range c.steps {
				clk.add(d)
				if err := s.Pass(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			calls := rc.got()
			if len(calls) != c.wantCalls {
				t.Fatalf("%d calls, want %d", len(calls), c.wantCalls)
			}
			for _, cl := range calls {
				if cl.header.Get(HeaderIdemKey) != calls[0].header.Get(HeaderIdemKey) {
					t.Fatal("the idempotency key changed between attempts")
				}
			}
			all, _ := st.Outbox("", "", 0)
			if len(all) != 1 || all[0].State != c.wantState {
				t.Fatalf("outbox %+v", all)
			}
			if c.check != nil {
				c.check(t, all[0], clk.now())
			}
		})
	}
}

func TestRetryAfterAndBackoff(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if d := retryAfter("30", now); d != 30*time.Second {
		t.Errorf("seconds: %v", d)
	}
	if d := retryAfter(now.Add(time.Minute).Format(http.TimeFormat), now); d != time.Minute {
		t.Errorf("date: %v", d)
	}
	if d := retryAfter("soon", now); d != 0 {
		t.Errorf("junk: %v", d)
	}
	s := &Sender{}
	for n, want := range map[int]time.Duration{1: 5 * time.Second, 2: 10 * time.Second, 3: 20 * time.Second, 20: time.Hour} {
		if d := s.backoff(n); d < want || d > want+want/2 {
			t.Errorf("backoff(%d) = %v, want %v..%v", n, d, want, want+want/2)
		}
	}
}

// TestWebhookErrorHidesURL: a webhook URL often carries a token, so a
// connection error recorded in the outbox does not quote it.
func TestWebhookErrorHidesURL(t *testing.T) {
	rc := newReceiver(t)
	url := rc.URL + "/hooks/T0KEN-SECRET"
	rc.Close() // nothing listens any more
	rule := hookRule("edits", url)
	st, _ := openStore(t)
	put(t, st, []Rule{rule}, testKey, v1(), t0)
	put(t, st, []Rule{rule}, testKey, v2(), t0)
	s := &Sender{Outbox: st, Rules: []Rule{rule}, Now: (&clock{t: t0}).now}
	s.Pass(context.Background())
	all, _ := st.Outbox("", "", 0)
	if len(all) != 1 || all[0].State != store.OutboxPending || all[0].LastError == "" || strings.Contains(all[0].LastError, "T0KEN") {
		t.Fatalf("entry %+v", all)
	}
}

func FuzzRetryAfter(f *testing.F) {
	for _, s := range []string{"", "0", "120", "-5", "Wed, 21 Oct 2015 07:28:00 GMT", "soon", "99999999999999999999"} {
		f.Add(s)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		if d := retryAfter(v, now); d < 0 {
			t.Fatalf("retryAfter(%q) = %v", v, d)
		}
	})
}
