package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSet lays out a tiny sh set (gzipped page, ground-truth.json) and a
// zh-dev set (plain page) the way the dev sets are laid out.
func writeSet(t *testing.T, root, shBody string) {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "sh", "html"), 0o755))
	must(os.MkdirAll(filepath.Join(root, "zh-dev", "original"), 0o755))
	must(os.WriteFile(filepath.Join(root, "sh", "ground-truth.json"), []byte(`{"a1": {"url": "https://news.example/a1.html"}}`), 0o644))
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("<html><head><title>Invented story</title></head><body><article><p>" + shBody + "</p></article></body></html>"))
	must(zw.Close())
	must(os.WriteFile(filepath.Join(root, "sh", "html", "a1.html.gz"), gz.Bytes(), 0o644))
	must(os.WriteFile(filepath.Join(root, "zh-dev", "original", "z1.html"), []byte(`<text id="https://zh.example/1.html"><html><body><p>湖畔新闻 正文一段。</p></body></html>`), 0o644))
}

func TestRun(t *testing.T) {
	tests := []struct {
		name        string
		second      string
		wantChanged int
		wantLine    string
	}{
		{"same output", "A made-up paragraph about a harbour that stays the same.", 0, "sh           1 pages, 0 differ"},
		{"changed body", "A different made-up paragraph about a bridge.", 1, "changed  sh/a1 Article.html,Article.text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, dir := t.TempDir(), t.TempDir()
			out, base := filepath.Join(dir, "run"), filepath.Join(dir, "base")
			only := []string{"sh", "zh-dev"}
			writeSet(t, data, "A made-up paragraph about a harbour that stays the same.")
			var w bytes.Buffer
			if n, err := run(&w, data, out, base, only, false); err != nil || n != 0 {
				t.Fatalf("first run: %d, %v", n, err)
			}
			if !strings.Contains(w.String(), "now the base") {
				t.Fatalf("first run did not become the base:\n%s", w.String())
			}
			if _, err := os.Stat(filepath.Join(base, "zh-dev", "z1.json")); err != nil {
				t.Fatal(err)
			}
			writeSet(t, data, tc.second)
			w.Reset()
			n, err := run(&w, data, out, base, only, false)
			if err != nil || n != tc.wantChanged {
				t.Fatalf("second run: %d changed, %v; want %d\n%s", n, err, tc.wantChanged, w.String())
			}
			if !strings.Contains(w.String(), tc.wantLine) {
				t.Errorf("output lacks %q:\n%s", tc.wantLine, w.String())
			}
		})
	}
}

func TestLoadUnknownOrEmptySet(t *testing.T) {
	for _, set := range []string{"nope", "sh"} {
		if _, err := load(t.TempDir(), set); err == nil {
			t.Errorf("load(%q) on an empty root: no error", set)
		}
	}
}
