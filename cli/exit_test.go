package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"newsarchive/store"
)

// exitConfig writes a config for crawling site (seeds = the given paths)
// whose archive waits only 300ms for another process.
func exitConfig(t *testing.T, dir, site string, paths ...string) string {
	t.Helper()
	var seeds []string
	for _, p := range paths {
		seeds = append(seeds, strconv.Quote(site+p))
	}
	cfg := fmt.Sprintf(`store: {path: archive.db, lock_timeout: 300ms}
crawler: {parallelism: 4, per_host_delay: 0s, timeout: 5s, retries: 1}
jobs:
  - name: news
    seeds: [%s]
    max_depth: 1
    articles: ['/news/\d+$']
`, strings.Join(seeds, ", "))
	p := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(p, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// closedURL is the address of a loopback server that is gone: connecting
// to it is refused.
func closedURL() string {
	s := httptest.NewServer(nil)
	s.Close()
	return s.URL
}

// lockedArchive writes a config for site in dir and holds its archive open
// (as a running crawl would) until the test ends.
func lockedArchive(t *testing.T, dir, site string) string {
	t.Helper()
	cfg := exitConfig(t, dir, site, "/")
	st, err := store.Open(filepath.Join(dir, "archive.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return cfg
}

var summaryLine = regexp.MustCompile(`crawl news: \d+ pages fetched; articles \d+ new, \d+ changed, \d+ unchanged; \d+ errors`)

// TestExitCodes runs commands through Execute and checks the exit code of
// each outcome the README's exit status table names, and that a crawl
// prints its summary line whatever the outcome.
func TestExitCodes(t *testing.T) {
	site := newNewsSite(t, 2)
	gone := closedURL()
	archCfg, _ := archSeed(t)
	cases := []struct {
		name    string
		setup   func(t *testing.T, dir string) []string // returns the command line
		code    int
		summary bool   // a crawl summary line is printed
		want    string // in stderr
	}{
		{"crawl completed with page errors", func(t *testing.T, dir string) []string {
			return []string{"--config", exitConfig(t, dir, site.URL, "/", "/news/99"), "crawl"}
		}, ExitOK, true, "1 errors"},
		{"crawl: every seed refused", func(t *testing.T, dir string) []string {
			return []string{"--config", exitConfig(t, dir, gone, "/", "/news/1"), "crawl"}
		}, ExitNothingFetched, true, "nothing could be fetched"},
		{"crawl: every seed an HTTP error", func(t *testing.T, dir string) []string {
			return []string{"--config", exitConfig(t, dir, site.URL, "/news/98", "/news/99"), "crawl"}
		}, ExitNothingFetched, true, "0 pages fetched"},
		{"crawl: archive locked by another process", func(t *testing.T, dir string) []string {
			return []string{"--config", lockedArchive(t, dir, site.URL), "crawl"}
		}, ExitArchive, true, "in use by another newsarchive process"},
		{"crawl: archive cannot be created", func(t *testing.T, dir string) []string {
			file := filepath.Join(dir, "file")
			os.WriteFile(file, nil, 0o644)
			return []string{"--config", exitConfig(t, dir, site.URL, "/"), "--db", filepath.Join(file, "archive.db"), "crawl"}
		}, ExitArchive, true, "not a directory"},
		{"fetch: the only URL refused", func(t *testing.T, dir string) []string {
			return []string{"--config", exitConfig(t, dir, site.URL, "/"), "fetch", gone + "/news/1"}
		}, ExitNothingFetched, false, "1 of 1 URLs failed"},
		{"fetch: one of two URLs failed", func(t *testing.T, dir string) []string {
			return []string{"--config", exitConfig(t, dir, site.URL, "/"), "fetch", site.URL + "/news/1", gone + "/news/1"}
		}, ExitFailure, false, "1 of 2 URLs failed"},
		{"fetch: archive cannot be created", func(t *testing.T, dir string) []string {
			file := filepath.Join(dir, "file")
			os.WriteFile(file, nil, 0o644)
			return []string{"--config", exitConfig(t, dir, site.URL, "/"), "--db", filepath.Join(file, "archive.db"), "fetch", site.URL + "/news/1"}
		}, ExitArchive, false, "not a directory"},
		{"unknown command", func(t *testing.T, dir string) []string {
			return []string{"--config", archCfg, "crawll"}
		}, ExitUsage, false, `unknown command "crawll"`},
		{"unknown flag", func(t *testing.T, dir string) []string {
			return []string{"--config", archCfg, "crawl", "--jobb", "news"}
		}, ExitUsage, false, "unknown flag: --jobb"},
		{"unexpected argument", func(t *testing.T, dir string) []string {
			return []string{"--config", archCfg, "list", "extra"}
		}, ExitUsage, false, "extra"},
		{"missing argument", func(t *testing.T, dir string) []string {
			return []string{"--config", archCfg, "history"}
		}, ExitUsage, false, "arg"},
		{"bad config value", func(t *testing.T, dir string) []string {
			p := filepath.Join(dir, "config.yaml")
			os.WriteFile(p, []byte("crawler: {parallelism: -1}\n"), 0o644)
			return []string{"--config", p, "crawl", "--seed", site.URL + "/"}
		}, ExitUsage, false, "crawler.parallelism"},
		{"missing config file", func(t *testing.T, dir string) []string {
			return []string{"--config", filepath.Join(dir, "nope.yaml"), "list"}
		}, ExitUsage, false, "nope.yaml"},
		{"unknown job", func(t *testing.T, dir string) []string {
			return []string{"--config", exitConfig(t, dir, site.URL, "/"), "crawl", "--job", "sport"}
		}, ExitUsage, false, `no job named "sport"`},
		{"other failure: URL not in the archive", func(t *testing.T, dir string) []string {
			return []string{"--config", archCfg, "history", "https://www.example.com/none"}
		}, ExitFailure, false, "not in the archive"},
		{"read command while the archive is locked", func(t *testing.T, dir string) []string {
			return []string{"--config", lockedArchive(t, dir, site.URL), "list"}
		}, ExitArchive, false, "in use by another newsarchive process"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := c.setup(t, t.TempDir())
			_, errs, code := run(context.Background(), args...)
			if code != c.code || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d, want %d; stderr (want %q):\n%s", code, c.code, c.want, errs)
			}
			if c.summary && !summaryLine.MatchString(errs) {
				t.Errorf("no summary line in stderr:\n%s", errs)
			}
		})
	}
}

// TestHelperMain is the child of the tests below: it runs Main, as the
// binary does, on the command line in NEWSARCHIVE_HELPER_MAIN, with the
// file size limit NEWSARCHIVE_HELPER_FSIZE (bytes) if set.
func TestHelperMain(t *testing.T) {
	args := os.Getenv("NEWSARCHIVE_HELPER_MAIN")
	if args == "" {
		t.Skip("helper process only")
	}
	if n, err := strconv.ParseUint(os.Getenv("NEWSARCHIVE_HELPER_FSIZE"), 10, 64); err == nil {
		// A write past the limit then fails with EFBIG, as on a full disk,
		// instead of killing the process.
		signal.Ignore(syscall.SIGXFSZ)
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
			fmt.Fprintln(os.Stderr, "setrlimit:", err)
			os.Exit(99)
		}
	}
	os.Exit(Main(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
}

// helperMain starts the test binary as TestHelperMain with args.
func helperMain(t *testing.T, env []string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperMain$")
	cmd.Env = append(append(os.Environ(), "NEWSARCHIVE_HELPER_MAIN="+strings.Join(args, "\x1f")), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

func exitStatus(t *testing.T, err error) int {
	t.Helper()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	if ee != nil {
		return ee.ExitCode()
	}
	return 0
}

// TestExitInterruptedBySignal sends SIGINT or SIGTERM to a crawling process
// running Main: it stops cleanly, prints its summary, and exits 130.
func TestExitInterruptedBySignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			s := newNewsSite(t, 60)
			s.set(func() { s.delay = 20 * time.Millisecond })
			dir := t.TempDir()
			cfg := writeConfig(t, dir, s, "")
			reached := make(chan struct{})
			var once sync.Once
			s.set(func() {
				s.onServe = func(n int64) {
					if n == 5 {
						once.Do(func() { close(reached) })
					}
				}
			})
			cmd, stderr := helperMain(t, nil, "--config", cfg, "crawl")
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			var err error
			select {
			case <-reached:
				cmd.Process.Signal(sig)
				err = <-exited
			case err = <-exited:
				t.Fatalf("crawl ended before the signal: %v\n%s", err, stderr)
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("crawl never reached 5 articles\n%s", stderr)
			}
			if code := exitStatus(t, err); code != ExitInterrupted || !summaryLine.MatchString(stderr.String()) || !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("exit %d, want %d with a summary line; stderr:\n%s", code, ExitInterrupted, stderr)
			}
		})
	}
}

// TestExitArchiveFull crawls into an archive that cannot grow past a size
// (the file size limit makes writes fail as a full disk does): the crawl
// prints its summary and exits 4, and the archive stays readable.
func TestExitArchiveFull(t *testing.T) {
	s := newNewsSite(t, 20)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, s, "")
	cmd, stderr := helperMain(t, []string{"NEWSARCHIVE_HELPER_FSIZE=65536"}, "--config", cfg, "crawl")
	code := exitStatus(t, cmd.Wait())
	if code != ExitArchive || !summaryLine.MatchString(stderr.String()) {
		t.Fatalf("exit %d, want %d with a summary line; stderr:\n%s", code, ExitArchive, stderr)
	}
	if !regexp.MustCompile(`crawl news: [1-9]\d* pages fetched`).MatchString(stderr.String()) {
		t.Errorf("the archive failed before the crawl fetched anything; want a failure mid-crawl:\n%s", stderr)
	}
	if out, errs, code := run(context.Background(), "--config", cfg, "verify"); code != 0 {
		t.Errorf("verify after the failed crawl: exit %d\n%s%s", code, out, errs)
	}
}
