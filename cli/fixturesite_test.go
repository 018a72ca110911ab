package cli

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// fixtureHost is the host of the site the checked-in layout-2 archive
// (../testdata/layout2) was crawled from. The site answers as an HTTP
// proxy for that host, so the archive's URLs do not depend on the loopback
// port a test server gets: a crawler run with HTTP_PROXY set to the
// server's address fetches http://news.fixture.test/… from it.
const fixtureHost = "news.fixture.test"

// fixtureSite serves the fixture pages. Editions change an article's text
// (and its ETag); the zh section can be slowed down and watched, so that a
// crawl of it can be interrupted part-way.
type fixtureSite struct {
	*httptest.Server
	mu      sync.Mutex
	edition map[string]int // path → edition
	zhDelay time.Duration
	onZh    func(path string)
}

func newFixtureSite(t testing.TB) *fixtureSite {
	s := &fixtureSite{edition: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *fixtureSite) setEdition(path string, ed int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.edition[path] = ed
}

func (s *fixtureSite) serve(w http.ResponseWriter, r *http.Request) {
	if r.Host != fixtureHost {
		http.Error(w, "this proxy serves "+fixtureHost+" only", http.StatusBadGateway)
		return
	}
	s.mu.Lock()
	ed, delay, onZh := s.edition[r.URL.Path], s.zhDelay, s.onZh
	s.mu.Unlock()
	w.Header().Set("Server", "fixture/1.0")
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		io.WriteString(w, "User-agent: *\nDisallow: /private/\n")
	case p == "/":
		http.SetCookie(w, &http.Cookie{Name: "visitor", Value: "v1", Path: "/"})
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!DOCTYPE html><html><head><title>Fixture News</title></head><body><ul>
<li><a href="/news/1">Harbour</a></li><li><a href="/news/2">Library</a></li><li><a href="/news/3">Market</a></li>
<li><a href="/story?id=4&amp;utm_source=home">Bridge</a></li>
<li><a href="/zh/gbk-1.html">仪器</a></li><li><a href="/tw/big5-1.html">農業</a></li><li><a href="/ru/1251.html">Порт</a></li>
<li><a href="/private/draft">draft</a></li></ul></body></html>`)
	case p == "/news/1" || p == "/news/2":
		if validated(w, r, "ETag", "If-None-Match", fmt.Sprintf(`"%s-e%d"`, strings.TrimPrefix(p, "/news/"), ed)) {
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, fixtureEnglish(p, ed))
	case p == "/news/3":
		if validated(w, r, "Last-Modified", "If-Modified-Since", time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC).Format(http.TimeFormat)) {
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, fixtureEnglish(p, ed))
	case p == "/story" && r.URL.Query().Get("id") == "4", p == "/news/4", p == "/news/5":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if p == "/story" {
			p = "/news/4"
		}
		io.WriteString(w, fixtureEnglish(p, ed))
	case p == "/old/5":
		http.Redirect(w, r, "/news/5", http.StatusMovedPermanently)
	case p == "/zh/gbk-1.html":
		// GBK, declared by <meta charset> only.
		w.Header().Set("Content-Type", "text/html")
		w.Write(encodeTo(simplifiedchinese.GBK, fixtureChinese(p, `<meta charset="gbk">`, simplifiedText, "检测仪器出口量同比增长三成", ed)))
	case p == "/tw/big5-1.html":
		// Big5, declared by <meta http-equiv> only.
		w.Header().Set("Content-Type", "text/html")
		w.Write(encodeTo(traditionalchinese.Big5, fixtureChinese(p, `<meta http-equiv="Content-Type" content="text/html; charset=big5">`, traditionalText, "智慧農業感測器試點擴大", ed)))
	case p == "/ru/1251.html":
		// windows-1251, declared only in the HTTP header.
		w.Header().Set("Content-Type", "text/html; charset=windows-1251")
		w.Write(encodeTo(charmap.Windows1251, fixtureRussian(p, ed)))
	case p == "/zh/":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		var b strings.Builder
		b.WriteString("<!DOCTYPE html><html><head><title>产业动态</title></head><body><ul>")
		for i := 1; i <= 6; i++ {
			fmt.Fprintf(&b, `<li><a href="/zh/list-%d.html">第%d条</a></li>`, i, i)
		}
		b.WriteString("</ul></body></html>")
		io.WriteString(w, b.String())
	case strings.HasPrefix(p, "/zh/list-"):
		if delay > 0 {
			time.Sleep(delay)
		}
		if onZh != nil {
			onZh(p)
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(encodeTo(simplifiedchinese.GBK, fixtureChinese(p, `<meta charset="gb2312">`, simplifiedText, "产业动态"+strings.TrimSuffix(strings.TrimPrefix(p, "/zh/list-"), ".html"), ed)))
	default:
		http.NotFound(w, r)
	}
}

// validated sets the validator header and answers 304 when the request's
// conditional header matches it.
func validated(w http.ResponseWriter, r *http.Request, header, cond, val string) bool {
	w.Header().Set(header, val)
	if r.Header.Get(cond) == val {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}

func encodeTo(e encoding.Encoding, s string) []byte {
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

// fixtureEnglish is an English news article with JSON-LD; edition ed > 0
// adds an update paragraph per edition.
func fixtureEnglish(path string, ed int) string {
	n := strings.TrimPrefix(path, "/news/")
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Fixture story %s</title>
<link rel="canonical" href="http://%s%s">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Fixture story %s","datePublished":"2025-03-0%sT08:30:00Z","author":{"@type":"Person","name":"Ada Writer"}}</script>
</head><body><nav><a href="/">Home</a></nav><article><h1>Fixture story %s</h1>
<p class="byline">By Ada Writer</p>`, n, fixtureHost, path, n, n, n)
	for i := range 6 {
		fmt.Fprintf(&b, "<p>Paragraph %d of story %s: the harbour board met on Tuesday and agreed that the works on the north quay would go ahead after a public consultation that drew many replies.</p>\n", i+1, n)
	}
	b.WriteString(`<figure><img src="/img/quay.jpg" alt="quay"><figcaption>The north quay at dawn.</figcaption></figure>`)
	for e := 1; e <= ed; e++ {
		fmt.Fprintf(&b, "<p>Update %d: the board published revised figures for the works, and the contractor confirmed the new timetable.</p>\n", e)
	}
	b.WriteString(`</article><footer><a href="/">Home</a> © Fixture News</footer></body></html>`)
	return b.String()
}

// chineseText holds the words of a Chinese fixture page in one script.
type chineseText struct {
	home, source, info, para, update, footer string
}

var (
	simplifiedText = chineseText{"首页", "湖畔仪器网", "来源：%s 作者：林晓舟 发布时间：2025-03-12 16:40:05",
		"第%d段：海关数据显示，今年前两个月国产检测仪器出口量同比增长约三成，东南亚和中东市场需求明显回升，多家企业扩充产线。",
		"更新%d：相关部门公布了最新统计数据。", "版权所有"}
	traditionalText = chineseText{"首頁", "湖畔產經網", "來源：%s 作者：林佩君 發佈時間：2025-03-08 15:20:00",
		"第%d段：農業部門表示，智慧農業感測器試點計畫今年擴大至五個縣市，農民可即時掌握土壤濕度與氣候變化。",
		"更新%d：主管機關公布了最新統計資料。", "版權所有"}
)

// fixtureChinese is a Chinese article with a 来源/作者 line, in the
// charset its declaration names.
func fixtureChinese(path, decl string, tx chineseText, title string, ed int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="zh"><head>%s<title>%s</title>
<link rel="canonical" href="http://%s%s"></head><body><div class="nav"><a href="/">%s</a></div>
<div class="article"><h1>%s</h1><div class="info">`+tx.info+`</div>`, decl, title, fixtureHost, path, tx.home, title, tx.source)
	for i := range 5 {
		fmt.Fprintf(&b, "<p>"+tx.para+"</p>\n", i+1)
	}
	for e := 1; e <= ed; e++ {
		fmt.Fprintf(&b, "<p>"+tx.update+"</p>\n", e)
	}
	fmt.Fprintf(&b, `</div><div class="footer">%s</div></body></html>`, tx.footer)
	return b.String()
}

// fixtureRussian is a Russian article whose charset only the HTTP header
// names.
func fixtureRussian(path string, ed int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="ru"><head><title>Новости порта</title>
<link rel="canonical" href="http://%s%s"></head><body><nav><a href="/">Главная</a></nav><article><h1>Новости порта</h1>
<p>Автор: Иван Петров, 12 марта 2025</p>`, fixtureHost, path)
	for i := range 5 {
		fmt.Fprintf(&b, "<p>Абзац %d. Совет порта во вторник согласовал работы на северном причале после общественных слушаний, собравших много отзывов жителей.</p>\n", i+1)
	}
	for e := 1; e <= ed; e++ {
		fmt.Fprintf(&b, "<p>Обновление %d: подрядчик подтвердил новый график работ.</p>\n", e)
	}
	b.WriteString(`</article></body></html>`)
	return b.String()
}
