package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/search"
	"newsarchive/store"
)

// twoLanguageSite serves an English and a Chinese story whose bodies the
// test can edit.
type twoLanguageSite struct {
	*httptest.Server
	mu   sync.Mutex
	body map[string]string // path → extra paragraph
}

const (
	enPath = "/news/1"
	zhPath = "/news/2"
)

func newTwoLanguageSite(t *testing.T) *twoLanguageSite {
	s := &twoLanguageSite{body: map[string]string{
		enPath: "A union spokesman said the strike would last until Tuesday.",
		zhPath: "检测机构表示，新标准将于明年一月起正式实施。",
	}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		extra := s.body[r.URL.Path]
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/robots.txt":
			io.WriteString(w, "User-agent: *\nAllow: /\n")
		case "/":
			fmt.Fprintf(w, `<html><body><a href="%s">en</a> <a href="%s">zh</a></body></html>`, enPath, zhPath)
		case enPath:
			fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><title>Ferry crews walk out as harbour pay talks collapse</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Ferry crews walk out as harbour pay talks collapse","datePublished":"2025-03-14T09:20:00Z","author":{"@type":"Person","name":"Maria Okafor"}}</script></head>
<body><article><h1>Ferry crews walk out as harbour pay talks collapse</h1>
<p>Ferry crews walked out on Friday after pay talks with the harbour operator collapsed, leaving thousands of commuters without a crossing.</p>
<p>%s</p>
<p>The mayor urged both sides to return to talks and said her office had offered to host them at the town hall next week.</p></article></body></html>`, extra)
		case zhPath:
			fmt.Fprintf(w, `<!DOCTYPE html><html lang="zh-CN"><head><title>首批绿色低碳检测实验室名单公布</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"首批绿色低碳检测实验室名单公布","datePublished":"2025-03-14T09:20:11+08:00","author":{"@type":"Person","name":"林晓舟"}}</script></head>
<body><article><h1>首批绿色低碳检测实验室名单公布</h1>
<p>日前，湖畔省市场监管部门公布首批绿色低碳检测实验室名单，共有37家实验室入选，覆盖12个省份的能源、化工、建材等行业。</p>
<p>%s</p>
<p>业内人士认为，名单的公布将推动检测行业向绿色低碳方向转型升级。</p></article></body></html>`, extra)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *twoLanguageSite) edit(path, extra string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.body[path] = extra
}

func searchConfig(t *testing.T, s *twoLanguageSite) (cfg, db string) {
	dir := t.TempDir()
	cfg = filepath.Join(dir, "config.yaml")
	err := os.WriteFile(cfg, []byte(fmt.Sprintf(`store: {path: archive.db, lock_timeout: 5s}
crawler: {per_host_delay: 0s, retries: 0}
jobs:
  - name: news
    seeds: ["%s/"]
    max_depth: 1
    articles: ['/news/\d+$']
`, s.URL)), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	return cfg, filepath.Join(dir, "archive.db")
}

// mustOut is mustRun's standard output.
func mustOut(t *testing.T, args ...string) string {
	t.Helper()
	out, _ := mustRun(t, args...)
	return out
}

func TestSearchAfterCrawls(t *testing.T) {
	s := newTwoLanguageSite(t)
	cfg, _ := searchConfig(t, s)
	mustOut(t, "--config", cfg, "crawl")
	// The crawl indexed what it archived (verify does not catch up).
	if out := mustOut(t, "--config", cfg, "verify"); !strings.Contains(out, "search index: 2 versions, in step") {
		t.Errorf("verify after the first crawl:\n%s", out)
	}
	cases := []struct{ name, query, want string }{
		{"Chinese phrase", `"检测实验室"`, s.URL + zhPath + "\tv1\t首批绿色低碳检测实验室名单公布"},
		{"Chinese fragment is marked", `"新标准"`, "«新标准»"},
		{"English stemmed", `walking`, s.URL + enPath + "\tv1\tFerry crews"},
		{"English fragment is marked", `strikes`, "«strike»"},
	}
	for _, c := range cases {
		out := mustOut(t, "--config", cfg, "search", c.query)
		if !strings.Contains(out, c.want) || strings.Count(out, "\n") != 1 {
			t.Errorf("%s: search %s:\n%s\nwant one line with %q", c.name, c.query, out, c.want)
		}
	}

	// The site deletes a sentence from each story; the next crawl archives
	// version 2 and indexes it in the same run.
	s.edit(enPath, "")
	s.edit(zhPath, "")
	mustOut(t, "--config", cfg, "crawl")
	for _, q := range []string{`"strike would last"`, `"新标准"`} {
		if out := mustOut(t, "--config", cfg, "search", q); out != "" {
			t.Errorf("search %s finds the latest version, which lost it:\n%s", q, out)
		}
		out := mustOut(t, "--config", cfg, "search", "--removed", q)
		if !strings.Contains(out, "\tv1 (gone in v2)\t") || strings.Count(out, "\n") != 1 {
			t.Errorf("search --removed %s:\n%s\nwant version 1, gone in v2", q, out)
		}
		out = mustOut(t, "--config", cfg, "search", "--all-versions", "--format", "jsonl", q)
		if !strings.Contains(out, `"version":1`) || strings.Contains(out, `"version":2`) {
			t.Errorf("search --all-versions %s:\n%s", q, out)
		}
	}
	if out := mustOut(t, "--config", cfg, "verify"); !strings.Contains(out, "search index: 4 versions, in step") {
		t.Errorf("verify:\n%s", out)
	}
}

func TestSearchBadQueries(t *testing.T) {
	s := newTwoLanguageSite(t)
	cfg, _ := searchConfig(t, s)
	mustOut(t, "--config", cfg, "crawl")
	for _, c := range []struct{ query, want string }{
		{`(ferry OR talks`, `bad query at column 1: "(" is never closed`},
		{`ferry AND`, `bad query at column 7: AND needs something on its right`},
		{`"检测实验室`, `bad query at column 1: the phrase is never closed`},
		{`published:>=2024-13`, `bad query at column 11: published: "2024-13" is not a date`},
	} {
		out, errs, code := run(context.Background(), "--config", cfg, "search", c.query)
		if code != 2 || out != "" || !strings.Contains(errs, c.want) || strings.Count(errs, "\n") != 1 {
			t.Errorf("search %s: exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", c.query, code, out, errs, c.want)
		}
	}
}

// TestSearchCatchesUpAfterKill archives a version with no index open, as
// a crawl killed with -9 before its batch reached the index leaves it:
// verify reports the index behind, and the next command that opens the
// index indexes it.
func TestSearchCatchesUpAfterKill(t *testing.T) {
	s := newTwoLanguageSite(t)
	cfg, db := searchConfig(t, s)
	mustOut(t, "--config", cfg, "crawl")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Put(context.Background(), store.Snapshot{Key: s.URL + "/news/3", URL: s.URL + "/news/3", Status: 200, FetchedAt: time.Now(),
		Article: &article.Article{Title: "半導體檢測設備需求升溫", Language: "zh-tw", Text: "受惠於先進製程擴產，半導體檢測設備需求持續升溫。"}})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	out, _, code := run(context.Background(), "--config", cfg, "verify")
	if code != 0 || !strings.Contains(out, "search index: ") || !strings.Contains(out, "lacks the versions after id 2") {
		t.Errorf("verify with the index behind: exit %d\n%s", code, out)
	}
	out = mustOut(t, "--config", cfg, "search", `"檢測設備"`)
	if !strings.Contains(out, s.URL+"/news/3\tv1\t") {
		t.Errorf("search after the kill:\n%s", out)
	}
	if out := mustOut(t, "--config", cfg, "verify"); !strings.Contains(out, "in step") {
		t.Errorf("verify after catching up:\n%s", out)
	}
}

func TestSearchMissingOrCorruptIndex(t *testing.T) {
	s := newTwoLanguageSite(t)
	cfg, db := searchConfig(t, s)
	mustOut(t, "--config", cfg, "crawl")
	dir := search.Path(db)
	for _, c := range []struct {
		name   string
		break_ func()
	}{
		{"missing", func() { os.RemoveAll(dir) }},
		{"corrupt", func() { os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{not json"), 0o644) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.break_()
			_, errs, code := run(context.Background(), "--config", cfg, "search", "ferry")
			if code != 1 || !strings.Contains(errs, "run newsarchive reindex") || strings.Count(errs, "\n") != 1 {
				t.Errorf("search with a %s index: exit %d, %q", c.name, code, errs)
			}
			if out := mustOut(t, "--config", cfg, "list"); strings.Count(out, "\n") < 2 {
				t.Errorf("list with a %s index:\n%s", c.name, out)
			}
			// A crawl carries on: it rebuilds a missing index, and only
			// warns about a corrupt one.
			_, errs, code = run(context.Background(), "--config", cfg, "crawl")
			if code != 0 || (c.name == "corrupt") != strings.Contains(errs, "search index not updated") {
				t.Errorf("crawl with a %s index: exit %d\n%s", c.name, code, errs)
			}
			if out := mustOut(t, "--config", cfg, "reindex"); !strings.Contains(out, "indexed 2 versions") {
				t.Errorf("reindex: %s", out)
			}
			if out := mustOut(t, "--config", cfg, "search", "ferry"); !strings.Contains(out, enPath) {
				t.Errorf("search after reindex:\n%s", out)
			}
		})
	}
}
