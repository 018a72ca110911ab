package notify

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"newsarchive/store"
)

// lostRecord is an outbox whose records of delivery never reach the disk:
// the process dies right after the receiver got the call.
type lostRecord struct{ *store.Store }

func (lostRecord) OutboxSent(uint64, time.Time) error { return errors.New("killed") }

// TestKilledBetweenCommitAndDelivery: a crawl commits a version with its
// notification and is killed before sending; the next run sends it once.
// Killed again after the call but before recording it, the run after sends
// it again with the same idempotency key, so the receiver can drop it.
func TestKilledBetweenCommitAndDelivery(t *testing.T) {
	rc := newReceiver(t)
	rule := hookRule("edits", rc.URL)
	st, path := openStore(t)
	put(t, st, []Rule{rule}, testKey, v1(), t0)
	put(t, st, []Rule{rule}, testKey, v2(), t0)
	st.Close() // kill -9: the commit is durable, nothing was sent

	reopen := func() *store.Store {
		s, err := store.Open(path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	st2 := reopen()
	if n, _, _ := st2.OutboxPending(); n != 1 {
		t.Fatalf("after the crash %d pending, want 1", n)
	}
	(&Sender{Outbox: lostRecord{st2}, Rules: []Rule{rule}}).Pass(context.Background())
	st2.Close()
	if len(rc.got()) != 1 {
		t.Fatalf("%d calls", len(rc.got()))
	}

	st3 := reopen()
	defer st3.Close()
	s := &Sender{Outbox: st3, Rules: []Rule{rule}}
	s.Pass(context.Background())
	s.Pass(context.Background())
	calls := rc.got()
	if len(calls) != 2 {
		t.Fatalf("%d calls, want 2 (one resend after the lost record)", len(calls))
	}
	if k := calls[0].header.Get(HeaderIdemKey); k == "" || k != calls[1].header.Get(HeaderIdemKey) {
		t.Fatalf("keys %q and %q differ", k, calls[1].header.Get(HeaderIdemKey))
	}
	if n, _, _ := st3.OutboxPending(); n != 0 {
		t.Fatalf("%d still pending", n)
	}
}

// TestDeadTargetDoesNotDelayLive: one rule's endpoint never answers; the
// other rule's notifications arrive at once, long before the dead one's
// timeout.
func TestDeadTargetDoesNotDelayLive(t *testing.T) {
	release := make(chan struct{})
	dead := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer dead.Close()
	defer close(release)
	live := newReceiver(t)
	rules := []Rule{hookRule("dead", dead.URL), hookRule("live", live.URL)}
	st, _ := openStore(t)
	for i := range 3 {
		key := fmt.Sprintf("https://www.example.com/news/%d.html", i)
		put(t, st, rules, key, v1(), t0)
		put(t, st, rules, key, v2(), t0)
	}
	// Long, so that a loaded machine's slow delivery to the live target
	// stays far below the half of it that a wait behind the dead one takes.
	const timeout = 30 * time.Second
	s := &Sender{Outbox: st, Rules: rules, Timeout: timeout, Poll: 20 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	start := time.Now()
	go func() { s.Run(ctx); close(done) }()
	for len(live.got()) < 3 && time.Since(start) < timeout {
		time.Sleep(10 * time.Millisecond)
	}
	elapsed := time.Since(start)
	cancel()
	<-done
	if n := len(live.got()); n != 3 {
		t.Fatalf("live target got %d of 3 calls in %s", n, elapsed)
	}
	if elapsed > timeout/2 {
		t.Fatalf("live target waited %s behind the dead one (timeout %s)", elapsed, timeout)
	}
	// The dead target's entries are still pending, none lost by the stop.
	pending, _ := st.Outbox(store.OutboxPending, "dead", 0)
	if len(pending) != 3 {
		t.Fatalf("dead target: %d pending, want 3", len(pending))
	}
}

// TestRunDeliversEachOnce: a running sender, kicked and polling fast,
// delivers every entry exactly once.
func TestRunDeliversEachOnce(t *testing.T) {
	rc := newReceiver(t)
	rules := []Rule{hookRule("a", rc.URL), hookRule("b", rc.URL)}
	st, _ := openStore(t)
	const n = 15
	for i := range n {
		key := fmt.Sprintf("https://www.example.com/news/%d.html", i)
		put(t, st, rules, key, v1(), t0)
		put(t, st, rules, key, v2(), t0)
	}
	s := &Sender{Outbox: st, Rules: rules, Poll: time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	for range 50 {
		s.Kick()
		time.Sleep(time.Millisecond)
	}
	left := s.Wait(context.Background(), 10*time.Second)
	cancel()
	<-done
	calls := rc.got()
	keys := map[string]int{}
	for _, c := range calls {
		keys[c.header.Get(HeaderIdemKey)]++
	}
	if left != 0 || len(calls) != 2*n || len(keys) != 2*n {
		t.Fatalf("%d left, %d calls, %d keys; want 0, %d, %d", left, len(calls), len(keys), 2*n, 2*n)
	}
}

// TestRunPrunesDelivered: a sender removes what it delivered more than
// KeepSent ago when it starts, keeps what failed, and keeps everything when
// KeepSent is zero.
func TestRunPrunesDelivered(t *testing.T) {
	rc := newReceiver(t)
	rules := []Rule{hookRule("a", rc.URL)}
	cases := []struct {
		name     string
		keep     time.Duration
		later    time.Duration
		wantSent int
	}{
		{"past keep_sent", 90 * 24 * time.Hour, 91 * 24 * time.Hour, 0},
		{"within keep_sent", 90 * 24 * time.Hour, 89 * 24 * time.Hour, 3},
		{"zero keeps for ever", 0, 3650 * 24 * time.Hour, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, _ := openStore(t)
			for i := range 3 {
				key := fmt.Sprintf("https://www.example.com/news/%d.html", i)
				put(t, st, rules, key, v1(), t0)
				put(t, st, rules, key, v2(), t0) // an edit: what a rule is told of
			}
			now := time.Now() // the entries are due from when they were written
			clock := func() time.Time { return now }
			if err := (&Sender{Outbox: st, Rules: rules, Now: clock}).Pass(context.Background()); err != nil {
				t.Fatal(err)
			}
			if sent, _ := st.Outbox(store.OutboxSent, "", 0); len(sent) != 3 {
				t.Fatalf("%d sent before the prune, want 3", len(sent))
			}
			now = now.Add(c.later)
			ctx, cancel := context.WithCancel(context.Background())
			cancel() // Run prunes as it starts, then sees ctx done
			(&Sender{Outbox: st, Rules: rules, Now: clock, KeepSent: c.keep}).Run(ctx)
			if sent, _ := st.Outbox(store.OutboxSent, "", 0); len(sent) != c.wantSent {
				t.Fatalf("%d sent entries left, want %d", len(sent), c.wantSent)
			}
		})
	}
}
