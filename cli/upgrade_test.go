package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runChild runs the command line in a child process, as a user runs the
// binary (see TestHelperCrawlProcess), with extra environment variables.
func runChild(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCrawlProcess$")
	cmd.Env = append(append(os.Environ(), "NEWSARCHIVE_HELPER_ARGS="+strings.Join(args, "\x1f")), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// versionsOf reads an all-versions JSONL export: key → version →
// fetched_at and content hash. With hashes false it keeps fetched_at
// only: a re-read under a newer extractor may rewrite a version's
// article, and so its hash, in place, but never adds a version or moves
// when it was fetched.
func versionsOf(t *testing.T, jsonl string, hashes bool) map[string]map[int]string {
	t.Helper()
	out := map[string]map[int]string{}
	sc := bufio.NewScanner(strings.NewReader(jsonl))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			Key         string `json:"key"`
			Version     int    `json:"version"`
			FetchedAt   string `json:"fetched_at"`
			ContentHash string `json:"content_hash"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if out[r.Key] == nil {
			out[r.Key] = map[int]string{}
		}
		out[r.Key][r.Version] = r.FetchedAt
		if hashes {
			out[r.Key][r.Version] += " " + r.ContentHash
		}
	}
	return out
}

// TestLayout2ArchiveUpgrade is the upgrade as a user makes it, through the
// command line in a child process: an archive made by the release before
// layout 3 is refused with a pointer to migrate, migrates, verifies and
// exports the same articles and versions; a re-crawl of the unchanged site
// with this newsarchive adds no version, though its extractor reads pages
// differently and one page's charset is only in the HTTP header, which the
// old archive did not keep.
func TestLayout2ArchiveUpgrade(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := t.TempDir()
	src, err := os.Open("../testdata/layout2/archive.db")
	if err != nil {
		t.Fatal(err)
	}
	dst, _ := os.Create(filepath.Join(dir, "archive.db"))
	io.Copy(dst, src)
	src.Close()
	dst.Close()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(layout2Config), 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../testdata/layout2/export.jsonl")
	if err != nil {
		t.Fatal(err)
	}

	_, errs, code := runChild(t, nil, "--config", cfg, "list")
	if code == 0 || !strings.Contains(errs, "run 'newsarchive migrate'") {
		t.Fatalf("list on a layout-2 archive: exit %d, %q", code, errs)
	}
	out, errs, code := runChild(t, nil, "--config", cfg, "migrate")
	if code != 0 || !strings.Contains(out, "from layout 2 to layout 3") || !strings.HasSuffix(out, "ok\n") {
		t.Fatalf("migrate: exit %d\n%s%s", code, out, errs)
	}
	exported, errs, code := runChild(t, nil, "--config", cfg, "export", "--format", "jsonl", "--all-versions")
	if code != 0 || exported != string(want) {
		t.Fatalf("export after migrate (exit %d, %s) differs from the layout-2 export:\n%s", code, errs, exported)
	}
	if out, _, _ := runChild(t, nil, "--config", cfg, "runs"); strings.Count(out, "\n") != 5 {
		t.Errorf("runs after migrate:\n%s", out)
	}

	// The site as it was at the last crawl of the fixture.
	s := newFixtureSite(t)
	s.setEdition("/news/1", 2)
	s.setEdition("/news/2", 1)
	proxy := []string{"HTTP_PROXY=" + s.URL, "http_proxy=" + s.URL, "NO_PROXY=", "no_proxy="}
	_, errs, code = runChild(t, proxy, "--config", cfg, "crawl", "--job", "news")
	if code != 0 || !strings.Contains(errs, "articles 0 new, 0 changed, 7 unchanged; 0 errors") {
		t.Fatalf("re-crawl of the unchanged site: exit %d\n%s", code, errs)
	}
	after, _, _ := runChild(t, nil, "--config", cfg, "export", "--format", "jsonl", "--all-versions")
	if got, was := versionsOf(t, after, false), versionsOf(t, string(want), false); !equalVersions(got, was) {
		t.Errorf("versions after the re-crawl:\n%v\nwere\n%v", got, was)
	}
	hist, _, _ := runChild(t, nil, "--config", cfg, "history", "http://"+fixtureHost+"/ru/1251.html")
	if !strings.Contains(hist, "(re-read)") || !strings.Contains(hist, "windows-1251 (header) assumed") {
		t.Errorf("history of the header-only windows-1251 page:\n%s", hist)
	}
	hist, _, _ = runChild(t, nil, "--config", cfg, "history", "http://"+fixtureHost+"/old/5")
	if !strings.Contains(hist, "unknown") {
		t.Errorf("history of a page archived before provenance:\n%s", hist)
	}
	// The re-crawl recorded the header-only page's charset, so reextract
	// reads every capture as before.
	if out, _, _ := runChild(t, nil, "--config", cfg, "reextract"); !strings.Contains(out, "(0 with new content)") || strings.Contains(out, "no stored headers") {
		t.Errorf("reextract after the re-crawl:\n%s", out)
	}
	if out, _, code := runChild(t, nil, "--config", cfg, "verify"); code != 0 {
		t.Fatalf("verify after the re-crawl:\n%s", out)
	}
}

func equalVersions(a, b map[string]map[int]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, vs := range a {
		if len(vs) != len(b[k]) {
			return false
		}
		for n, v := range vs {
			if b[k][n] != v {
				return false
			}
		}
	}
	return true
}

// layout2Config is the configuration the layout-2 fixture was crawled
// with (by TestWriteLayout2Fixture, at the commit that added the fixture;
// removed since, as it would now write the current layout).
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
