package redisfrontier_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"newsarchive/frontier"
	"newsarchive/frontier/redisfrontier"
	"newsarchive/frontier/redisfrontier/redistest"
)

var one = frontier.Policy{PerHost: 1, Delay: time.Second}

func newState(t *testing.T, srv *redistest.Server, job string, ttl time.Duration) *redisfrontier.State {
	s := redisfrontier.New(srv.Client(t), redisfrontier.Options{Job: job, LeaseTTL: ttl})
	t.Cleanup(func() { s.Close() })
	return s
}

func claimOne(t *testing.T, s *redisfrontier.State, now time.Time) []frontier.Request {
	t.Helper()
	got, _, err := s.Claim(now, 10, one)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// leaseTTL is the leases' TTL in TestLeases: renewed every third of it, a
// lease outlives its worker by at least two thirds of it, less however
// late the last renewal ran. The test wants half: at 2 s that leaves a
// loaded machine a third of a second of lateness (600 ms left it 100 ms).
const leaseTTL = 2 * time.Second

func TestLeases(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	cases := []struct {
		name string
		// end is what becomes of worker a after its claim.
		end func(a *redisfrontier.State)
		// back is how long until the request is claimable by b.
		back time.Duration
	}{
		{"a worker that dies leaves leases that expire", func(a *redisfrontier.State) { a.Stop() }, leaseTTL},
		{"a worker that stops gives its leases back at once", func(a *redisfrontier.State) { a.Close() }, 0},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			job := fmt.Sprintf("lease%d", i)
			a, b := newState(t, srv, job, leaseTTL), newState(t, srv, job, leaseTTL)
			if _, err := a.BeginRun(false); err != nil {
				t.Fatal(err)
			}
			if _, err := a.Push([]frontier.Request{{URL: "https://x/1"}, {URL: "https://x/2"}}); err != nil {
				t.Fatal(err)
			}
			now := time.Now()
			got := claimOne(t, a, now)
			if len(got) != 1 {
				t.Fatalf("a claimed %v", got)
			}
			// Politeness is the job's, not the worker's: b may not fetch
			// x while a holds its slot, nor before its delay.
			if g := claimOne(t, b, now.Add(time.Hour)); len(g) != 0 {
				t.Fatalf("b claimed %v while a held host x", g)
			}
			start := time.Now()
			c.end(a)
			var back []frontier.Request
			for time.Since(start) < 30*time.Second { // generous: only a lease that never comes back fails
				if back = claimOne(t, b, now.Add(time.Hour)); len(back) > 0 {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			waited := time.Since(start)
			if len(back) != 1 || back[0].URL != "https://x/1" || back[0].ID != got[0].ID {
				t.Fatalf("b claimed %v after a ended; want a's request back", back)
			}
			if c.back > 0 && waited < c.back/2 {
				t.Fatalf("the lease came back after %s; its TTL is %s", waited, c.back)
			}
			// a's late finish is not a's any more: it changes nothing.
			if err := a.Done(got[0]); err != nil {
				t.Fatal(err)
			}
			if n, _ := b.Pending(); n != 2 {
				t.Fatalf("Pending = %d; want 2 (b's claim and x/2)", n)
			}
			if err := b.Done(back[0]); err != nil {
				t.Fatal(err)
			}
			if err := b.Release("x", now); err != nil {
				t.Fatal(err)
			}
			if g := claimOne(t, b, now.Add(time.Hour)); len(g) != 1 || g[0].URL != "https://x/2" {
				t.Fatalf("after b's release, Claim = %v; want x/2", g)
			}
		})
	}
}

func TestClaimSpacingAcrossWorkers(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	a, b := newState(t, srv, "spacing", 0), newState(t, srv, "spacing", 0)
	if _, err := a.BeginRun(false); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Push([]frontier.Request{{URL: "https://x/1"}, {URL: "https://x/2"}}); err != nil {
		t.Fatal(err)
	}
	p := frontier.Policy{PerHost: 2, Delay: time.Second}
	t0 := time.Now()
	if g, _, _ := a.Claim(t0, 1, p); len(g) != 1 {
		t.Fatalf("a claimed %v", g)
	}
	g, wake, err := b.Claim(t0.Add(500*time.Millisecond), 1, p)
	if err != nil || len(g) != 0 || !wake.Equal(t0.Add(time.Second).Truncate(time.Microsecond)) {
		t.Fatalf("b half a delay later: %v, wake %v, %v; want nothing until %v", g, wake, err, t0.Add(time.Second))
	}
	if g, _, _ := b.Claim(t0.Add(time.Second), 1, p); len(g) != 1 {
		t.Fatalf("b a delay later claimed %v", g)
	}
}

func TestSurvivesRedisRestart(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{AOF: true})
	s := newState(t, srv, "restart", 0)
	if _, err := s.BeginRun(false); err != nil {
		t.Fatal(err)
	}
	var reqs []frontier.Request
	for i := range 50 {
		reqs = append(reqs, frontier.Request{URL: fmt.Sprintf("https://h%d/%d", i%5, i)})
	}
	if _, err := s.Push(reqs); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	got := claimOne(t, s, now)
	if len(got) != 5 {
		t.Fatalf("claimed %d; want one per host", len(got))
	}
	srv.Stop() // a restart (SIGTERM): Redis writes its AOF out first
	if _, _, err := s.Claim(now, 1, one); err == nil {
		t.Fatal("Claim with Redis down did not fail")
	} else if want := srv.Addr; !contains(err.Error(), want) {
		t.Fatalf("error %q does not name %s", err, want)
	}
	srv.Restart()
	if n, err := s.Pending(); err != nil || n != 50 {
		t.Fatalf("after a restart Pending = %d, %v; want 50", n, err)
	}
	for _, r := range got {
		if err := s.Done(r); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := s.Pending(); n != 45 {
		t.Fatalf("after finishing the claims made before the restart, Pending = %d; want 45", n)
	}
}

func contains(s, sub string) bool {
	return strings.Contains(s, sub)
}
