package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"newsarchive/app"
	"newsarchive/article"
	"newsarchive/config"
	"newsarchive/export"
)

type articlesPage struct {
	Articles []struct {
		Key      string          `json:"key"`
		Versions int             `json:"versions"`
		Article  article.Article `json:"article"`
	} `json:"articles"`
	NextCursor string `json:"next_cursor"`
}

func getJSON(t *testing.T, ts *httptest.Server, path string, want int, v any) {
	t.Helper()
	code, h, body := get(t, ts, path)
	if code != want {
		t.Fatalf("GET %s: %d, want %d: %s", path, code, want, body)
	}
	if !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Errorf("GET %s: Content-Type %q", path, h.Get("Content-Type"))
	}
	checkHeaders(t, h, pageCSP)
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v in %s", path, err, body)
	}
}

func TestAPIArticles(t *testing.T) {
	ts, _ := start(t, seed(t), Options{})
	cases := []struct {
		name, query string
		want        []string
	}{
		{"all, newest fetch first", "", []string{keyBad, keyZH, keyEN, keyOne}},
		{"site", "site=example.com", []string{keyEN, keyOne}},
		{"query in the URL", "q=chem17", []string{keyZH}},
		{"edited", "edited=true", []string{keyBad, keyZH, keyEN}},
		{"fetched since", "since=2024-09-06T12:00:00Z", []string{keyBad, keyZH}},
		{"fetched until", "until=2024-09-05T11:00:00Z", nil},
		{"published order", "sort=published", []string{keyZH, keyOne, keyEN, keyBad}},
		{"language", "lang=en&edited=1", []string{keyBad, keyEN}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var p articlesPage
			getJSON(t, ts, "/api/articles?"+c.query, 200, &p)
			var got []string
			for _, a := range p.Articles {
				got = append(got, a.Key)
				if a.Article.Version != a.Versions || a.Article.FetchedAt == "" || a.Article.ContentHash == "" {
					t.Errorf("%s: not the latest version with archive fields: %+v", a.Key, a.Article.Archive)
				}
			}
			if strings.Join(got, " ") != strings.Join(c.want, " ") || p.NextCursor != "" {
				t.Errorf("got %v (next %q), want %v", got, p.NextCursor, c.want)
			}
		})
	}
	t.Run("cursor paging", func(t *testing.T) {
		var got []string
		cursor := ""
		for range 10 {
			var p articlesPage
			getJSON(t, ts, "/api/articles?limit=3&cursor="+cursor, 200, &p)
			for _, a := range p.Articles {
				got = append(got, a.Key)
			}
			if cursor = p.NextCursor; cursor == "" {
				break
			}
		}
		if strings.Join(got, " ") != strings.Join([]string{keyBad, keyZH, keyEN, keyOne}, " ") {
			t.Errorf("paged %v", got)
		}
	})
}

func TestAPIErrors(t *testing.T) {
	ts, _ := start(t, seed(t), Options{})
	cases := []struct {
		path  string
		code  int
		param string
	}{
		{"/api/articles?limit=501", 400, "limit"},
		{"/api/articles?limit=ten", 400, "limit"},
		{"/api/articles?cursor=bm90IGEgY3Vyc29y", 400, "cursor"},
		{"/api/articles?since=soon", 400, "since"},
		{"/api/articles?until=2024-13-01", 400, "until"},
		{"/api/articles?published_since=x", 400, "published_since"},
		{"/api/articles?edited=2", 400, "edited"},
		{"/api/articles?sort=random", 400, "sort"},
		{"/api/article", 400, "url"},
		{"/api/article?url=" + q("https://nowhere.example/"), 404, ""},
		{"/api/diff?url=" + q(keyEN) + "&from=0", 400, "from"},
		{"/api/diff?url=" + q(keyEN) + "&to=3", 400, "to"},
		{"/api/diff?url=" + q(keyOne), 400, "from"},
		{"/api/diff", 400, "url"},
		{"/api/export?format=xml", 400, "format"},
		{"/api/export?since=later", 400, "since"},
		{"/api/export?until=later", 400, "until"},
		{"/api/export?all_versions=perhaps", 400, "all_versions"},
		{"/api/runs?limit=-1", 400, "limit"},
		{"/api/nothing", 404, ""},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			var e map[string]string
			getJSON(t, ts, c.path, c.code, &e)
			if e["error"] == "" || e["parameter"] != c.param {
				t.Errorf("error %v, want one naming %q", e, c.param)
			}
			if c.param != "" && !strings.HasPrefix(e["error"], c.param+": ") {
				t.Errorf("message %q does not start with the parameter", e["error"])
			}
		})
	}
	for _, c := range []struct{ method, path string }{{"POST", "/api/articles"}, {"GET", "/api/fetch"}, {"PUT", "/api/export"}} {
		req, _ := http.NewRequest(c.method, ts.URL+c.path, nil)
		if code, _, _ := do(t, ts, req); code != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: %d, want 405", c.method, c.path, code)
		}
	}
}

func TestAPIArticleAndDiff(t *testing.T) {
	ts, _ := start(t, seed(t), Options{})
	var a struct {
		Key      string `json:"key"`
		Versions []struct {
			Version int             `json:"version"`
			Changed []string        `json:"changed"`
			Article article.Article `json:"article"`
		} `json:"versions"`
	}
	getJSON(t, ts, "/api/article?url="+q(keyEN+"?utm_source=feed"), 200, &a)
	if a.Key != keyEN || len(a.Versions) != 2 || a.Versions[0].Article.Text != "The plant opened on Monday.\n\nIt employs 200 people." ||
		strings.Join(a.Versions[1].Changed, ",") != "authors,text" || len(a.Versions[0].Changed) != 0 || a.Versions[1].Article.Version != 2 {
		t.Errorf("article %+v", a)
	}
	var d versionDiff
	getJSON(t, ts, "/api/diff?url="+q(keyZH)+"&from=1&to=2", 200, &d)
	if d.Key != keyZH || d.From.Version != 1 || d.To.Version != 2 || d.Deleted != 1 || d.Inserted != 1 || strings.Join(d.Changed, ",") != "title,text" {
		t.Errorf("diff %+v", d)
	}
	var text fieldDiff
	for _, f := range d.Fields {
		if f.Field == "text" {
			text = f
		}
	}
	want := []seg{{"eq", "本届展会共有"}, {"del", "三"}, {"ins", "五"}, {"eq", "百家企业参展。"}}
	if len(text.Edits) != len(want) {
		t.Fatalf("text edits %+v", text.Edits)
	}
	for i := range want {
		if text.Edits[i] != want[i] {
			t.Errorf("edit %d: %+v, want %+v", i, text.Edits[i], want[i])
		}
	}
}

// TestAPIExport checks that the API's export is the CLI's, byte for byte.
func TestAPIExport(t *testing.T) {
	st := seed(t)
	ts, _ := start(t, st, Options{})
	cases := []struct {
		query string
		opts  export.Options
		ctype string
	}{
		{"", export.Options{Format: export.JSONL}, "application/x-ndjson"},
		{"format=json", export.Options{Format: export.JSON}, "application/json"},
		{"format=jsonl&all_versions=1", func() export.Options {
			o := export.Options{Format: export.JSONL}
			o.AllVersions = true
			return o
		}(), "application/x-ndjson"},
		{"site=chem17.com&since=2024-09-06", func() export.Options {
			o := export.Options{Format: export.JSONL}
			o.Site = "chem17.com"
			o.Since, _ = export.ParseTime("2024-09-06", t0)
			return o
		}(), "application/x-ndjson"},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			var want bytes.Buffer
			if _, err := export.Write(st, &want, c.opts); err != nil {
				t.Fatal(err)
			}
			code, h, body := get(t, ts, "/api/export?"+c.query)
			if code != 200 || body != want.String() || want.Len() < 10 {
				t.Errorf("export %d:\n%s\nwant\n%s", code, body, want.String())
			}
			if !strings.HasPrefix(h.Get("Content-Type"), c.ctype) {
				t.Errorf("Content-Type %q", h.Get("Content-Type"))
			}
		})
	}
}

func TestAPIRunsAndHealth(t *testing.T) {
	ts, _ := start(t, seed(t), Options{})
	var r struct {
		Runs []apiRun `json:"runs"`
	}
	getJSON(t, ts, "/api/runs", 200, &r)
	if len(r.Runs) != 1 || r.Runs[0].Job != "news" || r.Runs[0].Pages != 4 || r.Runs[0].Started != "2024-09-05T10:00:00Z" {
		t.Errorf("runs %+v", r)
	}
	getJSON(t, ts, "/api/runs?job=other", 200, &r)
	if len(r.Runs) != 0 {
		t.Errorf("runs of another job: %+v", r)
	}
	var h map[string]string
	getJSON(t, ts, "/healthz", 200, &h)
	if h["status"] != "ok" {
		t.Errorf("healthz %v", h)
	}
}

// newsSite is a loopback news site with one article page.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/news/2024/09/05/harbour.html" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<html><head><title>Harbour reopens</title><meta name="author" content="Ruth Mensah"></head><body><article><h1>Harbour reopens</h1>
<p>The harbour reopened on Friday after a week of repairs to the outer wall, the port authority said.</p>
<p>Ferries will run to the usual timetable from Saturday morning, and freight traffic resumes on Monday.</p></article></body></html>`))
	}))
	t.Cleanup(site.Close)
	return site
}

func TestAPIFetch(t *testing.T) {
	st := seed(t)
	c := config.Default()
	c.Crawler.PerHostDelay = 0
	c.Crawler.Retries = 0
	svc := app.NewHeld(c, nil, st)
	ts, _ := start(t, st, Options{Fetch: func(ctx context.Context, u string) (*article.Article, error) { return svc.Fetch(ctx, st, u) }})
	site := newsSite(t)
	u := site.URL + "/news/2024/09/05/harbour.html"

	code, _, body := post(t, ts, "/api/fetch", "application/json", `{"url": "`+u+`"}`)
	var a article.Article
	if code != 200 || json.Unmarshal([]byte(body), &a) != nil || a.Title != "Harbour reopens" || a.Version != 1 {
		t.Fatalf("fetch: %d %s", code, body)
	}
	var p articlesPage
	getJSON(t, ts, "/api/articles?q=harbour", 200, &p)
	if len(p.Articles) != 1 || p.Articles[0].Article.Title != "Harbour reopens" {
		t.Errorf("the fetched article is not listed at once: %+v", p)
	}
	cases := []struct {
		name, ctype, body string
		code              int
		param             string
	}{
		{"not json", "application/json", `url=x`, 400, "body"},
		{"unknown member", "application/json", `{"url": "` + u + `", "depth": 3}`, 400, "body"},
		{"no url", "application/json", `{}`, 400, "url"},
		{"unreachable", "application/json", `{"url": "` + site.URL + `/gone.html"}`, 502, "url"},
		{"form body", "application/x-www-form-urlencoded", `url=` + q(u), 415, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, body := post(t, ts, "/api/fetch", c.ctype, c.body)
			var e map[string]string
			if code != c.code || json.Unmarshal([]byte(body), &e) != nil || e["parameter"] != c.param {
				t.Errorf("%d %s, want %d naming %q", code, body, c.code, c.param)
			}
		})
	}
	t.Run("off", func(t *testing.T) {
		ts, _ := start(t, st, Options{})
		if code, _, _ := post(t, ts, "/api/fetch", "application/json", `{"url": "`+u+`"}`); code != 404 {
			t.Errorf("fetch without a fetcher: %d", code)
		}
	})
}
