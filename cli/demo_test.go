package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsarchive/article"
	"newsarchive/config"
)

// TestDemo runs the whole offline demo — a crawl of the bundled site, an
// edit, a re-crawl, an export — and checks what a newcomer would look at.
func TestDemo(t *testing.T) {
	dir := t.TempDir()
	var out, errs bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errs}
	db := filepath.Join(dir, "archive.db")
	if err := RunDemo(context.Background(), env, config.Default(), DemoOptions{DB: db}); err != nil {
		t.Fatalf("demo: %v\nstdout:\n%s\nstderr:\n%s", err, out.String(), errs.String())
	}
	for _, want := range []string{"articles 15 new", "1 changed", "v2", "changed: text", "bin/newsarchive serve --db " + db + "\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo output lacks %q:\n%s", want, out.String())
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "articles.json"))
	if err != nil {
		t.Fatal(err)
	}
	var arts []article.Article
	if err := json.Unmarshal(b, &arts); err != nil {
		t.Fatalf("export is not a JSON array of articles: %v", err)
	}
	if len(arts) != 15 {
		t.Fatalf("exported %d articles, want 15", len(arts))
	}
	// The GBK-encoded Chinese industry-news pages come out as UTF-8 with
	// their label lines read as metadata and kept out of the body.
	var zh int
	for _, a := range arts {
		if !strings.HasPrefix(a.Language, "zh") {
			continue
		}
		zh++
		if a.Title == "" || a.Source == "" || len(a.Authors) == 0 || a.PublishedAt == "" {
			t.Errorf("%s: title/source/authors/date = %q/%q/%v/%q", a.URL, a.Title, a.Source, a.Authors, a.PublishedAt)
		}
		for _, junk := range []string{"来源：", "来源:", "点击量", "版权与免责声明", "相关阅读", "來源", "點擊量", "相關閱讀"} {
			if strings.Contains(a.Text, junk) {
				t.Errorf("%s: text contains %q", a.URL, junk)
			}
		}
		if strings.ContainsRune(a.Text, '\uFFFD') || strings.ContainsRune(a.Title, '\uFFFD') {
			t.Errorf("%s: mis-decoded text (U+FFFD)", a.URL)
		}
	}
	if zh < 4 {
		t.Errorf("only %d Chinese articles exported, want at least 4", zh)
	}
}
