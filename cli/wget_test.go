package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/demosite"
	"newsarchive/warc/warctest"
)

// TestImportWgetWARC crawls the sample site that `demo --serve` serves
// (in process, on loopback) with Debian's wget --recursive --warc-file,
// imports the WARC it wrote (wget puts angle brackets around
// WARC-Target-URI) and finds the site's 15 articles with their titles and
// dates.
func TestImportWgetWARC(t *testing.T) {
	wget := warctest.Tool(t, "/usr/bin/wget", "install Debian's wget (.ci/run does)")
	srv, err := demosite.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, wget, "--recursive", "--level=5", "--no-verbose", "--tries=1", "--timeout=10",
		"--no-host-directories", "--directory-prefix", filepath.Join(dir, "mirror"),
		"--warc-file", filepath.Join(dir, "crawl"), "--no-warc-keep-log", srv.URL()+"/")
	if out, err := cmd.CombinedOutput(); err != nil {
		// wget exits 8 when some URL answered with an error (the site has
		// a deliberate 404); the WARC is complete all the same.
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 8 {
			t.Fatalf("wget: %v\n%s", err, out)
		}
	}
	db := filepath.Join(dir, "archive.db")
	out, errs := mustRun(t, "import", "--db", db, "--format", "warc", filepath.Join(dir, "crawl.warc.gz"))
	if !strings.Contains(out, " 0 skipped") {
		t.Errorf("import summary: %s\n%s", out, errs)
	}
	js, _ := mustRun(t, "export", "--db", db, "--format", "jsonl")
	got := map[string]article.Article{}
	for _, l := range strings.Split(strings.TrimSpace(js), "\n") {
		var a article.Article
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatal(err)
		}
		got[a.URL] = a
	}
	for _, info := range srv.Articles() {
		a, ok := got[srv.URL()+info.Path]
		if !ok {
			t.Errorf("%s not imported", info.Path)
			continue
		}
		if a.Title != info.Title || !strings.HasPrefix(a.PublishedAt, info.Published[:10]) {
			t.Errorf("%s: title %q published %q, want %q %q", info.Path, a.Title, a.PublishedAt, info.Title, info.Published)
		}
	}
	if len(srv.Articles()) != 15 {
		t.Errorf("the sample site has %d articles, want 15", len(srv.Articles()))
	}
	t.Logf("%s", out)

	// With a job whose article patterns cover the site, as the demo's
	// crawl has, the listing pages are left out: exactly the 15 articles.
	cfg := filepath.Join(dir, "config.yaml")
	yaml := fmt.Sprintf("jobs:\n  - name: sample\n    seeds: [%q]\n    articles: [%q]\n", srv.URL()+"/", demosite.ArticlePattern)
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ = mustRun(t, "import", "--config", cfg, "--db", filepath.Join(dir, "job.db"), "--format", "warc", filepath.Join(dir, "crawl.warc.gz"))
	if !strings.Contains(out, "(15 new articles, 0 changed") {
		t.Errorf("import with the job's article patterns: %s", out)
	}
}
