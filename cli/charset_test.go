package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"newsarchive/extract"
)

// headerCharsetPages are pages whose charset only the HTTP Content-Type
// header names: no BOM, no <meta>.
var headerCharsetPages = []struct {
	path, label, charset string // charset: the name decode reports
	enc                  encoding.Encoding
	title, para          string
}{
	{"/ru/1", "windows-1251", "windows-1251", charmap.Windows1251, "Новости порта",
		"Совет порта во вторник согласовал строительство северного причала после общественных слушаний, собравших много отзывов жителей."},
	{"/ja/1", "Shift_JIS", "shift_jis", japanese.ShiftJIS, "港の再開発計画がまとまる",
		"市議会は火曜日、港の北側埠頭を再開発する計画を承認した。住民説明会には多くの意見が寄せられ、工事は来年の春に始まる。"},
	{"/zh/1", "GBK", "gb18030", simplifiedchinese.GBK, "检测仪器出口量同比增长三成",
		"海关数据显示，今年前两个月国产检测仪器出口量同比增长约三成，东南亚和中东市场需求明显回升，多家企业扩充产线。"},
	{"/tw/1", "Big5", "big5", traditionalchinese.Big5, "智慧農業感測器試點擴大",
		"農業部門表示，智慧農業感測器試點計畫今年擴大至五個縣市，農民可即時掌握土壤濕度與氣候變化，提升產量。"},
}

func newCharsetSite(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	var index strings.Builder
	for _, p := range headerCharsetPages {
		fmt.Fprintf(&index, `<p><a href="%s">%s</a></p>`, p.path, p.label)
		var b strings.Builder
		fmt.Fprintf(&b, `<!DOCTYPE html><html><head><title>%s</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"%s","datePublished":"2025-03-12T08:00:00Z"}</script></head>
<body><article><h1>%s</h1>`, p.title, p.title, p.title)
		for range 4 {
			fmt.Fprintf(&b, "<p>%s</p>\n", p.para)
		}
		b.WriteString("</article></body></html>")
		raw, err := p.enc.NewEncoder().Bytes([]byte(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		ct := "text/html; charset=" + p.label
		mux.HandleFunc(p.path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", ct)
			w.Write(raw)
		})
	}
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, index.String())
	})
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// showArticle is what show prints: the article and its provenance.
type showArticle struct {
	Title      string `json:"title"`
	Text       string `json:"text"`
	Version    int    `json:"version"`
	Provenance struct {
		Extractor     string `json:"extractor"`
		Charset       string `json:"charset"`
		CharsetSource string `json:"charset_source"`
		Fetch         any    `json:"fetch"`
	} `json:"provenance"`
}

func showOf(t *testing.T, cfg, u string) showArticle {
	t.Helper()
	out, errs, code := run(context.Background(), "--config", cfg, "show", u)
	if code != 0 {
		t.Fatalf("show %s: %s", u, errs)
	}
	var a showArticle
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestHeaderCharsetsThroughReextractAndImport: pages in windows-1251,
// Shift_JIS, GBK and Big5 whose charset only the HTTP header declares
// read the same after reextract as the crawl read them, with no version
// added; an export with provenance imported elsewhere keeps the text and
// the charset decision.
func TestHeaderCharsetsThroughReextractAndImport(t *testing.T) {
	s := newCharsetSite(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte(fmt.Sprintf(`store: {path: archive.db, lock_timeout: 5s}
crawler: {per_host_delay: 0s, retries: 0, timeout: 5s}
jobs:
  - name: cs
    seeds: ["%s/"]
    max_depth: 1
    articles: ['/\w\w/1$']
`, s.URL)), 0o644)
	if _, errs, code := run(context.Background(), "--config", cfg, "crawl"); code != 0 || !strings.Contains(errs, "articles 4 new") {
		t.Fatalf("crawl: %s", errs)
	}
	crawled := map[string]showArticle{}
	for _, p := range headerCharsetPages {
		a := showOf(t, cfg, s.URL+p.path)
		if a.Title != p.title || !strings.Contains(a.Text, p.para) {
			t.Errorf("%s: crawled as %q / %.60q", p.label, a.Title, a.Text)
		}
		if a.Provenance.Charset != p.charset || a.Provenance.CharsetSource != "header" {
			t.Errorf("%s: charset %q from %q", p.label, a.Provenance.Charset, a.Provenance.CharsetSource)
		}
		crawled[p.path] = a
	}
	// show displays the whole provenance of a version; history a summary.
	shown, _, _ := run(context.Background(), "--config", cfg, "show", s.URL+"/ja/1")
	for _, want := range []string{`"status_line": "HTTP/1.1 200 OK"`, `"Content-Type": [`, `"text/html; charset=Shift_JIS"`,
		`"Content-Length": [`, `"Date": [`, `"User-Agent": [`, `"final_url": "` + s.URL + `/ja/1"`,
		`"remote_addr": "` + s.Listener.Addr().String() + `"`, `"extractor": "` + extract.Version + `"`, `"refreshed": false`} {
		if !strings.Contains(shown, want) {
			t.Errorf("show lacks %s:\n%s", want, shown)
		}
	}
	hist, _, _ := run(context.Background(), "--config", cfg, "history", s.URL+"/ja/1")
	if !strings.Contains(hist, "EXTRACTOR") || !strings.Contains(hist, extract.Version) || !strings.Contains(hist, "shift_jis (header)") {
		t.Errorf("history:\n%s", hist)
	}
	before, _, _ := run(context.Background(), "--config", cfg, "export", "--format", "jsonl", "--all-versions")

	out, errs, code := run(context.Background(), "--config", cfg, "reextract")
	if code != 0 || !strings.Contains(out, "re-read 4 versions of 4 articles") || !strings.Contains(out, "(0 with new content)") {
		t.Fatalf("reextract: %s %s", out, errs)
	}
	after, _, _ := run(context.Background(), "--config", cfg, "export", "--format", "jsonl", "--all-versions")
	if !equalVersions(versionsOf(t, after, true), versionsOf(t, before, true)) {
		t.Errorf("reextract changed the versions:\n%s\nwere\n%s", after, before)
	}
	for _, p := range headerCharsetPages {
		if a := showOf(t, cfg, s.URL+p.path); a.Text != crawled[p.path].Text || a.Title != p.title || a.Version != 1 {
			t.Errorf("%s after reextract: v%d %q / %.60q", p.label, a.Version, a.Title, a.Text)
		}
	}

	dump := filepath.Join(dir, "dump.jsonl")
	if _, errs, code := run(context.Background(), "--config", cfg, "export", "--format", "jsonl", "--all-versions", "--provenance", "--out", dump); code != 0 {
		t.Fatal(errs)
	}
	cfg2 := filepath.Join(dir, "other.yaml")
	os.WriteFile(cfg2, []byte("store: {path: other.db}\n"), 0o644)
	if out, errs, code := run(context.Background(), "--config", cfg2, "import", dump); code != 0 || !strings.Contains(out, "4 versions added") {
		t.Fatalf("import: %s %s", out, errs)
	}
	for _, p := range headerCharsetPages {
		a := showOf(t, cfg2, s.URL+p.path)
		if a.Text != crawled[p.path].Text || a.Provenance.Charset != p.charset || a.Provenance.CharsetSource != "header" || a.Provenance.Fetch == "unknown" {
			t.Errorf("%s imported: %q charset %q (%s), fetch %v", p.label, a.Title, a.Provenance.Charset, a.Provenance.CharsetSource, a.Provenance.Fetch)
		}
	}
	if out, _, _ := run(context.Background(), "--config", cfg2, "history", s.URL+"/ru/1"); !strings.Contains(out, "windows-1251 (header)") {
		t.Errorf("history of the imported page:\n%s", out)
	}
	if out, _, _ := run(context.Background(), "--config", cfg2, "reextract"); !strings.Contains(out, "4 without raw HTML") {
		t.Errorf("reextract of an imported archive: %s", out)
	}
}
