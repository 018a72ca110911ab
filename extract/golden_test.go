package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"newsarchive/article"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output (after bumping Version)")

// goldenDir holds one output file per fixture page and VERSION, the
// extract.Version the outputs were made with.
const goldenDir = "testdata/golden"

// goldenPage is one fixture page and how it is fetched.
type goldenPage struct {
	name, path, url, contentType string
}

// goldenPages lists the fixture pages: every page of testdata (with the
// URL its .json names) and the pages of testdata/golden/pages, whose
// charset some declare only in the HTTP header.
func goldenPages(t *testing.T) []goldenPage {
	t.Helper()
	var out []goldenPage
	files, _ := filepath.Glob("testdata/*.html")
	meta, _ := filepath.Glob("testdata/meta/*.html")
	for _, f := range append(files, meta...) {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "testdata/"), ".html")
		u := "https://fixture.example/" + name + ".html"
		if b, err := os.ReadFile(strings.TrimSuffix(f, ".html") + ".json"); err == nil {
			var e expected
			if json.Unmarshal(b, &e) == nil && e.URL != "" {
				u = e.URL
			}
		}
		out = append(out, goldenPage{name: strings.ReplaceAll(name, "/", "-"), path: f, url: u})
	}
	headerOnly := map[string]string{
		"ru-windows-1251": "text/html; charset=windows-1251",
		"ja-shift_jis":    "text/html; charset=Shift_JIS",
		"unsafe-html":     "text/html; charset=utf-8",
	}
	pages, _ := filepath.Glob(filepath.Join(goldenDir, "pages", "*.html"))
	for _, f := range pages {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		out = append(out, goldenPage{name: "page-" + name, path: f, url: "https://fixture.example/news/" + name + ".html", contentType: headerOnly[name]})
	}
	if len(out) < 10 {
		t.Fatalf("only %d golden pages", len(out))
	}
	return out
}

// goldenOutput is what a page's golden file holds: everything an archived
// version takes from the extractor.
func goldenOutput(r *Result) []byte {
	a := r.Article
	a.Normalize()
	v := struct {
		IsArticle     bool            `json:"is_article"`
		Charset       string          `json:"charset"`
		CharsetSource string          `json:"charset_source"`
		Article       article.Article `json:"article"`
	}{r.IsArticle, r.Charset, r.CharsetSource, a}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(v)
	return buf.Bytes()
}

// goldenProblems compares outputs with the golden ones made by extractor
// version made; it returns what is wrong, nothing when they agree.
func goldenProblems(version, made string, got, golden map[string][]byte) []string {
	var changed, added []string
	for name, g := range got {
		switch w, ok := golden[name]; {
		case !ok:
			added = append(added, name)
		case !bytes.Equal(g, w):
			changed = append(changed, name)
		}
	}
	for name := range golden {
		if _, ok := got[name]; !ok {
			changed = append(changed, name+" (gone)")
		}
	}
	sort.Strings(changed)
	sort.Strings(added)
	switch {
	case version != made:
		return []string{fmt.Sprintf("extract.Version is %q but the golden outputs were made by %q: regenerate them with go test ./extract -run TestGolden -update", version, made)}
	case len(changed) > 0:
		return []string{fmt.Sprintf("output changed on %s: bump extract.Version and regenerate with go test ./extract -run TestGolden -update", strings.Join(changed, ", "))}
	case len(added) > 0:
		return []string{fmt.Sprintf("no golden output for the new fixture %s: write it with go test ./extract -run TestGolden -update", strings.Join(added, ", "))}
	}
	return nil
}

// TestGolden fails when the extractor's output on the fixture pages changes
// while Version stays the same, so that every output change comes with a
// new version (and the archive knows which versions to re-read).
func TestGolden(t *testing.T) {
	got := map[string][]byte{}
	for _, p := range goldenPages(t) {
		raw, err := os.ReadFile(p.path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := FromBytes(raw, p.contentType, Options{URL: p.url})
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		got[p.name] = goldenOutput(r)
	}
	if *update {
		os.RemoveAll(filepath.Join(goldenDir, "out"))
		if err := os.MkdirAll(filepath.Join(goldenDir, "out"), 0o755); err != nil {
			t.Fatal(err)
		}
		for name, b := range got {
			if err := os.WriteFile(filepath.Join(goldenDir, "out", name+".json"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(goldenDir, "VERSION"), []byte(Version+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	made, err := os.ReadFile(filepath.Join(goldenDir, "VERSION"))
	if err != nil {
		t.Fatal(err)
	}
	golden := map[string][]byte{}
	outs, _ := filepath.Glob(filepath.Join(goldenDir, "out", "*.json"))
	for _, f := range outs {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		golden[strings.TrimSuffix(filepath.Base(f), ".json")] = b
	}
	for _, p := range goldenProblems(Version, strings.TrimSpace(string(made)), got, golden) {
		t.Error(p)
	}
}

// TestGoldenProblems: the check itself catches an output change without a
// version bump, and a bump without regenerated outputs.
func TestGoldenProblems(t *testing.T) {
	out := map[string][]byte{"a": []byte("1"), "b": []byte("2")}
	cases := []struct {
		name          string
		version, made string
		got           map[string][]byte
		want          string // substring of the problem; "" for none
	}{
		{"same", "v1", "v1", out, ""},
		{"output changed, no bump", "v1", "v1", map[string][]byte{"a": []byte("1"), "b": []byte("3")}, "output changed on b: bump extract.Version"},
		{"fixture added", "v1", "v1", map[string][]byte{"a": []byte("1"), "b": []byte("2"), "c": nil}, "no golden output for the new fixture c"},
		{"fixture added and output changed", "v1", "v1", map[string][]byte{"a": []byte("0"), "b": []byte("2"), "c": nil}, "output changed on a: bump"},
		{"page gone, no bump", "v1", "v1", map[string][]byte{"a": []byte("1")}, "b (gone)"},
		{"bumped, not regenerated", "v2", "v1", out, "regenerate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := goldenProblems(c.version, c.made, c.got, out)
			switch {
			case c.want == "" && len(p) > 0:
				t.Errorf("problems %q, want none", p)
			case c.want != "" && (len(p) != 1 || !strings.Contains(p[0], c.want)):
				t.Errorf("problems %q, want one with %q", p, c.want)
			}
		})
	}
}
