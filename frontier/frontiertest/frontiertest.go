// Package frontiertest is the conformance suite of frontier.State: every
// implementation (the in-memory one, the store's bbolt one, a shared one)
// runs Run from its own tests and must pass every case. Time is passed to
// Claim and Release explicitly, so the suite never sleeps.
package frontiertest

import (
	"reflect"
	"testing"
	"time"

	"newsarchive/frontier"
)

// Factory makes the States the suite tests.
type Factory struct {
	// New returns an empty State for one case.
	New func(t *testing.T) frontier.State
	// Reopen returns a State over what s kept, as the next process would
	// open it after this one stopped; s is not used again. Nil means the
	// State lives in one process only: the suite then goes on with s.
	Reopen func(t *testing.T, s frontier.State) frontier.State
}

var t0 = time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)

func at(d time.Duration) time.Time { return t0.Add(d) }

const sec = time.Second

// one is the default politeness: one slot per host, a second apart.
var one = frontier.Policy{PerHost: 1, Delay: sec}

// Run runs every case of the suite on fresh States from f.
func Run(t *testing.T, f Factory) {
	cases := []struct {
		name string
		run  func(t *testing.T, f Factory, s frontier.State)
	}{
		{"push dedupes within and across calls", pushDedupes},
		{"request fields survive the queue", fieldsSurvive},
		{"one host gives one request per slot", oneSlot},
		{"claims space a host's starts by its delay", claimSpacing},
		{"release sets the next time exactly when the host is idle", releaseExact},
		{"hosts are claimed side by side", sideBySide},
		{"the host ready longest goes first", fairness},
		{"a host's own delay holds only that host", hostDelay},
		{"a closed host is not claimed", closedHost},
		{"a retry comes back first, holding only its host", retry},
		{"a redirect hop waits in its own host's queue", redirect},
		{"finishing an unclaimed request changes nothing", unknownIgnored},
		{"host keys carry the port", hostKeys},
		{"host counts", hostCounts},
		{"an interrupted run resumes where it stopped", resume},
		{"an ended run starts afresh", endedRun},
		{"fresh forgets an interrupted run", fresh},
		{"reset forgets the run and keeps validators", reset},
		{"concurrent claims never exceed a host's slots", concurrent},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := f.New(t)
			if resumed, err := s.BeginRun(false); err != nil || resumed {
				t.Fatalf("BeginRun on a new state = %v, %v; want a fresh run", resumed, err)
			}
			c.run(t, f, s)
		})
	}
}

func reopen(t *testing.T, f Factory, s frontier.State) frontier.State {
	t.Helper()
	if f.Reopen == nil {
		return s
	}
	return f.Reopen(t, s)
}

func push(t *testing.T, s frontier.State, want int, urls ...string) {
	t.Helper()
	reqs := make([]frontier.Request, len(urls))
	for i, u := range urls {
		reqs[i] = frontier.Request{URL: u}
	}
	n, err := s.Push(reqs)
	if err != nil || n != want {
		t.Fatalf("Push(%v) = %d, %v; want %d new", urls, n, err, want)
	}
}

func claim(t *testing.T, s frontier.State, now time.Time, n int, p frontier.Policy) ([]frontier.Request, time.Time) {
	t.Helper()
	got, wake, err := s.Claim(now, n, p)
	if err != nil {
		t.Fatalf("Claim: %v", err)
	}
	return got, wake
}

// claimURLs claims and checks the URLs and the wake time.
func claimURLs(t *testing.T, s frontier.State, now time.Time, n int, p frontier.Policy, wantWake time.Time, want ...string) []frontier.Request {
	t.Helper()
	got, wake := claim(t, s, now, n, p)
	if want == nil {
		want = []string{}
	}
	if u := urlsOf(got); !reflect.DeepEqual(u, want) {
		t.Fatalf("Claim(%s, %d) = %v; want %v", now.Sub(t0), n, u, want)
	}
	if !wake.Equal(wantWake) {
		t.Fatalf("Claim(%s, %d) wake = %s; want %s", now.Sub(t0), n, wakeStr(wake), wakeStr(wantWake))
	}
	return got
}

func wakeStr(w time.Time) string {
	if w.IsZero() {
		return "none"
	}
	return w.Sub(t0).String()
}

func urlsOf(rs []frontier.Request) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return out
}

func pending(t *testing.T, s frontier.State, want int) {
	t.Helper()
	if n, err := s.Pending(); err != nil || n != want {
		t.Fatalf("Pending = %d, %v; want %d", n, err, want)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
