package store

import (
	"fmt"
	"net/url"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"newsarchive/frontier"
)

func reqs(urls ...string) []frontier.Request {
	out := make([]frontier.Request, len(urls))
	for i, u := range urls {
		out[i] = frontier.Request{URL: u, Depth: i % 3, Kind: frontier.KindPage, LastMod: "2024-09-05"}
	}
	return out
}

func urlsOf(rs []frontier.Request) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return out
}

func TestCrawlStateFrontier(t *testing.T) {
	s, _ := openTest(t, Options{})
	cs := s.Crawl("job")
	steps := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"begin fresh", func(t *testing.T) {
			if resumed, err := cs.BeginRun(false); err != nil || resumed {
				t.Fatalf("BeginRun = %v, %v", resumed, err)
			}
		}},
		{"push dedupes within and across calls", func(t *testing.T) {
			n, err := cs.Push(reqs("https://a/1", "https://a/2", "https://a/1"))
			if err != nil || n != 2 {
				t.Fatalf("Push = %d, %v", n, err)
			}
			if n, _ := cs.Push(reqs("https://a/2", "https://a/3")); n != 1 {
				t.Fatalf("second Push = %d", n)
			}
		}},
		{"pop oldest first keeps fields", func(t *testing.T) {
			got, err := cs.Pop(2)
			if err != nil {
				t.Fatal(err)
			}
			want := reqs("https://a/1", "https://a/2")
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("Pop = %+v, want %+v", got, want)
			}
		}},
		{"done url is not pushed again", func(t *testing.T) {
			if err := cs.Done("https://a/1"); err != nil {
				t.Fatal(err)
			}
			if n, _ := cs.Push(reqs("https://a/1")); n != 0 {
				t.Fatal("a done URL was queued again in the same run")
			}
			if p, _ := cs.Pending(); p != 2 { // a/2 in flight, a/3 queued
				t.Fatalf("Pending = %d, want 2", p)
			}
		}},
		{"requeue puts in-flight first", func(t *testing.T) {
			if n, err := cs.Requeue(); err != nil || n != 1 {
				t.Fatalf("Requeue = %d, %v", n, err)
			}
			got, _ := cs.Pop(10)
			if want := []string{"https://a/2", "https://a/3"}; !reflect.DeepEqual(urlsOf(got), want) {
				t.Fatalf("Pop after requeue = %v, want %v", urlsOf(got), want)
			}
			if got, _ := cs.Pop(1); len(got) != 0 || got == nil {
				t.Fatalf("Pop on empty = %#v", got)
			}
		}},
		{"interrupted run resumes", func(t *testing.T) {
			resumed, err := cs.BeginRun(false)
			if err != nil || !resumed {
				t.Fatalf("BeginRun = %v, %v", resumed, err)
			}
			if p, _ := cs.Pending(); p != 2 {
				t.Fatalf("Pending = %d", p)
			}
		}},
		{"ended run starts fresh", func(t *testing.T) {
			if err := cs.EndRun(); err != nil {
				t.Fatal(err)
			}
			if resumed, _ := cs.BeginRun(false); resumed {
				t.Fatal("resumed after EndRun")
			}
			if n, _ := cs.Push(reqs("https://a/1")); n != 1 {
				t.Fatal("seed not queued again in a new run")
			}
		}},
		{"fresh forces a new run", func(t *testing.T) {
			if resumed, _ := cs.BeginRun(true); resumed {
				t.Fatal("resumed with fresh")
			}
			if p, _ := cs.Pending(); p != 0 {
				t.Fatalf("Pending = %d", p)
			}
		}},
		{"reset forgets seen, keeps validators", func(t *testing.T) {
			v := frontier.Validators{ETag: `"x"`, LastModified: "Thu, 05 Sep 2024 08:00:00 GMT", Fetched: t0}
			cs.SetValidators("https://a/1", v)
			cs.Push(reqs("https://a/9"))
			if err := cs.Reset(); err != nil {
				t.Fatal(err)
			}
			if p, _ := cs.Pending(); p != 0 {
				t.Fatalf("Pending after reset = %d", p)
			}
			if n, _ := cs.Push(reqs("https://a/9")); n != 1 {
				t.Fatal("seen survived Reset")
			}
			got, err := cs.Validators("https://a/1")
			if err != nil || got.ETag != v.ETag || got.LastModified != v.LastModified || !got.Fetched.Equal(t0) {
				t.Fatalf("Validators = %+v, %v", got, err)
			}
		}},
		{"colly storage", func(t *testing.T) {
			if ok, _ := cs.IsVisited(42); ok {
				t.Fatal("visited before Visited")
			}
			cs.Visited(42)
			if ok, _ := cs.IsVisited(42); !ok {
				t.Fatal("not visited after Visited")
			}
			u, _ := url.Parse("https://a/x")
			cs.SetCookies(u, "k=v")
			if c := cs.Cookies(u); c != "k=v" {
				t.Fatalf("Cookies = %q", c)
			}
		}},
	}
	for _, st := range steps {
		t.Run(st.name, st.run)
	}
}

func TestCrawlStatePersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cs := s.Crawl("j")
	cs.BeginRun(false)
	var many []frontier.Request
	for i := range 5000 {
		many = append(many, frontier.Request{URL: fmt.Sprintf("https://a/%d", i)})
	}
	before := s.w.commits.Load()
	if n, err := cs.Push(many); err != nil || n != 5000 {
		t.Fatalf("Push = %d, %v", n, err)
	}
	if c := s.w.commits.Load() - before; c != 1 {
		t.Errorf("Push of 5000 took %d commits, want 1", c)
	}
	cs.Pop(3)
	cs.Done("https://a/0")
	cs.SetValidators("https://a/0", frontier.Validators{ETag: "e"})
	if err := s.Close(); err != nil { // Close flushes the async writes
		t.Fatal(err)
	}
	s, err = Open(path, Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cs = s.Crawl("j")
	resumed, err := cs.BeginRun(false)
	if err != nil || !resumed {
		t.Fatalf("BeginRun = %v, %v", resumed, err)
	}
	if p, _ := cs.Pending(); p != 4999 {
		t.Fatalf("Pending = %d, want 4999", p)
	}
	got, _ := cs.Pop(2)
	if want := []string{"https://a/1", "https://a/2"}; !reflect.DeepEqual(urlsOf(got), want) {
		t.Fatalf("Pop = %v", urlsOf(got))
	}
	if v, _ := cs.Validators("https://a/0"); v.ETag != "e" {
		t.Fatalf("validators lost: %+v", v)
	}
}
