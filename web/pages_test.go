package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestPages(t *testing.T) {
	ts, _ := start(t, seed(t), Options{})
	cases := []struct {
		name, path string
		code       int
		want, not  []string
	}{
		{"home", "/", 200, []string{"<strong>4</strong> articles", "<strong>7</strong> versions", "<strong>3</strong> edited",
			"Latest edits", "仪器展会隆重开幕", "Plant opens", "Newly archived", "Bridge closed overnight", "Next scheduled runs", "news", "one page &lt;b&gt;failed&lt;/b&gt;"}, nil},
		{"list, newest fetch first", "/articles", 200, []string{"Hostile", "仪器展会隆重开幕", "Bridge closed overnight"}, []string{`id="next"`}},
		{"list query highlights", "/articles?q=plant", 200, []string{"<mark>Plant</mark> opens"}, []string{"Bridge"}},
		{"list query offers the full-text search", "/articles?q=new+plant", 200, []string{`<a href="/search?q=new%20plant">`}, nil},
		{"list without query offers no full-text link", "/articles", 200, nil, []string{`id="fulltext"`}},
		{"list edited only", "/articles?edited=1", 200, []string{"Plant opens", "v2 · changes"}, []string{"Bridge closed"}},
		{"list by site", "/articles?site=chem17.com", 200, []string{"仪器展会隆重开幕"}, []string{"Plant opens"}},
		{"list by language", "/articles?lang=zh", 200, []string{"仪器展会隆重开幕"}, []string{"Plant opens"}},
		{"list published range", "/articles?published_since=2024-09-03&published_until=2024-09-04", 200, []string{"Bridge closed"}, []string{"Plant opens", "仪器展会"}},
		{"list fetched range", "/articles?since=2024-09-07", 200, []string{"仪器展会隆重开幕", "Hostile"}, []string{"Plant opens", "Bridge"}},
		{"list sorted by published", "/articles?sort=published&limit=1", 200, []string{"仪器展会隆重开幕", `id="next"`}, []string{"Plant opens"}},
		{"list nothing", "/articles?q=nothing-like-this", 200, []string{"No article matches."}, nil},
		{"article latest", "/article?url=" + q(keyEN), 200, []string{`<h1 id="title">Plant opens</h1>`, "Ann Lee, Bo Chan", "<p>The plant opened on Tuesday.</p>", "<p>It employs 200 people.</p>",
			"v1</a>", "v2</a>", "changed: authors, text", "HTTP 200"}, []string{"This is version"}},
		{"article by another URL", "/article?url=" + q(keyEN+"?utm_source=feed"), 200, []string{"Plant opens"}, nil},
		{"article old version", "/article?url=" + q(keyEN) + "&v=1", 200, []string{"This is version 1", "opened on Monday"}, nil},
		{"article compares the shown version with the one before", "/article?url=" + q(keyEN), 200, []string{`<option value="1" selected>v1</option>`, `<option value="2" selected>v2</option>`}, nil},
		{"article links and images", "/article?url=" + q(keyOne), 200, []string{"/article?url=" + strings.ToLower(q(keyEN)), "img/bridge.jpg", "Not loaded"}, []string{"<img"}},
		{"diff inline", "/diff?url=" + q(keyEN), 200, []string{"<del>Monday</del><ins>Tuesday</ins>", "Changed: authors, text", `id="side-link"`, "<dt>authors</dt>"}, nil},
		{"diff side by side", "/diff?url=" + q(keyEN) + "&from=1&to=2&view=side", 200, []string{`id="side"`, "<del>Monday</del>", "<ins>Tuesday</ins>"}, nil},
		{"diff reversed", "/diff?url=" + q(keyEN) + "&from=2&to=1", 200, []string{"<del>Tuesday</del><ins>Monday</ins>"}, nil},
		{"diff chinese per character", "/diff?url=" + q(keyZH), 200, []string{"<del>三</del><ins>五</ins>", "<ins>隆重</ins>"}, nil},
		{"diff one version", "/diff?url=" + q(keyOne), 200, []string{"only version 1"}, nil},
		{"raw page", "/raw?url=" + q(keyEN) + "&v=1", 200, []string{`<iframe id="capture" class="capture" sandbox=""`, "/raw/capture?url=" + q(keyEN) + "&amp;v=1"}, nil},
		{"runs", "/runs", 200, []string{"<td>news</td>", "one page &lt;b&gt;failed&lt;/b&gt;", "manual"}, []string{"Run now"}},
		{"runs links each run's hosts", "/runs", 200, []string{`href="/runs?run=1#hosts"`}, []string{`id="run-hosts"`}},
		{"run host by host", "/runs?run=1", 200, []string{`id="run-hosts"`, "<td>news.example.com</td>", "<td>48213</td>", "<td>5s</td>"}, nil},
		{"run worker by worker", "/runs?run=1", 200, []string{`id="run-workers"`, "<td>crawl-a:4</td><td>1</td></tr>\n<tr><td>crawl-b:7</td><td>3</td>"}, nil},
		{"run bad number", "/runs?run=x", 400, []string{"<code>run</code>"}, nil},
		{"run unknown", "/runs?run=99", 400, []string{"<code>run</code>", "no run 99"}, nil},
		{"login page", "/login", 200, []string{`name="token"`}, nil},
		{"stylesheet", "/static/style.css", 200, []string{"del {"}, nil},

		{"article without url", "/article", 400, []string{"<code>url</code>"}, nil},
		{"article unknown", "/article?url=" + q("https://nowhere.example/x"), 404, []string{"not in the archive"}, nil},
		{"article bad url", "/article?url=" + q("ftp://x"), 400, []string{"<code>url</code>"}, nil},
		{"article missing version", "/article?url=" + q(keyEN) + "&v=9", 400, []string{"<code>v</code>", "has no version 9 (it has 1, 2)"}, nil},
		{"article bad version", "/article?url=" + q(keyEN) + "&v=first", 400, []string{"<code>v</code>"}, nil},
		{"diff bad from", "/diff?url=" + q(keyEN) + "&from=x", 400, []string{"<code>from</code>"}, nil},
		{"diff missing to", "/diff?url=" + q(keyEN) + "&to=7", 400, []string{"<code>to</code>"}, nil},
		{"diff bad view", "/diff?url=" + q(keyEN) + "&view=3d", 400, []string{"<code>view</code>"}, nil},
		{"list bad limit", "/articles?limit=0", 400, []string{"<code>limit</code>"}, nil},
		{"list bad cursor", "/articles?cursor=%21%21", 400, []string{"<code>cursor</code>"}, nil},
		{"list bad since", "/articles?since=yesterday", 400, []string{"<code>since</code>"}, nil},
		{"list bad sort", "/articles?sort=title", 400, []string{"<code>sort</code>"}, nil},
		{"list bad edited", "/articles?edited=maybe", 400, []string{"<code>edited</code>"}, nil},
		{"raw bad version", "/raw?url=" + q(keyEN) + "&v=0", 400, []string{"<code>v</code>"}, nil},
		{"no such page", "/nope", 404, []string{"no such page"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, h, body := get(t, ts, c.path)
			if code != c.code {
				t.Fatalf("GET %s: %d, want %d\n%s", c.path, code, c.code, body)
			}
			checkHeaders(t, h, pageCSP)
			if !strings.HasPrefix(h.Get("Content-Type"), "text/") {
				t.Errorf("Content-Type %q", h.Get("Content-Type"))
			}
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: no %q in\n%s", c.path, w, body)
				}
			}
			for _, w := range c.not {
				if strings.Contains(body, w) {
					t.Errorf("GET %s: unexpected %q", c.path, w)
				}
			}
		})
	}
}

func checkHeaders(t *testing.T, h http.Header, csp string) {
	t.Helper()
	if got := h.Get("Content-Security-Policy"); got != csp {
		t.Errorf("CSP %q, want %q", got, csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("headers %v", h)
	}
}

// TestListCursor pages through the whole list one article at a time,
// following each page's link, and sees every article once.
func TestListCursor(t *testing.T) {
	ts, _ := start(t, seed(t), Options{})
	next := regexp.MustCompile(`id="next" href="([^"]+)"`)
	title := regexp.MustCompile(`class="title" href="/article\?url=([^"]+)"`)
	path := "/articles?limit=1"
	var seen []string
	for range 10 {
		code, _, body := get(t, ts, path)
		if code != 200 {
			t.Fatalf("GET %s: %d", path, code)
		}
		for _, m := range title.FindAllStringSubmatch(body, -1) {
			seen = append(seen, strings.ToUpper(m[1]))
		}
		m := next.FindStringSubmatch(body)
		if m == nil {
			break
		}
		path = strings.ReplaceAll(m[1], "&amp;", "&")
	}
	var want []string // newest fetch first
	for _, k := range []string{keyBad, keyZH, keyEN, keyOne} {
		want = append(want, strings.ToUpper(q(k)))
	}
	if strings.Join(seen, " ") != strings.Join(want, " ") {
		t.Errorf("paged through %v, want %v", seen, want)
	}
}

// TestEscaping checks that archived text never reaches a page as markup.
func TestEscaping(t *testing.T) {
	ts, _ := start(t, seed(t), Options{})
	for _, path := range []string{"/", "/articles", "/article?url=" + q(keyBad), "/article?url=" + q(keyBad) + "&v=1",
		"/diff?url=" + q(keyBad), "/diff?url=" + q(keyBad) + "&view=side", "/raw?url=" + q(keyBad), "/runs", "/articles?q=" + q("<script>")} {
		_, _, body := get(t, ts, path)
		for _, bad := range []string{"<script", "<img", "<meta http-equiv", `href="javascript:`, "<b>", `src="https://evil`} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: archived markup %q reached the page", path, bad)
			}
		}
	}
	_, _, body := get(t, ts, "/diff?url="+q(keyBad))
	if !strings.Contains(body, "&lt;script&gt;console.error(&#34;text script ran&#34;)&lt;/script&gt;") {
		t.Errorf("the text is not shown escaped in the diff:\n%s", body)
	}
	// The article page shows the version's html, sanitised: its text stays,
	// and no element that would run code or reach the site (checked above).
	_, _, body = get(t, ts, "/article?url="+q(keyBad))
	for _, want := range []string{"<h1>Hostile page</h1>", "Styled text stays.", `rel="noreferrer noopener nofollow"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the article page lacks %q of the sanitised body:\n%s", want, body)
		}
	}
	_, inBody, _ := strings.Cut(body, `id="body"`)
	inBody, _, _ = strings.Cut(inBody, "</div>")
	for _, bad := range []string{"<iframe", "<video", "style=", "onerror", "evil.example.net/pixel"} {
		if strings.Contains(inBody, bad) {
			t.Errorf("the article body shows %q: %s", bad, inBody)
		}
	}
}

// TestRawCapture checks the capture is the stored HTML, byte for byte,
// under a sandbox policy.
func TestRawCapture(t *testing.T) {
	ts, _ := start(t, seed(t), Options{})
	code, h, body := get(t, ts, "/raw/capture?url="+q(keyBad))
	if code != 200 || body != string(defang([]byte(hostileRaw))) || body == hostileRaw {
		t.Fatalf("capture: %d %q", code, body)
	}
	if code, h, src := get(t, ts, "/raw/capture?url="+q(keyBad)+"&source=1"); code != 200 || src != hostileRaw || h.Get("Content-Type") != "text/plain" {
		t.Errorf("source: %d %v, want the stored bytes as text/plain", code, h)
	}
	csp := h.Get("Content-Security-Policy")
	if !strings.HasPrefix(csp, "sandbox;") || !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "allow-scripts") {
		t.Errorf("capture CSP %q", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Type") != "text/html" {
		t.Errorf("capture headers %v", h)
	}
	for _, c := range []struct {
		path string
		code int
	}{
		{"/raw/capture", 400},
		{"/raw/capture?url=" + q(keyBad) + "&v=5", 404},
		{"/raw/capture?url=" + q(keyBad) + "&v=-1", 400},
	} {
		if code, _, body := get(t, ts, c.path); code != c.code || !strings.Contains(body, `"error"`) {
			t.Errorf("GET %s: %d %s, want %d and a JSON error", c.path, code, body, c.code)
		}
	}
}

func TestDefang(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"frame source", `<p>a</p><iframe src="https://x.example/f" width=3></iframe>`, `<p>a</p><iframe data-archived-src="https://x.example/f" width="3"></iframe>`},
		{"srcdoc", `<iframe srcdoc="&lt;b&gt;"></iframe>`, `<iframe data-archived-srcdoc="&lt;b&gt;"></iframe>`},
		{"frameset", `<frameset><frame src="/a"></frameset>`, `<frameset><frame data-archived-src="/a"></frameset>`},
		{"hints", `<link rel="preconnect" href="https://x.example"><link rel=DNS-Prefetch href=//y.example><link rel="stylesheet" href="/s.css">`,
			`<link rel="preconnect" data-archived-href="https://x.example"><link rel="DNS-Prefetch" data-archived-href="//y.example"><link rel="stylesheet" href="/s.css">`},
		{"everything else as stored", "<!-- c --><P CLASS=x>caf\xe9 &amp; <b>b</b></P><img src=a.png>", "<!-- c --><P CLASS=x>caf\xe9 &amp; <b>b</b></P><img src=a.png>"},
		{"GBK bytes kept", "<title>\xb9\xfa\xbc\xd2</title><iframe src=\"/\xb9\xfa\"></iframe>", "<title>\xb9\xfa\xbc\xd2</title><iframe data-archived-src=\"/\xb9\xfa\"></iframe>"},
		{"cut off", `<p>a<iframe src="x`, `<p>a<iframe src="x`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := string(defang([]byte(c.in))); got != c.want {
				t.Errorf("defang(%q)\n = %q\nwant %q", c.in, got, c.want)
			}
		})
	}
}
