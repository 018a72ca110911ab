package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/store"
)

var t0 = time.Date(2024, 9, 5, 10, 0, 0, 0, time.UTC)

const (
	keyEN  = "https://www.example.com/news/plant.html"
	keyZH  = "https://www.chem17.com/news/detail/88.html"
	keyOne = "https://www.example.com/news/bridge.html"
	keyBad = "https://hostile.example.org/story.html"
)

// hostileRaw is an archived page that tries everything a page can to run
// code, load things or navigate away.
const hostileRaw = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=https://evil.example.net/refresh">
<title>Hostile</title>
<link rel="stylesheet" href="https://evil.example.net/style.css">
<link rel="preconnect" href="https://evil.example.net">
<link rel="dns-prefetch" href="//dns.evil.example.net">
<link rel="prefetch" href="https://evil.example.net/next.html">
<script>console.error("archived script ran"); document.title = "PWNED"; top.location = "https://evil.example.net/top";</script>
<script src="https://evil.example.net/tracker.js"></script>
</head><body>
<h1>Hostile page</h1>
<img src="https://evil.example.net/pixel.gif" onerror="console.error('onerror ran'); document.title='PWNED'">
<a id="js" href="javascript:console.error('link ran')">a javascript: link</a>
<iframe src="https://evil.example.net/frame"></iframe>
<iframe srcdoc="&lt;iframe src='https://srcdoc.evil.example.net/'&gt;&lt;/iframe&gt;"></iframe>
<video poster="https://evil.example.net/poster.jpg"></video>
<p style="color:red">Styled text stays.</p>
</body></html>`

// hostileText is the same attack in the extracted fields.
const hostileText = `<script>console.error("text script ran")</script> <img src=x onerror="console.error('text onerror')"> <a href="javascript:alert(1)">click</a> <meta http-equiv="refresh" content="0;url=https://evil.example.net/">`

func page(title, body string) []byte {
	return []byte("<html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1><p>" + body + "</p></article></body></html>")
}

// seed fills a fresh archive: an English and a Chinese article with two
// versions each, one article with one version, a hostile page, and a run.
func seed(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "archive.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	snaps := []store.Snapshot{
		{Key: keyEN, URL: keyEN + "?utm_source=feed", Status: 200, FetchedAt: t0, Raw: page("Plant opens", "The plant opened on Monday."),
			Article: &article.Article{URL: keyEN, Title: "Plant opens", Language: "en", Authors: []string{"Ann Lee"}, Text: "The plant opened on Monday.\n\nIt employs 200 people.", PublishedAt: "2024-09-02"}},
		{Key: keyEN, URL: keyEN, Status: 200, FetchedAt: t0.Add(24 * time.Hour), Raw: page("Plant opens", "The plant opened on Tuesday."),
			Article: &article.Article{URL: keyEN, Title: "Plant opens", Language: "en", Authors: []string{"Ann Lee", "Bo Chan"}, Text: "The plant opened on Tuesday.\n\nIt employs 200 people.", PublishedAt: "2024-09-02"}},
		{Key: keyZH, URL: keyZH, Status: 200, FetchedAt: t0.Add(time.Hour), Raw: page("仪器展会开幕", "本届展会共有三百家企业参展。"),
			Article: &article.Article{URL: keyZH, Title: "仪器展会开幕", Language: "zh-cn", Source: "化工仪器网", Text: "本届展会共有三百家企业参展。", PublishedAt: "2024-09-04T09:00:00+08:00"}},
		{Key: keyZH, URL: keyZH, Status: 200, FetchedAt: t0.Add(48 * time.Hour), Raw: page("仪器展会隆重开幕", "本届展会共有五百家企业参展。"),
			Article: &article.Article{URL: keyZH, Title: "仪器展会隆重开幕", Language: "zh-cn", Source: "化工仪器网", Text: "本届展会共有五百家企业参展。", PublishedAt: "2024-09-04T09:00:00+08:00"}},
		{Key: keyOne, URL: keyOne, Status: 200, FetchedAt: t0.Add(2 * time.Hour), Raw: page("Bridge closed", "The bridge is closed."),
			Article: &article.Article{URL: keyOne, Title: "Bridge closed overnight", Language: "en", Text: "The bridge is closed tonight.", PublishedAt: "2024-09-03",
				Related: []article.Related{{URL: keyEN, Title: "Plant opens"}}, Images: []article.Image{{URL: "https://www.example.com/img/bridge.jpg", Caption: "The bridge"}}}},
		{Key: keyBad, URL: keyBad, Status: 200, FetchedAt: t0.Add(3 * time.Hour), Raw: []byte(hostileRaw),
			Article: &article.Article{URL: keyBad, Title: `Hostile <script>console.error("title ran")</script>`, Language: "en", Authors: []string{`<img src=x onerror=alert(1)>`},
				Text: hostileText + "\n\nSecond paragraph.", HTML: hostileRaw, PublishedAt: "2024-09-01",
				Related: []article.Related{{URL: "javascript:console.error('related ran')", Title: "evil related"}}}},
		{Key: keyBad, URL: keyBad, Status: 200, FetchedAt: t0.Add(72 * time.Hour), Raw: []byte(hostileRaw),
			Article: &article.Article{URL: keyBad, Title: `Hostile <script>console.error("title ran")</script>`, Language: "en", Authors: []string{`<img src=x onerror=alert(1)>`},
				Text: hostileText + "\n\nSecond paragraph, <b>edited</b>.", HTML: hostileRaw, PublishedAt: "2024-09-01"}},
	}
	if _, err := st.PutMany(context.Background(), snaps); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddRun(store.Run{Job: "news", Started: t0, Ended: t0.Add(time.Minute), Pages: 4, New: 2, Errors: 1, Error: "one page <b>failed</b>",
		Hosts:   []store.RunHost{{Host: "news.example.com", Requests: 6, Pages: 4, Errors: 1, Bytes: 48213, Latency: 120 * time.Millisecond, Wait: 5 * time.Second}},
		Workers: map[string]int{"crawl-b:7": 3, "crawl-a:4": 1}}); err != nil {
		t.Fatal(err)
	}
	return st
}

// start serves the site for st over loopback.
func start(t testing.TB, st *store.Store, o Options) (*httptest.Server, *Server) {
	t.Helper()
	o.Store = st
	if o.Jobs == nil {
		o.Jobs = func(now time.Time) []Job {
			return []Job{{Name: "news", Schedule: "@hourly", Next: now.Truncate(time.Hour).Add(time.Hour)}, {Name: "manual"}}
		}
	}
	s, err := New(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts, s
}

// get fetches path and returns the status, the headers and the body.
func get(t testing.TB, ts *httptest.Server, path string, hdr ...string) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return do(t, ts, req)
}

func do(t testing.TB, ts *httptest.Server, req *http.Request) (int, http.Header, string) {
	t.Helper()
	c := ts.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

func post(t testing.TB, ts *httptest.Server, path, ctype, body string, hdr ...string) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return do(t, ts, req)
}

func form(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v.Encode()
}

var q = url.QueryEscape
