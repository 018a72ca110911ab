package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"newsarchive/frontier/redisfrontier/redistest"
)

// TestHelperSignalProcess is the child of the distributed tests: it runs
// the command line in NEWSARCHIVE_CHILD_ARGS, stopping cleanly on SIGTERM
// as the binary does.
func TestHelperSignalProcess(t *testing.T) {
	args := os.Getenv("NEWSARCHIVE_CHILD_ARGS")
	if args == "" {
		t.Skip("helper process only")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Execute(ctx, strings.Split(args, "\x1f"), os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// child is a newsarchive process run by a test.
type child struct {
	name string
	cmd  *exec.Cmd
	out  lockedBuffer
	done chan error
}

// lockedBuffer is the child's output, readable while the child writes it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func startChild(t testing.TB, name string, args ...string) *child {
	t.Helper()
	c := &child{name: name, done: make(chan error, 1)}
	c.cmd = exec.Command(os.Args[0], "-test.run=^TestHelperSignalProcess$")
	c.cmd.Env = append(os.Environ(), "NEWSARCHIVE_CHILD_ARGS="+strings.Join(args, "\x1f"))
	c.cmd.Stdout, c.cmd.Stderr = &c.out, &c.out
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.done <- c.cmd.Wait() }()
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			<-c.done
		}
	})
	return c
}

// wait waits for the child to exit and fails the test unless it exits 0.
func (c *child) wait(t testing.TB, within time.Duration) {
	t.Helper()
	select {
	case err := <-c.done:
		if err != nil {
			t.Fatalf("%s: %v\n%s", c.name, err, c.out.String())
		}
	case <-time.After(within):
		c.cmd.Process.Kill()
		<-c.done
		t.Fatalf("%s did not exit within %s\n%s", c.name, within, c.out.String())
	}
}

// waitLog waits until the child's output holds line n times. The deadline
// is generous: a child started on a loaded machine can take seconds to
// start, and only a child that never gets there should fail the test.
func (c *child) waitLog(t testing.TB, line string, n int) {
	t.Helper()
	for end := time.Now().Add(60 * time.Second); strings.Count(c.out.String(), line) < n; {
		if time.Now().After(end) {
			t.Fatalf("%s logged %q fewer than %d times in 60 s\n%s", c.name, line, n, c.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (c *child) kill9() {
	c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.done
}

func workers(t testing.TB, cfg string, n int) []*child {
	var ws []*child
	for i := range n {
		ws = append(ws, startChild(t, fmt.Sprintf("worker %d", i), "--config", cfg, "crawl", "--job", "sites", "--worker"))
	}
	return ws
}

func crawlArchive(t *testing.T, cfg string, args ...string) {
	t.Helper()
	_, errs, code := run(context.Background(), append([]string{"--config", cfg, "crawl", "--job", "sites"}, args...)...)
	if os.Getenv("NEWSARCHIVE_TEST_LOGS") != "" {
		t.Log(errs)
	}
	if code != 0 {
		t.Fatalf("archive side: exit %d\n%s", code, errs)
	}
	t.Log(strings.TrimSpace(errs[strings.LastIndex(errs, "crawl sites:"):]))
}

func TestDistributedCrawl(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{AOF: true})
	const delay = 100 * time.Millisecond
	s := newSites(t, 40, 5, 0)
	dir := t.TempDir()
	cfg := s.config(t, dir, srv.URL(0), delay, "")
	ws := workers(t, cfg, 3) // before the archive side: they wait for the seeds
	// Every worker waits on Redis before the run starts: the archive side's
	// own worker could otherwise crawl it all while they start.
	for _, w := range ws {
		w.waitLog(t, "worker connected; waiting for a run", 1)
	}
	if _, err := os.Stat(filepath.Join(dir, "archive.db")); err == nil {
		t.Fatal("a worker created the archive; workers must never open it")
	}
	crawlArchive(t, cfg)
	for _, w := range ws {
		w.wait(t, 30*time.Second)
	}
	s.checkArchived(t, filepath.Join(dir, "archive.db"))
	s.checkGaps(t, delay)
	// The run is over: a second archive side starts a new run, in which
	// nothing has changed.
	out, _, code := run(context.Background(), "--config", cfg, "frontier", "--job", "sites")
	if code != 0 || !strings.Contains(out, "no run; queued 0, leased 0") || !strings.Contains(out, "from 40 hosts") {
		t.Fatalf("frontier after the run: %d\n%s", code, out)
	}
	// The per-worker counts add up to the articles.
	_, counts, _ := strings.Cut(out, "ARCHIVED FROM WORKER")
	total, lines := 0, strings.Split(strings.TrimSpace(counts), "\n")[1:]
	for _, l := range lines {
		var n int
		f := strings.Fields(l)
		fmt.Sscan(f[len(f)-1], &n)
		total += n
	}
	if total != 200 || len(lines) < 2 {
		t.Fatalf("per-worker counts add up to %d over %d workers; want 200 over several\n%s", total, len(lines), out)
	}
	t.Logf("archived per worker:%s", counts)
	checkRunRecord(t, cfg, 200, 40)
}

// checkRunRecord reads the last run of the job through `runs --hosts`: its
// per-worker counts add up to pages over several workers, and its per-host
// counts to pages over hosts hosts.
func checkRunRecord(t *testing.T, cfg string, pages, hosts int) {
	t.Helper()
	out, errs, code := run(context.Background(), "--config", cfg, "runs", "--job", "sites", "--hosts")
	if code != 0 {
		t.Fatalf("runs --hosts: exit %d\n%s", code, errs)
	}
	perWorker, workers, perHost, seenHosts := 0, 0, 0, 0
	section := ""
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		switch {
		case len(f) == 0:
			continue
		case f[0] == "WORKER" || f[0] == "HOST":
			section = f[0]
			continue
		}
		var n int
		switch section {
		case "WORKER":
			fmt.Sscan(f[len(f)-1], &n)
			perWorker += n
			workers++
		case "HOST":
			fmt.Sscan(f[2], &n) // HOST REQUESTS PAGES ...
			perHost += n
			seenHosts++
		}
	}
	if perWorker != pages || workers < 2 {
		t.Fatalf("the run record's per-worker counts add up to %d over %d workers; want %d over several\n%s", perWorker, workers, pages, out)
	}
	if perHost != pages || seenHosts != hosts {
		t.Fatalf("the run record's per-host counts add up to %d over %d hosts; want %d over %d\n%s", perHost, seenHosts, pages, hosts, out)
	}
}

func TestDistributedWorkerKilled(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	s := newSites(t, 8, 10, 20*time.Millisecond)
	dir := t.TempDir()
	cfg := s.config(t, dir, srv.URL(0), 50*time.Millisecond, "")
	ws := workers(t, cfg, 2)
	killed := make(chan struct{})
	s.when(20, func() { ws[0].kill9(); close(killed) })
	crawlArchive(t, cfg, "--no-fetch")
	select {
	case <-killed:
	default:
		t.Fatal("the crawl ended before the worker was killed")
	}
	ws[1].wait(t, 30*time.Second)
	s.checkArchived(t, filepath.Join(dir, "archive.db"))
	// A second run, fetched by the archive side's own worker: the content
	// is the archive's latest, so only "checked" touches come back.
	_, errs, code := run(context.Background(), "--config", cfg, "crawl", "--job", "sites")
	if code != 0 || !strings.Contains(errs, "articles 0 new, 0 changed, 80 unchanged") {
		t.Fatalf("second run: exit %d\n%s", code, errs[strings.LastIndex(errs, "crawl sites:"):])
	}
	s.checkArchived(t, filepath.Join(dir, "archive.db"))
}

func TestDistributedArchiveSideKilled(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	s := newSites(t, 8, 10, 10*time.Millisecond)
	dir := t.TempDir()
	cfg := s.config(t, dir, srv.URL(0), 20*time.Millisecond, "")
	ws := workers(t, cfg, 2)
	archive := startChild(t, "archive side", "--config", cfg, "crawl", "--job", "sites", "--no-fetch")
	killed := make(chan struct{})
	s.when(30, func() { archive.kill9(); close(killed) })
	select {
	case <-killed:
	case <-time.After(30 * time.Second):
		t.Fatalf("never reached 30 pages\n%s", archive.out.String())
	}
	// The workers finish the frontier; their results wait in Redis.
	s.waitServed(t, 80, func() string { return ws[0].out.String() + ws[1].out.String() })
	before := len(versions(t, filepath.Join(dir, "archive.db")))
	if before >= 80 {
		t.Fatalf("the killed archive side had archived everything (%d)", before)
	}
	crawlArchive(t, cfg, "--no-fetch")
	for _, w := range ws {
		w.wait(t, 30*time.Second)
	}
	t.Logf("archived before the kill: %d", before)
	s.checkArchived(t, filepath.Join(dir, "archive.db"))
}

// TestDistributedRedisRestarted restarts Redis (SIGTERM, then the same
// folder) mid-crawl: workers and the archive side wait for it and carry on.
func TestDistributedRedisRestarted(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{AOF: true})
	s := newSites(t, 8, 10, 10*time.Millisecond)
	dir := t.TempDir()
	cfg := s.config(t, dir, srv.URL(0), 20*time.Millisecond, "")
	ws := workers(t, cfg, 2)
	stopped, restarted := make(chan struct{}), make(chan struct{})
	s.when(25, func() {
		srv.Stop()
		close(stopped)
		go func() {
			time.Sleep(time.Second)
			srv.Restart()
			close(restarted)
		}()
	})
	crawlArchive(t, cfg)
	// The crawl cannot end while Redis is down, but it may end before
	// Restart, which sees the server answer, has returned.
	select {
	case <-stopped:
	default:
		t.Fatal("the crawl ended before Redis was stopped")
	}
	<-restarted
	for _, w := range ws {
		w.wait(t, 30*time.Second)
	}
	s.checkArchived(t, filepath.Join(dir, "archive.db"))
	if t.Failed() {
		for _, w := range ws {
			t.Logf("%s:\n%s", w.name, w.out.String())
		}
	}
}

// TestDistributedWorkerStops sends SIGTERM to a worker mid-crawl: it exits
// 0 and its leases are back in the queue at once, not a lease TTL later.
func TestDistributedWorkerStops(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	s := newSites(t, 4, 10, 300*time.Millisecond)
	dir := t.TempDir()
	cfg := s.config(t, dir, srv.URL(0), 0, "")
	w := workers(t, cfg, 1)[0]
	archive := startChild(t, "archive side", "--config", cfg, "crawl", "--job", "sites", "--no-fetch")
	s.waitServed(t, 4, func() string { return w.out.String() + archive.out.String() })
	w.cmd.Process.Signal(syscall.SIGTERM)
	w.wait(t, 10*time.Second)
	out, _, code := run(context.Background(), "--config", cfg, "frontier", "--job", "sites")
	if code != 0 || !strings.Contains(out, "running; queued") || !strings.Contains(out, "leased 0,") {
		t.Fatalf("frontier after the worker stopped: %d\n%s\nworker:\n%s", code, out, w.out.String())
	}
	if !strings.Contains(out, "(none live)") {
		t.Errorf("the stopped worker is still listed as live:\n%s", out)
	}
	// Another worker finishes the run.
	workers(t, cfg, 1)[0].wait(t, 60*time.Second)
	archive.wait(t, 10*time.Second)
	s.checkArchived(t, filepath.Join(dir, "archive.db"))
	out, _, code = run(context.Background(), "--config", cfg, "frontier", "--job", "sites", "--reset")
	if code != 0 || !strings.Contains(out, "cleared") {
		t.Fatalf("frontier --reset: %d %s", code, out)
	}
}

// retryLineRE reads a worker's retry line: when, and the backoff it announces.
var retryLineRE = regexp.MustCompile(`^time=(\S+) .*msg="redis unreachable; retrying" .* in=(\S+)$`)

// TestDistributedRedisUnreachable: the archive side fails naming the
// address; a worker retries with a doubling backoff that it keeps to (not
// a spin), judged by its log's clock rather than the test's, and stops
// cleanly on SIGTERM.

func TestDistributedRedisUnreachable(t *testing.T) {
	addr := redistest.FreeAddr(t)
	s := newSites(t, 1, 1, 0)
	dir := t.TempDir()
	cfg := s.config(t, dir, "redis://"+addr+"/0", 0, "")
	_, errs, code := run(context.Background(), "--config", cfg, "crawl", "--job", "sites")
	if code == 0 || !strings.Contains(errs, addr) {
		t.Fatalf("archive side with Redis down: exit %d, %q; want an error naming %s", code, errs, addr)
	}
	w := startChild(t, "worker", "--config", cfg, "crawl", "--job", "sites", "--worker")
	// Three attempts, however slowly the child starts; then their spacing
	// must grow (a backoff, not a spin), read from the log's own clock.
	const want = 3
	w.waitLog(t, "redis unreachable; retrying", want)
	w.cmd.Process.Signal(syscall.SIGTERM)
	w.wait(t, 10*time.Second)
	type attempt struct {
		at   time.Time
		wait time.Duration // the backoff the worker announced
	}
	var tries []attempt
	for _, line := range strings.Split(w.out.String(), "\n") {
		if m := retryLineRE.FindStringSubmatch(line); m != nil {
			at, err1 := time.Parse(time.RFC3339Nano, m[1])
			wait, err2 := time.ParseDuration(m[2])
			if err1 != nil || err2 != nil {
				t.Fatalf("log line %q: %v %v", line, err1, err2)
			}
			tries = append(tries, attempt{at, wait})
		}
	}
	if len(tries) < want {
		t.Fatalf("%d timed attempts in the log, want %d\n%s", len(tries), want, w.out.String())
	}
	for i := 1; i < want; i++ {
		prev, cur := tries[i-1], tries[i]
		if cur.wait < prev.wait*2 && cur.wait < 30*time.Second {
			t.Fatalf("backoff %v after %v: want it to double\n%s", cur.wait, prev.wait, w.out.String())
		}
		if gap := cur.at.Sub(prev.at); gap < prev.wait*9/10 {
			t.Fatalf("attempts %v apart after announcing %v\n%s", gap, prev.wait, w.out.String())
		}
	}
	if tries[0].wait < 400*time.Millisecond {
		t.Fatalf("first backoff %v: want at least 400 ms", tries[0].wait)
	}
	if !strings.Contains(w.out.String(), addr) {
		t.Errorf("worker's log does not name %s:\n%s", addr, w.out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "archive.db")); err == nil {
		t.Error("the worker created the archive; it must never open it")
	}
}
