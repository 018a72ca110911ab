package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// outboxFor returns an OutboxFunc that asks for one webhook entry per new
// version and counts its calls.
func outboxFor(calls *atomic.Int32) OutboxFunc {
	return func(r PutResult) []OutboxEntry {
		calls.Add(1)
		return []OutboxEntry{{Rule: "edits", Target: "webhook", Key: r.Key, Event: r.Outcome.String(), To: r.Version,
			IdemKey: "k-" + r.Outcome.String(), Payload: json.RawMessage(`{"v":1}`)}}
	}
}

func TestOutboxWrittenWithVersion(t *testing.T) {
	const key = "https://example.com/news/1.html"
	s, path := openTest(t, Options{})
	ctx := context.Background()
	var calls atomic.Int32
	steps := []struct {
		name      string
		text      string
		want      Outcome
		wantCalls int32
	}{
		{"new version", "one", New, 1},
		{"unchanged: no notification", "one", Unchanged, 1},
		{"changed", "two", Changed, 2},
	}
	for _, st := range steps {
		sn := snap(key, key, art(key, "T", st.text), "", t0)
		sn.Outbox = outboxFor(&calls)
		r, err := s.Put(ctx, sn)
		if err != nil || r.Outcome != st.want || calls.Load() != st.wantCalls {
			t.Fatalf("%s: %+v %v, %d hook calls", st.name, r, err, calls.Load())
		}
	}
	// A crash after the commit and before any delivery: the entries are
	// there on the next open, pending, with their keys.
	s.Close()
	s2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	due, err := s2.OutboxDue(t0, 0)
	if err != nil || len(due) != 2 {
		t.Fatalf("due %v %v", due, err)
	}
	if due[0].Event != "new" || due[1].Event != "changed" || due[1].To != 2 || due[0].State != OutboxPending || string(due[0].Payload) != `{"v":1}` {
		t.Fatalf("entries %+v", due)
	}
	if n, next, _ := s2.OutboxPending(); n != 2 || !next.Equal(t0) {
		t.Fatalf("pending %d %v", n, next)
	}

	// Retry moves the next attempt on; the entry is not due before it.
	if err := s2.OutboxRetry(due[0].ID, t0.Add(5*time.Second), "HTTP 500"); err != nil {
		t.Fatal(err)
	}
	if d, _ := s2.OutboxDue(t0.Add(time.Second), 0); len(d) != 1 || d[0].ID != due[1].ID {
		t.Fatalf("due after retry %+v", d)
	}
	// Sent twice is sent once; a failed entry stays failed.
	for range 2 {
		if err := s2.OutboxSent(due[1].ID, t0.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s2.OutboxFail(due[0].ID, t0.Add(time.Minute), "HTTP 400"); err != nil {
		t.Fatal(err)
	}
	if err := s2.OutboxSent(due[0].ID, t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	sent, _ := s2.OutboxGet(due[1].ID)
	failed, _ := s2.OutboxGet(due[0].ID)
	if sent.State != OutboxSent || sent.Attempts != 1 || failed.State != OutboxFailed || failed.Attempts != 2 || failed.LastError != "HTTP 400" {
		t.Fatalf("sent %+v\nfailed %+v", sent, failed)
	}
	if n, _, _ := s2.OutboxPending(); n != 0 {
		t.Fatalf("pending %d", n)
	}
	all, _ := s2.Outbox("", "", 0)
	onlyFailed, _ := s2.Outbox(OutboxFailed, "edits", 0)
	if len(all) != 2 || all[0].ID != due[1].ID || len(onlyFailed) != 1 {
		t.Fatalf("list %+v / %+v", all, onlyFailed)
	}
}

// TestOutboxReadOnlyEmpty checks that an archive never given a notification
// reads as an empty outbox.
func TestOutboxReadOnlyEmpty(t *testing.T) {
	s, _ := openTest(t, Options{})
	if d, err := s.OutboxDue(time.Now(), 0); err != nil || len(d) != 0 {
		t.Fatal(d, err)
	}
	if l, err := s.Outbox("", "", 0); err != nil || len(l) != 0 {
		t.Fatal(l, err)
	}
	if err := s.OutboxSent(1, time.Now()); err == nil {
		t.Fatal("marking an unknown entry should fail")
	}
}

// TestOutboxPrune: only entries delivered before the cutoff go; pending
// and failed entries stay whatever their age, and so do later deliveries.
func TestOutboxPrune(t *testing.T) {
	s, _ := openTest(t, Options{})
	ctx := context.Background()
	var calls atomic.Int32
	cases := []struct {
		name string
		mark func(id uint64) error
		kept bool
	}{
		{"sent long ago", func(id uint64) error { return s.OutboxSent(id, t0) }, false},
		{"sent after the cutoff", func(id uint64) error { return s.OutboxSent(id, t0.Add(48*time.Hour)) }, true},
		{"failed long ago", func(id uint64) error { return s.OutboxFail(id, t0, "HTTP 410") }, true},
		{"still pending", func(uint64) error { return nil }, true},
	}
	// More entries than one chunk, so that the prune crosses chunks.
	extra := chunkSize + 3
	ids := map[string]uint64{}
	for i := range len(cases) + extra {
		key := fmt.Sprintf("https://example.com/news/%d.html", i)
		sn := snap(key, key, art(key, "T", "one"), "", t0)
		sn.Outbox = outboxFor(&calls)
		if _, err := s.Put(ctx, sn); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := s.Outbox("", "", 0) // newest first
	for i, c := range cases {
		id := all[len(all)-1-i].ID
		ids[c.name] = id
		if err := c.mark(id); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range all[:extra] {
		if err := s.OutboxSent(e.ID, t0); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.OutboxPrune(t0.Add(24 * time.Hour))
	if err != nil || n != 1+extra {
		t.Fatalf("pruned %d (%v), want %d", n, err, 1+extra)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.OutboxGet(ids[c.name])
			if kept := err == nil; kept != c.kept {
				t.Fatalf("kept %v, want %v (%v)", kept, c.kept, err)
			}
		})
	}
	if n, _, _ := s.OutboxPending(); n != 1 {
		t.Fatalf("pending %d after prune, want 1", n)
	}
	if n, err := s.OutboxPrune(t0.Add(24 * time.Hour)); err != nil || n != 0 {
		t.Fatalf("second prune removed %d (%v)", n, err)
	}
}
