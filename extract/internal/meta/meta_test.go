package meta

import (
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

func metaOf(t *testing.T, file, pageURL string, rules *Rules) Meta {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "meta", file)) // shared with extract's golden test
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse(pageURL)
	return Find(doc, base, rules, time.Time{})
}

func TestFindMeta(t *testing.T) {
	tests := []struct {
		name, file, url string
		rules           *Rules
		want            Meta
	}{
		{
			name: "english news: JSON-LD graph, og, byline",
			file: "en-news.html", url: "https://example.com/2024/03/02/bridge-reopens?utm_source=x",
			want: Meta{
				Title: "Harbour Bridge Reopens After Repairs", Source: "The Example Gazette",
				Authors:     []string{"Ann Lee", "Bo Park"},
				PublishedAt: "2024-03-02T09:15:00-05:00", ModifiedAt: "2024-03-02T11:00:00-05:00",
				Language: "en-us", Description: "The bridge carried its first cars in six months.",
				CanonicalURL: "https://example.com/2024/03/02/bridge-reopens", Tags: []string{"Transport", "City"},
				Type: "newsarticle", Image: "https://example.com/img/bridge.jpg",
			},
		},
		{
			name: "chinese label line: wall time kept without zone",
			file: "zh-labels.html", url: "http://www.example.cn/news/2024/0905/1.html",
			want: Meta{
				Title: "某市化工园区完成安全改造", Source: "化工日报", Authors: []string{"李明"},
				PublishedAt: "2024-09-05T08:56:39", Language: "zh", Views: 1532,
				Tags: []string{"化工园区", "安全改造", "示例"},
			},
		},
		{
			name: "chinese label line: site timezone attaches its offset",
			file: "zh-labels.html", url: "http://www.example.cn/news/1.html",
			rules: &Rules{Timezone: "Asia/Shanghai"},
			want: Meta{
				Title: "某市化工园区完成安全改造", Source: "化工日报", Authors: []string{"李明"},
				PublishedAt: "2024-09-05T08:56:39+08:00", Language: "zh", Views: 1532,
				Tags: []string{"化工园区", "安全改造", "示例"},
			},
		},
		{
			name: "site rules override the generic finders",
			file: "zh-labels.html", url: "http://www.example.cn/news/1.html",
			rules: &Rules{Author: ".editor", Title: ".content p", Source: ".top a"},
			want: Meta{
				Title: "本报讯 某市化工园区九月初完成安全改造，新增监测点四十余处，园区企业全部接入统一平台。", Source: "首页",
				Authors: []string{"赵强"}, PublishedAt: "2024-09-05T08:56:39", Language: "zh", Views: 1532,
				Tags: []string{"化工园区", "安全改造", "示例"},
			},
		},
		{
			name: "site date rule on a <time datetime>, timezone not applied over a stated zone",
			file: "en-news.html", url: "https://example.com/a",
			rules: &Rules{Date: "article time", Timezone: "Asia/Shanghai", Author: ".byline"},
			want: Meta{
				Title: "Harbour Bridge Reopens After Repairs", Source: "The Example Gazette",
				Authors:     []string{"Ann Lee", "Bo Park"},
				PublishedAt: "2024-03-02T09:15:00-05:00", ModifiedAt: "2024-03-02T11:00:00-05:00",
				Language: "en-us", Description: "The bridge carried its first cars in six months.",
				CanonicalURL: "https://example.com/2024/03/02/bridge-reopens", Tags: []string{"Transport", "City"},
				Type: "newsarticle", Image: "https://example.com/img/bridge.jpg",
			},
		},
		{
			name: "traditional chinese over spans, reporter names",
			file: "zh-trad-spans.html", url: "https://news.example.hk/a/1",
			want: Meta{
				Title: "港口新碼頭啟用", Source: "示例新聞網", Authors: []string{"陳大文", "林小美"},
				PublishedAt: "2024-09-05T08:56:00", Language: "zh-hant",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := metaOf(t, tc.file, tc.url, tc.rules)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestPickTitle(t *testing.T) {
	h := func(level int, text string) metaLine {
		return metaLine{text: text, runes: len([]rune(text)), heading: level}
	}
	logo := metaLine{text: "Example News", runes: 12, heading: 1, links: 12, noise: true}
	tests := []struct {
		name     string
		lines    []metaLine
		declared []string
		doc      string
		want     string
	}{
		{"h1 agrees with og title plus site", []metaLine{logo, h(1, "Rain Falls Again")}, []string{"Rain Falls Again - Example News"}, "", "Rain Falls Again"},
		{"visible h1 beats an SEO og title", []metaLine{h(1, "Rain falls again over the valley")}, []string{"Valley rain: what to know in 2024"}, "", "Rain falls again over the valley"},
		{"unrelated h1 loses to og", []metaLine{h(1, "Subscribe to our newsletter today")}, []string{"Rain Falls Again"}, "", "Rain Falls Again"},
		{"title tag with site suffix", nil, nil, "Rain Falls Again | Example News", "Rain Falls Again"},
		{"chinese title with underscore site", nil, nil, "某市化工园区完成安全改造_示例化工网", "某市化工园区完成安全改造"},
		{"chinese title with dash site", nil, nil, "港口新碼頭啟用-示例新聞網", "港口新碼頭啟用"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := pickTitle(tc.lines, tc.declared, tc.doc, "")
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTrimTitleTail(t *testing.T) {
	for in, want := range map[string]string{
		"Why tidal clocks drift and how keepers reset them | Opinion":                       "Why tidal clocks drift and how keepers reset them",
		"Best Harbour Ferries in Lakeside 2025 | Top 12 Routes":                             "Best Harbour Ferries in Lakeside 2025",
		"Rebuilding a tide-table printer and its manual / Dec 2025":                         "Rebuilding a tide-table printer and its manual",
		"Top 10 Kettles of 2025 Under $250 | The Best Stovetop Kettles on the Market Today": "Top 10 Kettles of 2025 Under $250 | The Best Stovetop Kettles on the Market Today",
		"Best Garden Sheds – My Picks!":                                                     "Best Garden Sheds – My Picks!",
		"News | Opinion":                                                                    "News | Opinion",
		"14+ Best Ferries / Boat Tours in Lakeside (2024)":                                  "14+ Best Ferries / Boat Tours in Lakeside (2024)",
	} {
		if got := trimTitleTail(in); got != want {
			t.Errorf("trimTitleTail(%q) = %q, want %q", in, got, want)
		}
	}
}

// A declared UTC time a day after the day in the URL is the URL's day; a
// declared date further from the path's day is another date of the page,
// and the path's day stands.
func TestPublishedURLDay(t *testing.T) {
	page := `<html><head><meta property="article:published_time" content="2025-12-19T02:41:41+00:00"><title>A post</title></head><body><h1>A post</h1><p>Text.</p></body></html>`
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	for u, want := range map[string]string{
		"https://example.com/2025/12/18/a-post/": "2025-12-18",
		"https://example.com/2025/12/19/a-post/": "2025-12-19T02:41:41+00:00",
		"https://example.com/2025/12/10/a-post/": "2025-12-10",
		"https://example.com/a-post/":            "2025-12-19T02:41:41+00:00",
	} {
		base, _ := url.Parse(u)
		if got := Find(doc, base, nil, time.Time{}).PublishedAt; got != want {
			t.Errorf("%s: PublishedAt = %q, want %q", u, got, want)
		}
	}
}
