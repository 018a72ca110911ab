package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
	"newsarchive/extract"
	"newsarchive/store"
)

// archCLI runs the command line on the archive of cfg and returns stdout,
// stderr and the exit code.
func archCLI(t *testing.T, cfg string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Execute(context.Background(), append([]string{"--config", cfg}, args...), &out, &errb)
	return out.String(), errb.String(), code
}

var archT0 = time.Date(2024, 9, 5, 10, 0, 0, 0, time.UTC)

const (
	archEN = "https://www.example.com/news/plant.html"
	archZH = "https://www.chem17.com/news/detail/88.html"
)

// archSeed writes a config with lock_timeout 300ms next to a fresh archive
// holding an English and a Chinese article with two versions each.
func archSeed(t *testing.T) (cfg, db string) {
	t.Helper()
	dir := t.TempDir()
	db = filepath.Join(dir, "archive.db")
	cfg = filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("store: {path: archive.db, lock_timeout: 300ms}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	page := func(title, body string) []byte {
		return []byte("<html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1><p>" + body + "</p></article></body></html>")
	}
	snaps := []store.Snapshot{
		{Key: archEN, URL: archEN + "?utm_source=feed", Status: 200, FetchedAt: archT0, Raw: page("Plant opens", "The plant opened on Monday."),
			Article: &article.Article{URL: archEN, Title: "Plant opens", Text: "The plant opened on Monday.\n\nIt employs 200 people.", PublishedAt: "2024-09-02"}},
		{Key: archEN, URL: archEN, Status: 200, FetchedAt: archT0.Add(24 * time.Hour), Raw: page("Plant opens", "The plant opened on Tuesday."),
			Article: &article.Article{URL: archEN, Title: "Plant opens", Text: "The plant opened on Tuesday.\n\nIt employs 200 people.", PublishedAt: "2024-09-02"}},
		{Key: archZH, URL: archZH, Status: 200, FetchedAt: archT0.Add(time.Hour), Raw: page("仪器展会开幕", "本届展会共有三百家企业参展。"),
			Article: &article.Article{URL: archZH, Title: "仪器展会开幕", Source: "化工仪器网", Text: "本届展会共有三百家企业参展。"}},
		{Key: archZH, URL: archZH, Status: 200, FetchedAt: archT0.Add(48 * time.Hour), Raw: page("仪器展会隆重开幕", "本届展会共有五百家企业参展。"),
			Article: &article.Article{URL: archZH, Title: "仪器展会隆重开幕", Source: "化工仪器网", Text: "本届展会共有五百家企业参展。"}},
	}
	if _, err := st.PutMany(context.Background(), snaps); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddRun(store.Run{Job: "news", Started: archT0, Ended: archT0.Add(time.Minute), Pages: 4, New: 2}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return cfg, db
}

func TestArchiveReadCommands(t *testing.T) {
	cfg, _ := archSeed(t)
	cases := []struct {
		name string
		args []string
		want []string // substrings of stdout
	}{
		{"list", []string{"list"}, []string{archZH + "\t2\t-\t仪器展会隆重开幕\n", archEN + "\t2\t2024-09-02\tPlant opens\n"}},
		{"list site", []string{"list", "--site", "chem17.com"}, []string{archZH}},
		{"history english by alias", []string{"history", archEN + "?utm_source=feed#x"}, []string{archEN, "VERSION", "first version", "text"}},
		{"history chinese", []string{"history", archZH}, []string{"first version", "title, text"}},
		{"diff english", []string{"diff", archEN}, []string{"version 1", "version 2", "title: Plant opens", "[-Monday-]{+Tuesday+}"}},
		{"diff chinese", []string{"diff", archZH, "--from", "1", "--to", "2"}, []string{"title: 仪器展会{+隆重+}开幕", "本届展会共有[-三-]{+五+}百家企业参展。"}},
		{"show latest", []string{"show", "HTTPS://WWW.EXAMPLE.COM/news/plant.html"}, []string{`"version": 2`, `"fetched_at": "2024-09-06T10:00:00Z"`, `"http_status": 200`}},
		{"show version", []string{"show", archZH, "--version", "1"}, []string{`"version": 1`, "三百"}},
		{"show raw", []string{"show", archZH, "--version", "1", "--raw"}, []string{"<html><head><title>仪器展会开幕</title>"}},
		{"stats", []string{"stats"}, []string{"articles:", "2", "versions:", "4", "raw bodies:"}},
		{"runs", []string{"runs", "--job", "news"}, []string{"news", "2024-09-05T10:00:00Z", "1m0s"}},
		{"verify", []string{"verify"}, []string{"ok\n"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := archCLI(t, cfg, c.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
	failures := []struct {
		name string
		args []string
		want string
	}{
		{"unknown url", []string{"show", "https://www.example.com/none"}, "not in the archive"},
		{"no such version", []string{"show", archEN, "--version", "7"}, "not in the archive"},
		{"bad since", []string{"export", "--since", "yesterday"}, "--since"},
		{"bad format", []string{"export", "--format", "xml"}, "unknown export format"},
		{"backup without out", []string{"backup"}, "--out"},
	}
	for _, c := range failures {
		t.Run(c.name, func(t *testing.T) {
			_, errOut, code := archCLI(t, cfg, c.args...)
			if code == 0 || !strings.Contains(errOut, c.want) {
				t.Fatalf("exit %d, stderr %q, want failure mentioning %q", code, errOut, c.want)
			}
		})
	}
}

func TestArchiveExportImport(t *testing.T) {
	cfg, _ := archSeed(t)
	dir := t.TempDir()
	outJSON := filepath.Join(dir, "out.json")
	if _, errOut, code := archCLI(t, cfg, "export", "--out", outJSON); code != 0 {
		t.Fatal(errOut)
	}
	b, _ := os.ReadFile(outJSON)
	var arts []article.Article
	if err := json.Unmarshal(b, &arts); err != nil || len(arts) != 2 {
		t.Fatalf("export json: %d articles, %v", len(arts), err)
	}
	since, _, code := archCLI(t, cfg, "export", "--format", "jsonl", "--all-versions", "--since", "2024-09-06")
	if code != 0 || strings.Count(since, "\n") != 2 {
		t.Fatalf("--since exported:\n%s", since)
	}
	all, _, _ := archCLI(t, cfg, "export", "--format", "jsonl", "--all-versions")
	dump := filepath.Join(dir, "all.jsonl")
	os.WriteFile(dump, []byte(all), 0o644)

	cfg2 := filepath.Join(dir, "c2.yaml")
	os.WriteFile(cfg2, []byte("store: {path: copy.db}\n"), 0o644)
	out, errOut, code := archCLI(t, cfg2, "import", dump)
	if code != 0 || !strings.Contains(out, "4 versions added (2 new articles)") {
		t.Fatalf("import: %s %s", out, errOut)
	}
	again, _, _ := archCLI(t, cfg2, "export", "--format", "jsonl", "--all-versions")
	if again != all {
		t.Fatalf("export → import → export differs:\n%s\n%s", all, again)
	}
}

// TestArchiveLockedThenIdle: while another process holds the archive (a
// crawl run) read commands wait store.lock_timeout and fail clearly,
// leaving no half-written --out file; once it is released (a schedule
// daemon between runs) they succeed.
func TestArchiveLockedThenIdle(t *testing.T) {
	cfg, db := archSeed(t)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "export.json")
	for _, args := range [][]string{{"export", "--out", out}, {"list"}, {"history", archEN}, {"show", archEN}, {"verify"}} {
		start := time.Now()
		_, errOut, code := archCLI(t, cfg, args...)
		if code == 0 || !strings.Contains(errOut, "in use by another newsarchive process") {
			t.Fatalf("%v while locked: exit %d, %q", args, code, errOut)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("%v waited %s", args, d)
		}
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("export left a file while locked: %v", err)
	}
	st.Close()
	if _, errOut, code := archCLI(t, cfg, "export", "--out", out); code != 0 {
		t.Fatalf("export after release: %s", errOut)
	}
}

func TestArchiveVerifyBackup(t *testing.T) {
	cfg, db := archSeed(t)
	dir := t.TempDir()
	bak := filepath.Join(dir, "backup.db")
	if out, errOut, code := archCLI(t, cfg, "backup", "--out", bak); code != 0 || !strings.Contains(out, "wrote") {
		t.Fatalf("backup: %s %s", out, errOut)
	}
	if out, _, code := archCLI(t, cfg, "--db", bak, "verify"); code != 0 {
		t.Fatalf("backup does not verify: %s", out)
	}
	if out, _, _ := archCLI(t, cfg, "--db", bak, "list"); strings.Count(out, "\n") != 2 {
		t.Fatalf("backup list: %s", out)
	}
	// Break the time index by hand: verify must fail.
	bdb, err := bolt.Open(db, 0o644, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	bdb.Update(func(tx *bolt.Tx) error {
		c := tx.Bucket([]byte("bytime")).Cursor()
		k, _ := c.First()
		return c.Bucket().Delete(append([]byte{}, k...))
	})
	bdb.Close()
	out, errOut, code := archCLI(t, cfg, "verify")
	if code == 0 || !strings.Contains(out, "missing from the time index") || !strings.Contains(errOut, "inconsistent") {
		t.Fatalf("verify of a broken index: exit %d\n%s\n%s", code, out, errOut)
	}
}

func TestArchiveReextract(t *testing.T) {
	cfg, _ := archSeed(t)
	before, _, _ := archCLI(t, cfg, "export", "--format", "jsonl", "--all-versions")
	out, errOut, code := archCLI(t, cfg, "reextract")
	if code != 0 {
		t.Fatalf("reextract: %s", errOut)
	}
	// The seeded articles are not what the extractor makes of their raw
	// HTML (the English one has a second paragraph the page lacks): every
	// version is re-read in place, none added.
	if !strings.Contains(out, "re-read 4 versions of 2 articles") || !strings.Contains(out, "4 refreshed (4 with new content)") {
		t.Fatalf("reextract: %s", out)
	}
	if vs := strings.Count(before, "\n"); vs != 4 {
		t.Fatalf("seeded %d versions", vs)
	}
	after, _, _ := archCLI(t, cfg, "export", "--format", "jsonl", "--all-versions")
	if strings.Count(after, "\n") != 4 {
		t.Fatalf("reextract changed the number of versions:\n%s", after)
	}
	show, _, _ := archCLI(t, cfg, "show", archEN)
	var a article.Article
	if err := json.Unmarshal([]byte(show), &a); err != nil {
		t.Fatal(err)
	}
	if a.Version != 2 || strings.Contains(a.Text, "200 people") || a.FetchedAt != "2024-09-06T10:00:00Z" {
		t.Fatalf("latest after reextract: v%d fetched %s %q", a.Version, a.FetchedAt, a.Text)
	}
	if !strings.Contains(show, `"refreshed": true`) || !strings.Contains(show, `"extractor": "`+extract.Version+`"`) {
		t.Errorf("show does not say the version was re-read:\n%s", show)
	}
	// The original extraction stays retrievable.
	orig, _, code := archCLI(t, cfg, "show", archEN, "--version", "2", "--original")
	if code != 0 || !strings.Contains(orig, "200 people") || !strings.Contains(orig, `"extractor": "unknown"`) {
		t.Errorf("show --original:\n%s", orig)
	}
	hist, _, _ := archCLI(t, cfg, "history", archEN)
	if !strings.Contains(hist, extract.Version+" (re-read)") {
		t.Errorf("history does not show the re-reading:\n%s", hist)
	}
	// A second run finds every version as the extractor reads it.
	out, _, _ = archCLI(t, cfg, "reextract")
	if !strings.Contains(out, "0 refreshed") || !strings.Contains(out, "4 unchanged") {
		t.Fatalf("second reextract: %s", out)
	}
	if out, _, code := archCLI(t, cfg, "verify"); code != 0 {
		t.Fatalf("verify after reextract: %s", out)
	}
}
