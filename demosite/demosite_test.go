package demosite

import (
	"bytes"
	"encoding/xml"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"newsarchive/decode"
)

// get fetches path from srv with optional request headers.
func get(t *testing.T, srv *httptest.Server, path string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func newServer(t *testing.T) (*Site, *httptest.Server) {
	t.Helper()
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv
}

func TestPagesServe(t *testing.T) {
	site, srv := newServer(t)
	tests := []struct {
		name, path string
		status     int
		ctype      string
	}{
		{"front", "/", 200, "text/html; charset=utf-8"},
		{"section", "/world/", 200, "text/html; charset=utf-8"},
		{"section page 2", "/world/page/2/", 200, "text/html; charset=utf-8"},
		{"tech page 2", "/tech/page/2/", 200, "text/html; charset=utf-8"},
		{"chinese section in GBK, meta only", "/industry/", 200, "text/html"},
		{"chinese section page 2", "/industry/page/2/", 200, "text/html"},
		{"traditional section", "/tw/", 200, "text/html; charset=utf-8"},
		{"tag", "/tag/transport/", 200, "text/html; charset=utf-8"},
		{"tag with space", "/tag/open-data/", 200, "text/html; charset=utf-8"},
		{"robots", "/robots.txt", 200, "text/plain; charset=utf-8"},
		{"sitemap", "/sitemap.xml", 200, "application/xml; charset=utf-8"},
		{"feed", "/feed.xml", 200, "application/rss+xml; charset=utf-8"},
		{"pdf", pdfPath, 200, "application/pdf"},
		{"image", "/img/ferry-terminal.png", 200, "image/png"},
		{"logo", logoPath, 200, "image/png"},
		{"admin exists (robots keeps crawlers out)", "/admin/", 200, "text/html; charset=utf-8"},
		{"tracking parameters ignored", "/world/2025/03/14/ferry-crews-walk-out-harbour-pay-talks.html?utm_source=rss", 200, "text/html; charset=utf-8"},
		{"unknown page", "/world/2019/nothing.html", 404, "text/html; charset=utf-8"},
		{"page past the end", "/world/page/3/", 404, "text/html; charset=utf-8"},
		{"unknown tag", "/tag/astrology/", 404, "text/html; charset=utf-8"},
		{"unknown image", "/img/nothing.png", 404, "text/html; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, srv, tt.path)
			if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if ct := resp.Header.Get("Content-Type"); ct != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", ct, tt.ctype)
			}
			if len(body) == 0 {
				t.Error("empty body")
			}
		})
	}
	wantType := map[string]string{
		"utf-8": "text/html; charset=utf-8", "gbk-meta": "text/html",
		"gbk-httpequiv": "text/html", "gbk-header": "text/html; charset=GBK",
	}
	for _, a := range site.Articles() {
		t.Run("article "+a.Path, func(t *testing.T) {
			resp, body := get(t, srv, a.Path)
			if resp.StatusCode != 200 {
				t.Fatalf("status = %d", resp.StatusCode)
			}
			if ct := resp.Header.Get("Content-Type"); ct != wantType[a.Encoding] {
				t.Errorf("Content-Type = %q, want %q", ct, wantType[a.Encoding])
			}
			if resp.Header.Get("ETag") == "" || resp.Header.Get("Last-Modified") == "" {
				t.Error("no ETag or Last-Modified")
			}
			page := string(decode.ToUTF8(body, resp.Header.Get("Content-Type")).HTML)
			canon := `<link rel="canonical" href="` + srv.URL + a.Path + `">`
			if !strings.Contains(page, canon) {
				t.Errorf("no %s", canon)
			}
			if !strings.Contains(page, html.EscapeString(a.Title)) {
				t.Errorf("title %q not on the page", a.Title)
			}
		})
	}
	resp, _ := get(t, srv, "/")
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/", nil)
	if resp, err := srv.Client().Do(req); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST / = %v %v, want 405", resp.StatusCode, err)
	}
	_ = resp
}

func TestChinesePagesDecode(t *testing.T) {
	site, srv := newServer(t)
	tests := []struct {
		name, path  string
		encoding    string
		source      string // decode.Result.Source expected
		wantStrings []string
	}{
		{"GBK with meta charset", "/industry/2025/03/14/20250314092011.html", "gbk-meta", "meta",
			[]string{"首批绿色低碳检测实验室名单公布", "2025年03月14日 09:20:11", "来源:湖畔产业资讯网", "作者:林晓舟", "点击量:18342", "相关资料下载:", "相关阅读", "2025-03-12 16:40:05", "版权与免责声明", "湖ICP备2025031401号-1", "首批绿色低碳检测实验室分布示意图"}},
		{"GBK without meta, charset in header", "/industry/2025/03/12/20250312164005.html", "gbk-header", "header",
			[]string{"国产高效液相色谱仪出口量同比增长三成", "2025年03月12日 16:40:05", "作者:周明远 陈一帆"}},
		{"GBK declared gb2312 by http-equiv", "/industry/2025/03/10/20250310081530.html", "gbk-httpequiv", "meta",
			[]string{"多地出台政策支持中小企业仪器设备更新", "2025年03月10日 08:15:30"}},
		{"GBK listing page", "/industry/", "gbk-meta", "meta", []string{"产业资讯", "2025-03-14 09:20:11", "下一页"}},
		{"traditional, UTF-8", "/tw/2025/03/13/semiconductor-test-equipment-demand.html", "utf-8", "header",
			[]string{"半導體檢測設備需求升溫", "來源:湖畔產經網", "作者:張家豪", "點擊量:12650", "相關閱讀", "版權與免責聲明", "相關資料下載:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, raw := get(t, srv, tt.path)
			gbk := strings.HasPrefix(tt.encoding, "gbk")
			if gbk == utf8.Valid(raw) {
				t.Errorf("raw bytes valid UTF-8 = %v, want %v", utf8.Valid(raw), !gbk)
			}
			hasMeta := bytes.Contains(raw, []byte("charset="))
			if tt.encoding == "gbk-header" && hasMeta {
				t.Error("gbk-header page declares a charset in the document")
			}
			d := decode.ToUTF8(raw, resp.Header.Get("Content-Type"))
			if d.Source != tt.source {
				t.Errorf("decoded by %s, want %s", d.Source, tt.source)
			}
			if gbk && d.Charset != "gb18030" {
				t.Errorf("charset = %s, want gb18030", d.Charset)
			}
			page := string(d.HTML)
			for _, w := range tt.wantStrings {
				if !strings.Contains(page, w) {
					t.Errorf("decoded page lacks %q", w)
				}
			}
			if strings.ContainsRune(page, utf8.RuneError) {
				t.Error("decoded page has U+FFFD")
			}
		})
	}
	var zh, gbk int
	for _, a := range site.Articles() {
		if strings.HasPrefix(a.Lang, "zh") {
			zh++
		}
		if strings.HasPrefix(a.Encoding, "gbk") {
			gbk++
		}
	}
	if zh < 2 || gbk < 1 {
		t.Errorf("%d Chinese and %d GBK articles; want at least 2 and 1", zh, gbk)
	}
}

var hrefRe = regexp.MustCompile(`href="([^"]*)"`)

// links returns the site-relative links of a page, query and all.
func links(page string) []string {
	var out []string
	for _, m := range hrefRe.FindAllStringSubmatch(page, -1) {
		if u := html.UnescapeString(m[1]); strings.HasPrefix(u, "/") {
			out = append(out, u)
		}
	}
	return out
}

func TestEveryArticleListed(t *testing.T) {
	site, srv := newServer(t)
	isArticle := map[string]bool{}
	artRe := regexp.MustCompile(ArticlePattern)
	for _, p := range site.ArticlePaths() {
		isArticle[p] = true
		if !artRe.MatchString(p) {
			t.Errorf("ArticlePattern does not match %s", p)
		}
	}
	if len(isArticle) < 14 {
		t.Errorf("%d articles, want at least 14", len(isArticle))
	}
	// Walk the listing pages (front, sections and their pages, tags) from
	// the front page, the way a crawler would, without entering articles.
	listed := map[string]bool{}
	depth := map[string]int{"/": 0}
	queue := []string{"/"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		resp, raw := get(t, srv, p)
		if resp.StatusCode != 200 {
			t.Errorf("listing %s: status %d", p, resp.StatusCode)
			continue
		}
		for _, l := range links(string(decode.ToUTF8(raw, resp.Header.Get("Content-Type")).HTML)) {
			path, _, _ := strings.Cut(l, "?")
			if artRe.MatchString(path) != isArticle[path] {
				t.Errorf("ArticlePattern matches %s: %v, but article: %v", path, !isArticle[path], isArticle[path])
			}
			if isArticle[path] {
				listed[path] = true
				continue
			}
			listing := path == "/" || strings.HasPrefix(path, "/tag/")
			if _, _, ok := sectionPage(path); ok {
				listing = true
			}
			if _, seen := depth[path]; listing && !seen {
				depth[path] = depth[p] + 1
				queue = append(queue, path)
			}
		}
	}
	for p := range isArticle {
		if !listed[p] {
			t.Errorf("article %s is not linked from any listing page", p)
		}
	}
	for _, p := range []string{"/world/page/2/", "/tech/page/2/", "/industry/page/2/"} {
		if _, ok := depth[p]; !ok {
			t.Errorf("pagination: %s not reached", p)
		}
	}
}

func TestRobotsSitemapFeed(t *testing.T) {
	site, srv := newServer(t)

	_, robots := get(t, srv, "/robots.txt")
	for _, want := range []string{"User-agent: *", "Disallow: /admin/", "Sitemap: " + srv.URL + "/sitemap.xml"} {
		if !strings.Contains(string(robots), want+"\n") {
			t.Errorf("robots.txt lacks %q:\n%s", want, robots)
		}
	}
	_, front := get(t, srv, "/")
	for _, want := range []string{`href="/admin/"`, `<link rel="alternate" type="application/rss+xml"`, `href="` + pdfPath + `"`, `?utm_source=`} {
		if !strings.Contains(string(front), want) {
			t.Errorf("front page lacks %s", want)
		}
	}

	want := map[string]bool{}
	for _, p := range site.ArticlePaths() {
		want[srv.URL+p] = true
	}
	_, sm := get(t, srv, "/sitemap.xml")
	var set urlset
	if err := xml.Unmarshal(sm, &set); err != nil {
		t.Fatalf("sitemap: %v", err)
	}
	if set.NS != "http://www.sitemaps.org/schemas/sitemap/0.9" {
		t.Errorf("sitemap namespace %q", set.NS)
	}
	got := map[string]bool{}
	for _, u := range set.URLs {
		got[u.Loc] = true
		if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
			t.Errorf("sitemap lastmod %q: %v", u.LastMod, err)
		}
	}
	if len(got) != len(want) {
		t.Errorf("sitemap has %d URLs, want %d", len(got), len(want))
	}
	for u := range want {
		if !got[u] {
			t.Errorf("sitemap lacks %s", u)
		}
	}

	_, fb := get(t, srv, "/feed.xml")
	var feed rss
	if err := xml.Unmarshal(fb, &feed); err != nil {
		t.Fatalf("feed: %v", err)
	}
	if feed.Version != "2.0" || len(feed.Channel.Items) != len(want) {
		t.Errorf("feed version %q with %d items, want 2.0 with %d", feed.Version, len(feed.Channel.Items), len(want))
	}
	for _, it := range feed.Channel.Items {
		base, q, _ := strings.Cut(it.Link, "?")
		if !want[base] || !strings.Contains(q, "utm_source=") {
			t.Errorf("feed link %s: want an article URL with utm_source", it.Link)
		}
		if _, err := time.Parse(time.RFC1123Z, it.PubDate); err != nil {
			t.Errorf("pubDate %q: %v", it.PubDate, err)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	_, srv := newServer(t)
	const p = "/world/2025/03/12/delta-towns-vote-to-fund-flood-barriers.html"
	first, _ := get(t, srv, p)
	etag, lm := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
	lmTime, _ := http.ParseTime(lm)
	earlier := lmTime.Add(-time.Hour).Format(http.TimeFormat)
	tests := []struct {
		name   string
		hdr    []string
		status int
	}{
		{"plain", nil, 200},
		{"matching etag", []string{"If-None-Match", etag}, 304},
		{"weak matching etag in a list", []string{"If-None-Match", `"x", W/` + etag}, 304},
		{"other etag", []string{"If-None-Match", `"0000"`}, 200},
		{"not modified since", []string{"If-Modified-Since", lm}, 304},
		{"modified since", []string{"If-Modified-Since", earlier}, 200},
		{"etag decides over date", []string{"If-None-Match", `"0000"`, "If-Modified-Since", lm}, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := get(t, srv, p, tt.hdr...)
			if resp.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status == 304 && len(body) != 0 {
				t.Errorf("304 with a %d-byte body", len(body))
			}
			if resp.Header.Get("ETag") != etag {
				t.Errorf("ETag = %q, want %q", resp.Header.Get("ETag"), etag)
			}
		})
	}
}

func TestMutate(t *testing.T) {
	site, srv := newServer(t)
	before := map[string][]byte{}
	etags := map[string]string{}
	for _, p := range site.ArticlePaths() {
		resp, b := get(t, srv, p)
		before[p], etags[p] = b, resp.Header.Get("ETag")
	}
	_, smBefore := get(t, srv, "/sitemap.xml")

	mutated := site.Mutate()
	a := site.byPath[mutated]
	if a == nil {
		t.Fatalf("Mutate returned %q, not an article", mutated)
	}
	for p, old := range before {
		resp, now := get(t, srv, p, "If-None-Match", etags[p])
		if p != mutated {
			if resp.StatusCode != 304 {
				t.Errorf("%s: status %d after Mutate, want 304 (unchanged)", p, resp.StatusCode)
			}
			continue
		}
		if resp.StatusCode != 200 {
			t.Fatalf("mutated %s: status %d with the old ETag, want 200", p, resp.StatusCode)
		}
		added := "<p>Update: " + html.EscapeString(a.Update) + "</p>\n"
		if !bytes.Contains(now, []byte(added)) {
			t.Fatalf("mutated page lacks %q", added)
		}
		if !bytes.Equal(bytes.Replace(now, []byte(added), nil, 1), old) {
			t.Error("Mutate changed more than one body paragraph")
		}
		if resp.Header.Get("Last-Modified") == "" {
			t.Error("no Last-Modified")
		}
	}
	_, smAfter := get(t, srv, "/sitemap.xml")
	if bytes.Equal(smBefore, smAfter) {
		t.Error("sitemap lastmod did not move")
	}

	// A second edit adds a further paragraph, so a third crawl finds version 3.
	site.Mutate()
	_, third := get(t, srv, mutated)
	if !bytes.Contains(third, []byte("Further update (2): ")) {
		t.Error("second Mutate added no paragraph")
	}
}

func TestContentLengths(t *testing.T) {
	site, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range site.articles {
		t.Run(a.Path, func(t *testing.T) {
			var words, runes, paras int
			for _, b := range a.Body {
				if b.Kind == "p" {
					paras++
				}
				words += len(strings.Fields(b.Text))
				runes += utf8.RuneCountInString(b.Text)
			}
			switch {
			case a.Layout == "brief":
				if paras != 2 || words > 80 {
					t.Errorf("brief: %d paragraphs, %d words; want 2 short paragraphs", paras, words)
				}
			case strings.HasPrefix(a.Lang(), "zh"):
				if runes < 300 || runes > 1200 {
					t.Errorf("%d characters, want 300-1200", runes)
				}
			default:
				if words < 150 || words > 400 {
					t.Errorf("%d words, want 150-400", words)
				}
			}
		})
	}
}

func TestStart(t *testing.T) {
	s, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") || len(s.Seeds()) != 1 || s.Seeds()[0] != s.URL()+"/" {
		t.Errorf("URL %q, Seeds %v", s.URL(), s.Seeds())
	}
	resp, err := http.Get(s.Seeds()[0])
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || s.Hits("/") != 1 {
		t.Errorf("front page: status %d, hits %d", resp.StatusCode, s.Hits("/"))
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if _, err := http.Get(s.URL()); err == nil {
		t.Error("server still answering after Close")
	}
}

func TestHandlerServes(t *testing.T) {
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "The Lakeside Courier") {
		t.Errorf("Handler: %d", rec.Code)
	}
}
