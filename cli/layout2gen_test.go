package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWriteLayout2Fixture builds ../testdata/layout2 (archive.db and its
// expected export) with the code of the commit it runs in. It only runs
// when NEWSARCHIVE_WRITE_LAYOUT2 is set, in a process of its own (the
// proxy setting is read once per process):
//
//	NEWSARCHIVE_WRITE_LAYOUT2=1 go test ./cli -run '^TestWriteLayout2Fixture$'
func TestWriteLayout2Fixture(t *testing.T) {
	if os.Getenv("NEWSARCHIVE_WRITE_LAYOUT2") == "" {
		t.Skip("writes the layout-2 fixture; set NEWSARCHIVE_WRITE_LAYOUT2=1")
	}
	s := newFixtureSite(t)
	t.Setenv("HTTP_PROXY", s.URL)
	t.Setenv("http_proxy", s.URL)
	t.Setenv("NO_PROXY", "")
	t.Setenv("no_proxy", "")
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(layout2Config), 0o644); err != nil {
		t.Fatal(err)
	}
	do := func(ctx context.Context, args ...string) string {
		t.Helper()
		out, errs, code := run(ctx, append([]string{"--config", cfg}, args...)...)
		t.Logf("%v: exit %d\n%s%s", args, code, out, errs)
		if code != 0 && ctx.Err() == nil {
			t.Fatalf("%v failed", args)
		}
		return out
	}
	bg := context.Background()
	do(bg, "crawl", "--job", "news")
	time.Sleep(1100 * time.Millisecond) // distinct fetched_at seconds
	s.setEdition("/news/1", 1)
	s.setEdition("/news/2", 1)
	do(bg, "crawl", "--job", "news")
	time.Sleep(1100 * time.Millisecond)
	s.setEdition("/news/1", 2) // a third version: keep_versions 2 prunes the first
	do(bg, "crawl", "--job", "news")
	do(bg, "fetch", "http://"+fixtureHost+"/old/5")

	imp := filepath.Join(dir, "wire.jsonl")
	os.WriteFile(imp, []byte(`{"url":"http://wire.fixture.test/2025/03/wire-1","canonical_url":"","title":"Wire copy","source":"Fixture Wire","authors":["Wire desk"],"published_at":"2025-03-01","modified_at":"","language":"en","description":"","text":"A wire story imported from an export: it has no raw HTML.","html":"<p>A wire story imported from an export: it has no raw HTML.</p>","related":[],"images":[],"tags":["wire"],"version":1,"fetched_at":"2025-03-01T12:00:00Z","first_seen":"2025-03-01T12:00:00Z","last_checked":"2025-03-02T12:00:00Z","http_status":200,"key":"http://wire.fixture.test/2025/03/wire-1"}`+"\n"), 0o644)
	do(bg, "import", imp)

	// An interrupted crawl leaves queued and in-flight requests behind.
	ctx, cancel := context.WithCancel(bg)
	s.mu.Lock()
	s.zhDelay = 200 * time.Millisecond
	s.onZh = func(p string) {
		if strings.HasSuffix(p, "list-3.html") {
			cancel()
		}
	}
	s.mu.Unlock()
	do(ctx, "crawl", "--job", "zh")

	if out := do(bg, "verify"); !strings.Contains(out, "ok") {
		t.Fatalf("fixture does not verify: %s", out)
	}
	want := filepath.Join("..", "testdata", "layout2")
	if err := os.MkdirAll(want, 0o755); err != nil {
		t.Fatal(err)
	}
	do(bg, "export", "--format", "jsonl", "--all-versions", "--out", filepath.Join(want, "export.jsonl"))
	do(bg, "backup", "--out", filepath.Join(want, "archive.db"))
	var summary strings.Builder
	for _, args := range [][]string{{"stats"}, {"list"}, {"runs"}} {
		fmt.Fprintf(&summary, "$ newsarchive %s\n%s\n", strings.Join(args, " "), do(bg, args...))
	}
	os.WriteFile(filepath.Join(want, "summary.txt"), []byte(summary.String()), 0o644)
}

// layout2Config is the configuration the fixture was crawled with.
const layout2Config = `store: {path: archive.db, lock_timeout: 5s, keep_versions: 2}
crawler:
  user_agent: "newsarchive-fixture/1.0"
  parallelism: 2
  per_host_delay: 0s
  timeout: 5s
  retries: 0
jobs:
  - name: news
    seeds: ["http://news.fixture.test/"]
    max_depth: 1
    max_pages: 0
    articles: ['/news/\d+$', '/story\?id=', '\.html$']
  - name: zh
    seeds: ["http://news.fixture.test/zh/"]
    max_depth: 1
    articles: ['/zh/list-\d+\.html$']
`
