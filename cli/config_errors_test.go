package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsarchive/cli"
)

// TestBinaryNamesTheBadKey runs the command line (cli.Execute, as main
// does) on bad config files: it must stop before touching the archive,
// exit 2 (a usage or config error) and name the offending key. The command is `runs`, which reads
// the archive only, and the seeds are on loopback, so a config wrongly
// accepted reaches no network.
func TestBinaryNamesTheBadKey(t *testing.T) {
	job := "jobs:\n  - name: news\n    seeds: ['http://127.0.0.1:1/']\n"
	cases := []struct {
		name, yaml, want string
	}{
		{"NaN timeout", "crawler: {timeout: NaN}\n", `invalid config: crawler.timeout: bad duration "NaN"`},
		{"huge parallelism", "crawler: {parallelism: 1000000000}\n", "invalid config: crawler.parallelism: must be between 1 and 1024"},
		{"user_agent with CRLF", "crawler: {user_agent: \"bot\\r\\nX: y\"}\n", "invalid config: crawler.user_agent: must not contain control characters"},
		{"schedule every second", job + "    schedule: '@every 0s'\n", `invalid config: jobs[0].schedule: "@every 0s" runs more often than every 1m`},
		{"negative lock_timeout", "store: {lock_timeout: -5m}\n", "invalid config: store.lock_timeout: must be between 0s and 1h (got -5m)"},
		{"alias bomb", aliasBomb(), "invalid config: jobs[39]: the config is larger than 8 MiB with its aliases expanded"},
		{"file over 1 MiB", "# " + strings.Repeat("x", 1<<20) + "\n", "invalid config: the file is larger than 1 MiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := filepath.Join(dir, "config.yaml")
			if err := os.WriteFile(cfg, []byte(c.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(dir, "archive.db")
			var stdout, stderr bytes.Buffer
			exit := make(chan int, 1)
			go func() {
				exit <- cli.Execute(context.Background(), []string{"--config", cfg, "--db", db, "runs"}, &stdout, &stderr)
			}()
			var code int
			select {
			case code = <-exit:
			case <-time.After(10 * time.Second):
				t.Fatal("the command did not return within 10s")
			}
			if code != 2 {
				t.Fatalf("exit code %d, want 2 (stderr %q)", code, stderr.String())
			}
			if want := cfg + ": " + c.want; !strings.Contains(stderr.String(), want) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), want)
			}
			if _, err := os.Stat(db); err == nil {
				t.Error("a bad config still created the archive")
			}
		})
	}
}

// TestBinaryLoadsSharedAnchor: a YAML anchor shared by two jobs is valid
// YAML and gets past the config (here to the empty archive's error).
func TestBinaryLoadsSharedAnchor(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	doc := "jobs:\n  - name: a\n    seeds: ['http://127.0.0.1:1/']\n    follow: &f ['/news/']\n" +
		"  - name: b\n    seeds: ['http://127.0.0.2:1/']\n    follow: *f\n"
	if err := os.WriteFile(cfg, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cli.Execute(context.Background(), []string{"--config", cfg, "--db", filepath.Join(dir, "archive.db"), "runs"}, &stdout, &stderr)
	if strings.Contains(stderr.String(), "invalid config") || strings.Contains(stderr.String(), "anchor") {
		t.Errorf("the shared anchor was rejected: %s", stderr.String())
	}
}

// aliasBomb is one job repeated by alias 30 000 times, each with a follow
// list of 30 000 aliases: 330 KB of text, billions of values expanded.
func aliasBomb() string {
	return "jobs:\n  - &j\n    name: a\n    seeds: ['http://127.0.0.1:1/']\n    follow: [&s '/news/'" +
		strings.Repeat(", *s", 30_000) + "]\n" + strings.Repeat("  - *j\n", 30_000)
}
