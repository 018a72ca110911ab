package frontiertest

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"newsarchive/frontier"
)

// The cases of the suite, in the order Run lists them.

func pushDedupes(t *testing.T, f Factory, s frontier.State) {
	push(t, s, 2, "https://a/1", "https://a/2", "https://a/1")
	push(t, s, 1, "https://a/2", "https://b/1")
	push(t, s, 0, "")
	pending(t, s, 3)
	got := claimURLs(t, s, t0, 5, one, time.Time{}, "https://a/1", "https://b/1")
	must(t, s.Done(got[0]))
	push(t, s, 0, "https://a/1", "https://b/1") // done and claimed stay seen
	pending(t, s, 2)
}

func fieldsSurvive(t *testing.T, f Factory, s frontier.State) {
	in := frontier.Request{URL: "https://a/sitemap.xml", Depth: 2, Kind: frontier.KindSitemap, LastMod: "2024-09-05"}
	if n, err := s.Push([]frontier.Request{in}); err != nil || n != 1 {
		t.Fatalf("Push = %d, %v", n, err)
	}
	got, _ := claim(t, s, t0, 1, one)
	if len(got) != 1 || got[0].ID == 0 {
		t.Fatalf("Claim = %+v; want the request with an ID", got)
	}
	in.ID = got[0].ID
	if !reflect.DeepEqual(got[0], in) {
		t.Fatalf("Claim = %+v; want %+v", got[0], in)
	}
	r := got[0]
	r.Attempt = 2
	must(t, s.Retry(r, at(sec)))
	must(t, s.Release(r.Host(), at(sec)))
	s = reopen(t, f, s)
	if resumed, err := s.BeginRun(false); err != nil || !resumed {
		t.Fatalf("BeginRun = %v, %v", resumed, err)
	}
	got, _ = claim(t, s, at(time.Hour), 1, one)
	if len(got) != 1 || !reflect.DeepEqual(got[0], r) {
		t.Fatalf("after a retry and a reopen, Claim = %+v; want %+v", got, r)
	}
}

func oneSlot(t *testing.T, f Factory, s frontier.State) {
	push(t, s, 3, "https://a/1", "https://a/2", "https://a/3")
	got := claimURLs(t, s, t0, 10, one, time.Time{}, "https://a/1")
	claimURLs(t, s, at(time.Hour), 10, one, time.Time{}) // slot taken: a Release will say
	must(t, s.Release("a", at(sec)))
	claimURLs(t, s, at(sec/2), 10, one, at(sec))
	must(t, s.Done(got[0]))
	claimURLs(t, s, at(sec), 10, one, time.Time{}, "https://a/2")
	pending(t, s, 2)
}

func claimSpacing(t *testing.T, f Factory, s frontier.State) {
	two := frontier.Policy{PerHost: 2, Delay: sec}
	push(t, s, 3, "https://a/1", "https://a/2", "https://a/3")
	claimURLs(t, s, t0, 10, two, at(sec), "https://a/1")
	claimURLs(t, s, at(sec/2), 10, two, at(sec))
	claimURLs(t, s, at(sec), 10, two, time.Time{}, "https://a/2") // both slots taken
	// One fetch ends while the other runs: the host's next time cannot
	// move earlier than the second claim's.
	must(t, s.Release("a", at(1500*time.Millisecond)))
	claimURLs(t, s, at(1500*time.Millisecond), 10, two, at(2*sec))
	claimURLs(t, s, at(2*sec), 10, two, time.Time{}, "https://a/3")
}

func releaseExact(t *testing.T, f Factory, s frontier.State) {
	push(t, s, 2, "https://a/1", "https://a/2")
	claimURLs(t, s, t0, 1, one, time.Time{}, "https://a/1")
	// The request made no fetch (robots.txt said no): the host is free at
	// once, not a delay later.
	must(t, s.Release("a", t0))
	claimURLs(t, s, t0, 1, one, time.Time{}, "https://a/2")
}

func sideBySide(t *testing.T, f Factory, s frontier.State) {
	push(t, s, 5, "https://a/1", "https://a/2", "https://b/1", "https://b/2", "https://c/1")
	claimURLs(t, s, t0, 10, one, time.Time{}, "https://a/1", "https://b/1", "https://c/1")
	for _, h := range []string{"a", "b", "c"} {
		must(t, s.Release(h, at(sec)))
	}
	claimURLs(t, s, at(sec), 10, one, time.Time{}, "https://a/2", "https://b/2")
}

func fairness(t *testing.T, f Factory, s frontier.State) {
	var big []string
	for i := range 200 {
		big = append(big, fmt.Sprintf("https://big/%d", i))
	}
	push(t, s, 200, big...)
	push(t, s, 3, "https://small/1", "https://small/2", "https://small/3")
	nodelay := frontier.Policy{PerHost: 1}
	var order []string
	now := t0
	for range 8 {
		got, _ := claim(t, s, now, 1, nodelay)
		if len(got) != 1 {
			t.Fatalf("Claim at %s = %v", now.Sub(t0), urlsOf(got))
		}
		order = append(order, frontier.Host(got[0].URL))
		must(t, s.Release(got[0].Host(), now))
		must(t, s.Done(got[0]))
		now = now.Add(time.Millisecond)
	}
	want := []string{"big", "small", "big", "small", "big", "small", "big", "big"}
	if !reflect.DeepEqual(order, want) {
		t.Fatalf("hosts claimed in order %v; want %v", order, want)
	}
}

func hostDelay(t *testing.T, f Factory, s frontier.State) {
	two := frontier.Policy{PerHost: 2, Delay: sec}
	push(t, s, 4, "https://a/1", "https://a/2", "https://b/1", "https://b/2")
	must(t, s.SetHost("a", frontier.HostPolicy{Delay: 5 * sec}))
	claimURLs(t, s, t0, 10, two, at(sec), "https://a/1", "https://b/1")
	claimURLs(t, s, at(sec), 10, two, at(5*sec), "https://b/2")
	claimURLs(t, s, at(5*sec), 10, two, time.Time{}, "https://a/2")
}

func closedHost(t *testing.T, f Factory, s frontier.State) {
	push(t, s, 3, "https://a/1", "https://a/2", "https://b/1")
	must(t, s.SetHost("a", frontier.HostPolicy{Closed: true}))
	claimURLs(t, s, t0, 10, one, time.Time{}, "https://b/1")
	pending(t, s, 3)
	c, err := s.Hosts(t0)
	if err != nil || c != (frontier.HostCounts{Active: 1}) {
		t.Fatalf("Hosts = %+v, %v; want only b active", c, err)
	}
}

func retry(t *testing.T, f Factory, s frontier.State) {
	push(t, s, 4, "https://a/1", "https://a/2", "https://b/1", "https://b/2")
	got := claimURLs(t, s, t0, 10, one, time.Time{}, "https://a/1", "https://b/1")
	r := got[0]
	r.Attempt++
	must(t, s.Release("a", at(sec)))
	must(t, s.Retry(r, at(10*sec)))
	must(t, s.Release("b", at(sec)))
	must(t, s.Done(got[1]))
	pending(t, s, 3)
	claimURLs(t, s, at(sec), 10, one, at(10*sec), "https://b/2")
	again := claimURLs(t, s, at(10*sec), 10, one, time.Time{}, "https://a/1")
	if again[0].Attempt != 1 {
		t.Fatalf("retried request came back with Attempt %d; want 1", again[0].Attempt)
	}
}

func redirect(t *testing.T, f Factory, s frontier.State) {
	push(t, s, 3, "https://a/1", "https://a/2", "https://b/9")
	got := claimURLs(t, s, t0, 1, one, t0, "https://a/1") // b is ready too
	from := got[0]
	to := frontier.Request{URL: "https://b/new", Depth: from.Depth, Via: []string{from.URL}}
	must(t, s.Redirect(from, to))
	must(t, s.Release("a", at(sec)))
	push(t, s, 0, "https://b/new") // the hop's URL is seen
	pending(t, s, 3)
	// b is ready at once (a's delay is a's); the hop was queued in a/1's
	// place, ahead of b/9.
	hop := claimURLs(t, s, t0, 10, one, at(sec), "https://b/new")
	if hop[0].Origin() != "https://a/1" || hop[0].ID != from.ID {
		t.Fatalf("hop = %+v; want origin https://a/1 and ID %d", hop[0], from.ID)
	}
	// A hop on the same host waits for the host.
	next := frontier.Request{URL: "https://b/newer", Via: []string{"https://a/1", "https://b/new"}}
	must(t, s.Redirect(hop[0], next))
	must(t, s.Release("b", at(2*sec)))
	claimURLs(t, s, at(sec), 10, one, at(2*sec), "https://a/2")
	claimURLs(t, s, at(2*sec), 10, one, time.Time{}, "https://b/newer")
}

func unknownIgnored(t *testing.T, f Factory, s frontier.State) {
	push(t, s, 1, "https://a/1")
	ghost := frontier.Request{URL: "https://a/ghost", ID: 1 << 40}
	must(t, s.Done(ghost))
	must(t, s.Retry(ghost, t0))
	must(t, s.Redirect(ghost, frontier.Request{URL: "https://a/elsewhere"}))
	pending(t, s, 1)
	claimURLs(t, s, t0, 10, one, time.Time{}, "https://a/1")
}

func hostKeys(t *testing.T, f Factory, s frontier.State) {
	cases := map[string]string{
		"http://A.Example:8080/x?y": "a.example:8080",
		"https://b.example/":        "b.example",
		"https://user@c.example/p":  "c.example",
		"http://127.0.0.1:3000":     "127.0.0.1:3000",
	}
	for u, want := range cases {
		if got := frontier.Host(u); got != want {
			t.Errorf("Host(%q) = %q; want %q", u, got, want)
		}
	}
	push(t, s, 2, "http://127.0.0.1:3000/a", "http://127.0.0.1:3001/a")
	claimURLs(t, s, t0, 10, one, time.Time{}, "http://127.0.0.1:3000/a", "http://127.0.0.1:3001/a")
}

func hostCounts(t *testing.T, f Factory, s frontier.State) {
	push(t, s, 4, "https://a/1", "https://a/2", "https://b/1", "https://c/1")
	claimURLs(t, s, t0, 1, one, t0, "https://a/1")
	want := func(c frontier.HostCounts, now time.Time) {
		t.Helper()
		got, err := s.Hosts(now)
		if err != nil || got != c {
			t.Fatalf("Hosts(%s) = %+v, %v; want %+v", now.Sub(t0), got, err, c)
		}
	}
	want(frontier.HostCounts{Active: 1, Ready: 2}, t0)
	must(t, s.Release("a", at(sec)))
	want(frontier.HostCounts{Waiting: 1, Ready: 2}, t0)
	want(frontier.HostCounts{Ready: 3}, at(sec))
}

func resume(t *testing.T, f Factory, s frontier.State) {
	var all []string
	for _, h := range []string{"a", "b"} {
		for i := range 5 {
			all = append(all, fmt.Sprintf("https://%s/%d", h, i))
		}
	}
	push(t, s, 10, all...)
	got := claimURLs(t, s, t0, 10, one, time.Time{}, "https://a/0", "https://b/0")
	must(t, s.Done(got[0])) // a/0 archived; b/0 was being fetched when the process died
	s = reopen(t, f, s)
	resumed, err := s.BeginRun(false)
	if err != nil || !resumed {
		t.Fatalf("BeginRun after an interrupted run = %v, %v; want resumed", resumed, err)
	}
	pending(t, s, 9)
	push(t, s, 0, all...) // the seen set survived
	// No slot is held over from the dead process: both hosts are claimable.
	var claimed []string
	now := at(time.Hour)
	for range 20 {
		got, _ := claim(t, s, now, 10, one)
		for _, r := range got {
			claimed = append(claimed, r.URL)
			must(t, s.Done(r))
			must(t, s.Release(r.Host(), now))
		}
		now = now.Add(sec)
	}
	sort.Strings(claimed)
	if want := all[1:]; !reflect.DeepEqual(claimed, want) {
		t.Fatalf("resumed run claimed %v; want %v", claimed, want)
	}
	if claimed[4] != "https://b/0" {
		t.Fatalf("the request in flight at the crash was not claimed again")
	}
}

func endedRun(t *testing.T, f Factory, s frontier.State) {
	push(t, s, 2, "https://a/1", "https://a/2")
	got := claimURLs(t, s, t0, 1, one, time.Time{}, "https://a/1")
	must(t, s.Done(got[0]))
	must(t, s.EndRun())
	s = reopen(t, f, s)
	if resumed, err := s.BeginRun(false); err != nil || resumed {
		t.Fatalf("BeginRun after EndRun = %v, %v; want a fresh run", resumed, err)
	}
	pending(t, s, 0)
	push(t, s, 1, "https://a/1")
}

func fresh(t *testing.T, f Factory, s frontier.State) {
	push(t, s, 2, "https://a/1", "https://a/2")
	claimURLs(t, s, t0, 1, one, time.Time{}, "https://a/1")
	if resumed, err := s.BeginRun(true); err != nil || resumed {
		t.Fatalf("BeginRun(fresh) = %v, %v", resumed, err)
	}
	pending(t, s, 0)
	push(t, s, 2, "https://a/1", "https://a/2")
	claimURLs(t, s, t0, 1, one, time.Time{}, "https://a/1")
}

func reset(t *testing.T, f Factory, s frontier.State) {
	v := frontier.Validators{ETag: `"x"`, LastModified: "Thu, 05 Sep 2024 08:00:00 GMT", Fetched: t0}
	must(t, s.SetValidators("https://a/1", v))
	push(t, s, 1, "https://a/9")
	must(t, s.Reset())
	pending(t, s, 0)
	push(t, s, 1, "https://a/9")
	must(t, s.EndRun())
	if _, err := s.BeginRun(true); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, f, s)
	got, err := s.Validators("https://a/1")
	if err != nil || got.ETag != v.ETag || got.LastModified != v.LastModified || !got.Fetched.Equal(t0) {
		t.Fatalf("Validators = %+v, %v; want %+v", got, err, v)
	}
	if got, _ := s.Validators("https://a/2"); got != (frontier.Validators{}) {
		t.Fatalf("Validators of an unknown URL = %+v", got)
	}
}

// concurrent runs claimers, fetchers and finishers side by side and checks
// that each URL is claimed once and no host ever has more than its slots.
func concurrent(t *testing.T, f Factory, s frontier.State) {
	const hosts, per, slots = 12, 40, 2
	var all []string
	for h := range hosts {
		for i := range per {
			all = append(all, fmt.Sprintf("https://h%d/%d", h, i))
		}
	}
	// Pushed from several goroutines, with overlaps.
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var reqs []frontier.Request
			for i := g; i < len(all); i += 2 {
				reqs = append(reqs, frontier.Request{URL: all[i]})
			}
			if _, err := s.Push(reqs); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	pending(t, s, len(all))
	p := frontier.Policy{PerHost: slots}
	var mu sync.Mutex
	busy := map[string]int{}
	var claimed []string
	work := make(chan frontier.Request, 64)
	var workers sync.WaitGroup
	for range 6 {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for r := range work {
				mu.Lock()
				busy[r.Host()]--
				mu.Unlock()
				if err := s.Release(r.Host(), time.Now()); err != nil {
					t.Error(err)
				}
				if err := s.Done(r); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	deadline := time.Now().Add(20 * time.Second)
	for len(claimed) < len(all) && time.Now().Before(deadline) {
		got, _, err := s.Claim(time.Now(), 8, p)
		if err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		for _, r := range got {
			claimed = append(claimed, r.URL)
			if busy[r.Host()]++; busy[r.Host()] > slots {
				t.Errorf("host %s has %d requests claimed at once; its slots are %d", r.Host(), busy[r.Host()], slots)
			}
		}
		mu.Unlock()
		for _, r := range got {
			work <- r
		}
		if len(got) == 0 {
			time.Sleep(100 * time.Microsecond)
		}
	}
	close(work)
	workers.Wait()
	slices.Sort(claimed)
	sorted := slices.Clone(all)
	slices.Sort(sorted)
	if !slices.Equal(claimed, sorted) {
		t.Fatalf("claimed %d URLs (%d distinct); want each of the %d once", len(claimed), len(slices.Compact(slices.Clone(claimed))), len(all))
	}
	pending(t, s, 0)
}
