package meta

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/date"
)

// dateBoundPages hold dated lines around a headline: a byline date, a
// sidebar of dated links, comments, an "Updated" line, a labelled date
// far down, a page without a headline.
var dateBoundPages = []struct{ name, page, want string }{
	{"byline then sidebar", `<article><h1>Harbour board votes on the new pier</h1><div class="meta"><span class="author">Jane Roe</span> <time>2024-09-05 08:56</time></div><p>The board met on Monday.</p></article><aside class="latest"><ul><li><a href="/a">Ferry times change</a> <span>2024-09-04</span></li><li><a href="/b">Quay closes</a> <span>2024-09-03</span></li></ul></aside>`, ""},
	{"labelled date below", `<h1>Harbour board votes</h1><p>The board met.</p><p>More text here.</p><div>Published: March 3, 2021</div><div class="comments"><p>Posted 2021-03-04 10:00 by a reader</p></div>`, ""},
	{"updated before published", `<h1>Quay reopens</h1><p>Updated 2022-05-02 09:00</p><p>2022-05-01</p>`, ""},
	{"no headline", `<div class="post-date">2020-01-02</div><ul><li>2020-01-03</li><li>2020-01-04 10:00</li></ul>`, ""},
	{"dates above the headline", `<div>2019-07-08</div><div class="date">8 July 2019</div><h1>Pier works begin</h1><p>Text.</p>`, ""},
	{"a label lifts a later line", `<h1>Quay works</h1><ul><li><a href="/a">Ferry times 2024-09-04</a></li></ul><div class="comments">Published 2024-09-05</div>`, "2024-09-05"},
	{"a time lifts a later line", `<h1>Quay works</h1><div>2024-09-04</div><div>2024-09-05 10:00</div>`, "2024-09-05T10:00:00"},
	{"a label and a time lift a later line", `<h1>Quay works</h1><ul><li><a href="/a">Ferry times 2024-09-04</a></li></ul><div class="comments"><h2>Published 2024-09-05 10:00</h2></div>`, "2024-09-05T10:00:00"},
	{"an update lowers a later line", `<h1>Quay reopens</h1><div>2022-05-01</div><p>Updated 2022-05-02 09:00</p>`, "2022-05-01"},
	{"chinese", `<h1>港口新码头今日开工</h1><div class="info">发布时间：2024年09月05日 08:56 来源：湖畔晚报</div><ul class="xgwz"><li><a href="/1">旧闻</a> 2024-09-01</li></ul>`, ""},
}

func dateBoundLines(t testing.TB, page string) ([]metaLine, int) {
	root, err := html.Parse(strings.NewReader("<html><body>" + page + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	lines := metaLines(root)
	title := -1
	for i, ln := range lines {
		if ln.heading == 1 {
			title = i
			break
		}
	}
	return lines, title
}

func checkDateBound(t *testing.T, lines []metaLine, title int) {
	t.Helper()
	for _, c := range []date.Context{{}, {Year: 2024, DayFirst: true}} {
		d1, f1, s1 := visibleDateIn(lines, title, c, true)
		d2, f2, s2 := visibleDateIn(lines, title, c, false)
		if d1 != d2 || f1 != f2 || s1 != s2 {
			t.Errorf("title %d, %+v: bounded %v %v %v, every line %v %v %v", title, c, d1, f1, s1, d2, f2, s2)
		}
	}
}

// TestDateScoreBound: skipping the lines that cannot beat the best so far
// picks what reading every line picks.
func TestDateScoreBound(t *testing.T) {
	for _, tc := range dateBoundPages {
		t.Run(tc.name, func(t *testing.T) {
			lines, title := dateBoundLines(t, tc.page)
			d, found, _ := visibleDate(lines, title, date.Context{})
			if !found {
				t.Fatal("no date found: the page does not test the bound")
			}
			if tc.want != "" && d.String() != tc.want {
				t.Errorf("date %s, want %s", d, tc.want)
			}
			checkDateBound(t, lines, title)
		})
	}
}

// FuzzDateScoreBound: on a page of fuzzed lines, each a div, a link in a
// list, a heading or a comment, with the headline at any of them, the
// bound changes nothing; and the bound's score is never below the score
// of the same line with any label, time or update.
func FuzzDateScoreBound(f *testing.F) {
	f.Add("Published 2024-09-05\nHarbour news\n2024-09-04 10:00\nUpdated March 3, 2021", 1, uint8(6))
	f.Add("发布时间：2024年9月5日\n旧闻 2024-09-01\n9月5日 08:56", 0, uint8(1))
	f.Fuzz(func(t *testing.T, text string, title int, shape uint8) {
		var b strings.Builder
		for i, l := range strings.Split(text, "\n") {
			l = html.EscapeString(l)
			switch (int(shape) + i) % 4 {
			case 0:
				b.WriteString("<div>" + l + "</div>")
			case 1:
				b.WriteString("<ul><li><a href=/x>" + l + "</a></li></ul>")
			case 2:
				b.WriteString("<h2>" + l + "</h2>")
			default:
				b.WriteString(`<div class="comments"><p>` + l + "</p></div>")
			}
		}
		lines, _ := dateBoundLines(t, b.String())
		if len(lines) == 0 {
			return
		}
		if title < 0 {
			title = -title
		}
		title = title%(len(lines)+1) - 1 // -1 (none) … the last line
		checkDateBound(t, lines, title)
		for i := range lines {
			top := dateScore(&lines[i], i, title, true, true, false)
			for k := 0; k < 8; k++ {
				if s := dateScore(&lines[i], i, title, k&1 != 0, k&2 != 0, k&4 != 0); s > top {
					t.Fatalf("line %d: score %v above the bound %v", i, s, top)
				}
			}
		}
	})
}
