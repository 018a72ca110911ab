package extract

import (
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"newsarchive/urlnorm"
)

func TestISODate(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"date time seconds", "2025-04-30 17:34:22", "2025-04-30T17:34:22"},
		{"leading zero hours", "2025-04-25 08:12:40", "2025-04-25T08:12:40"},
		{"date only", "发布于 2024/9/5", "2024-09-05"},
		{"chinese", "2024年09月05日 08:56", "2024-09-05T08:56"},
		{"no date", "昨天", ""},
		{"bad month", "2024-13-01", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := isoDate(tc.in); got != tc.want {
				t.Errorf("isoDate(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFindRelated(t *testing.T) {
	base, _ := url.Parse("https://example.com/news/1.html")
	cases := []struct {
		name   string
		page   string
		sel    string
		titles []string
	}{
		{
			name:   "heading block",
			page:   `<div class="box"><h3>相关阅读</h3><ul><li><a href="/n/2.html">第二条</a><span>2024-01-02</span></li><li><a href="/n/3.html">第三条</a></li></ul></div>`,
			titles: []string{"第二条", "第三条"},
		},
		{
			name:   "class hint, hot list ignored",
			page:   `<div class="hot-list"><a href="/h1">热一</a><a href="/h2">热二</a></div><section class="related-posts"><a href="/r1">Story one</a><a href="/r2">Story two</a></section>`,
			titles: []string{"Story one", "Story two"},
		},
		{
			name:   "no block",
			page:   `<nav><a href="/a">A</a><a href="/b">B</a></nav><p>Text.</p>`,
			titles: nil,
		},
		{
			name:   "site rule selector",
			page:   `<div id="more"><a href="/x">X item</a></div>`,
			sel:    "#more",
			titles: []string{"X item"},
		},
		{
			name:   "self link skipped",
			page:   `<h2>Related</h2><ul><li><a href="/news/1.html">This page</a></li><li><a href="/n/9">Other</a></li><li><a href="/n/10">Third</a></li></ul>`,
			titles: []string{"Other", "Third"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := goquery.NewDocumentFromReader(strings.NewReader("<html><body>" + tc.page + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			got := findRelated(doc, urlnorm.NewResolver(base), tc.sel, "https://example.com/news/1.html")
			var titles []string
			for _, r := range got {
				titles = append(titles, r.Title)
				if !strings.HasPrefix(r.URL, "https://example.com/") {
					t.Errorf("url %q not absolute", r.URL)
				}
			}
			if strings.Join(titles, "|") != strings.Join(tc.titles, "|") {
				t.Errorf("titles = %q, want %q", titles, tc.titles)
			}
		})
	}
}
