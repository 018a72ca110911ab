package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// writeHostsConfig writes a config with one job "news" seeded with the
// front page of every site (each its own host: same address, its own port).
func writeHostsConfig(t *testing.T, dir string, sites []*newsSite, crawler string) string {
	t.Helper()
	var seeds []string
	for _, s := range sites {
		seeds = append(seeds, fmt.Sprintf("%q", s.URL+"/"))
	}
	cfg := fmt.Sprintf(`store: {path: archive.db, lock_timeout: 5s}
crawler:
  user_agent: "newsarchive-test/1.0"
  parallelism: 4
  timeout: 5s
  retries: 1
%s
jobs:
  - name: news
    seeds: [%s]
    max_depth: 1
    max_pages: 0
    articles: ['/news/\d+$']
`, crawler, strings.Join(seeds, ", "))
	p := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(p, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// killCrawl runs `crawl` with cfg in a child process and kills it with
// SIGKILL once reached is closed.
func killCrawl(t *testing.T, cfg string, reached <-chan struct{}) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCrawlProcess$")
	cmd.Env = append(os.Environ(), "NEWSARCHIVE_HELPER_ARGS="+strings.Join([]string{"--config", cfg, "crawl"}, "\x1f"))
	var childErr bytes.Buffer
	cmd.Stderr = &childErr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case <-reached:
		time.Sleep(20 * time.Millisecond) // let a few Puts commit
		cmd.Process.Signal(syscall.SIGKILL)
		<-exited
	case err := <-exited:
		t.Fatalf("child finished before it was killed: %v\n%s", err, childErr.String())
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("child never got far enough to be killed\n%s", childErr.String())
	}
}

// TestCrawlManyHostsKilledThenResumed kills a crawl of three hosts with
// kill -9 in the middle and checks that the next crawl resumes from the
// per-host queues: every article archived once, no front page fetched
// again, the archive verifies, and `runs --hosts` shows the hosts of the
// resumed run.
func TestCrawlManyHostsKilledThenResumed(t *testing.T) {
	const hosts, per = 3, 40
	var sites []*newsSite
	var served atomic.Int64
	reached := make(chan struct{})
	var once sync.Once
	for range hosts {
		s := newNewsSite(t, per)
		s.set(func() {
			s.delay = 5 * time.Millisecond
			s.onServe = func(int64) {
				if served.Add(1) == 30 {
					once.Do(func() { close(reached) })
				}
			}
		})
		sites = append(sites, s)
	}
	dir := t.TempDir()
	cfg := writeHostsConfig(t, dir, sites, "  per_host_delay: 10ms")
	db := filepath.Join(dir, "archive.db")
	killCrawl(t, cfg, reached)
	for _, s := range sites {
		s.set(func() { s.onServe = nil })
	}
	before := len(versions(t, db))
	if before >= hosts*per {
		t.Fatalf("killed crawl archived everything (%d)", before)
	}
	_, errs, code := run(context.Background(), "--config", cfg, "crawl")
	if code != 0 {
		t.Fatalf("crawl after kill -9: %d %s", code, errs)
	}
	vs := versions(t, db)
	if len(vs) != hosts*per {
		t.Errorf("archived %d articles; want %d", len(vs), hosts*per)
	}
	for k, v := range vs {
		if v != 1 {
			t.Errorf("%s has %d versions; want 1", k, v)
		}
	}
	for i, s := range sites {
		if h := s.hit("/"); h != 1 {
			t.Errorf("site %d: front page fetched %d times; the resumed crawl should continue, not restart", i, h)
		}
	}
	if out, errs, code := run(context.Background(), "--config", cfg, "verify"); code != 0 {
		t.Errorf("verify after kill and resume: %d %s %s", code, out, errs)
	}
	out, errs, code := run(context.Background(), "--config", cfg, "runs", "--job", "news", "--hosts")
	if code != 0 {
		t.Fatalf("runs --hosts: %d %s", code, errs)
	}
	t.Logf("archived before kill: %d\n%s", before, out)
	for _, s := range sites {
		host := strings.TrimPrefix(s.URL, "http://")
		if !regexp.MustCompile(regexp.QuoteMeta(host) + `\s+\d+\s+\d+\s+0\s`).MatchString(out) {
			t.Errorf("runs --hosts does not list %s with its figures:\n%s", host, out)
		}
	}
}

func TestRunsHosts(t *testing.T) {
	sites := []*newsSite{newNewsSite(t, 3), newNewsSite(t, 5)}
	dir := t.TempDir()
	cfg := writeHostsConfig(t, dir, sites, "  per_host_delay: 20ms")
	if _, errs, code := run(context.Background(), "--config", cfg, "crawl"); code != 0 {
		t.Fatalf("crawl: %d %s", code, errs)
	}
	out, errs, code := run(context.Background(), "--config", cfg, "runs", "--job", "news", "--hosts")
	if code != 0 {
		t.Fatalf("runs --hosts: %d %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "run 1 of job news") || !strings.Contains(lines[0], ": 2 hosts") ||
		!strings.HasPrefix(lines[1], "HOST") {
		t.Fatalf("runs --hosts printed:\n%s", out)
	}
	// The busier host first: robots.txt, front page and five articles.
	for i, want := range []struct {
		site            *newsSite
		requests, pages int
	}{{sites[1], 7, 6}, {sites[0], 5, 4}} {
		f := strings.Fields(lines[2+i])
		if f[0] != strings.TrimPrefix(want.site.URL, "http://") || f[1] != fmt.Sprint(want.requests) || f[2] != fmt.Sprint(want.pages) || f[3] != "0" {
			t.Errorf("line %q; want %s with %d requests, %d pages, 0 errors", lines[2+i], want.site.URL, want.requests, want.pages)
		}
		if wait, err := time.ParseDuration(f[len(f)-1]); err != nil || wait < time.Duration(want.requests-1)*20*time.Millisecond {
			t.Errorf("line %q: politeness wait %v; want at least %d × 20ms", lines[2+i], f[len(f)-1], want.requests-1)
		}
	}
}
