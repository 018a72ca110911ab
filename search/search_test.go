package search

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"
)

var corpus = []testArticle{
	{key: "http://news.example.cn/a/1.html", lang: "zh-cn", title: "首批绿色低碳检测实验室名单公布",
		text:      "日前，湖畔省市场监管部门公布首批绿色低碳检测实验室名单，共有37家实验室入选，覆盖12个省份的能源、化工、建材等行业。",
		published: "2025-03-14T09:20:11", authors: []string{"林晓舟"}},
	{key: "http://news.example.tw/b/2.html", lang: "zh-tw", title: "半導體檢測設備需求升溫",
		text:      "受惠於先進製程擴產，半導體檢測設備需求持續升溫，本地供應商紛紛擴充產線。",
		published: "2025-03-13T10:05:48", authors: []string{"張家豪"}},
	{key: "http://courier.example.com/world/ferry.html", lang: "en", title: "Ferry crews walk out as harbour pay talks collapse",
		text:      "Ferry crews walked out on Friday after pay talks with the harbour operator collapsed. The mayor urged both sides to return to talks.",
		published: "2025-03-14T09:20:00Z", authors: []string{"Maria Okafor"}},
	{key: "http://courier.example.com/city/bridge.html", lang: "en", title: "North Bridge closed overnight for inspection",
		text:      "The North Bridge will close overnight while engineers inspect the bearings. Buses will be diverted.",
		published: "2024-11-02", authors: []string{"Courier staff"}},
	{key: "http://blog.example.org/untagged.html", lang: "", title: "没有语言标记的中文文章",
		text: "这篇文章没有语言标记，但正文是中文，应当按中文二元切分建立索引。"},
}

func TestSearch(t *testing.T) {
	st := corpusStore(t)
	ix := openIndex(t, st)
	cases := []struct {
		name, query string
		want        []string // keys, in any order
	}{
		{"simplified Chinese phrase", `"检测实验室"`, []string{corpus[0].key}},
		{"simplified Chinese bare word", `低碳`, []string{corpus[0].key}},
		{"traditional Chinese phrase", `"檢測設備"`, []string{corpus[1].key}},
		{"traditional Chinese in title", `title:半導體`, []string{corpus[1].key}},
		{"Chinese phrase not in order finds nothing", `"实验室检测"`, nil},
		{"simplified query finds traditional text", `"检测设备"`, []string{corpus[1].key}},
		{"traditional query finds simplified text", `"檢測實驗室"`, []string{corpus[0].key}},
		{"a word in both scripts finds both", `檢測`, []string{corpus[0].key, corpus[1].key}},
		{"traditional title query, simplified title", `title:綠色低碳`, []string{corpus[0].key}},
		{"Chinese without a language tag", `"二元切分"`, []string{corpus[4].key}},
		{"English stemmed: walking finds walked", `walking`, []string{corpus[2].key}},
		{"English stemmed: inspections finds inspect", `inspections`, []string{corpus[3].key}},
		{"English words apart are not the phrase", `"talks harbour"`, nil},
		{"the same words, not as a phrase", `talks harbour`, []string{corpus[2].key}},
		{"English phrase with a stop word", `"walk out as harbour"`, []string{corpus[2].key}},
		{"stop word does not empty an AND", `the ferry`, []string{corpus[2].key}},
		{"author", `author:okafor`, []string{corpus[2].key}},
		{"Chinese author", `author:林晓舟`, []string{corpus[0].key}},
		{"site with subdomain", `site:example.com`, []string{corpus[2].key, corpus[3].key}},
		{"lang primary subtag", `lang:zh`, []string{corpus[0].key, corpus[1].key}},
		{"lang full tag", `lang:zh-TW`, []string{corpus[1].key}},
		{"published range", `published:>=2025-01-01 lang:en`, []string{corpus[2].key}},
		{"published month", `published:2024-11`, []string{corpus[3].key}},
		{"published before", `published:<2025`, []string{corpus[3].key}},
		{"fetched range", `fetched:2025-03-14 AND bridge`, []string{corpus[3].key}},
		{"OR", `bridge OR 半導體`, []string{corpus[1].key, corpus[3].key}},
		{"NOT", `site:example.com NOT ferry`, []string{corpus[3].key}},
		{"minus", `lang:en -bridge`, []string{corpus[2].key}},
		{"leading NOT", `NOT lang:en`, []string{corpus[0].key, corpus[1].key, corpus[4].key}},
		{"parentheses", `(ferry OR bridge) AND published:2024`, []string{corpus[3].key}},
		{"full-width quotes", `“检测实验室”`, []string{corpus[0].key}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), Request{Query: c.query})
			if err != nil {
				t.Fatal(err)
			}
			if got := hitKeys(res); !sameKeys(got, c.want) {
				t.Errorf("%s: got %v, want %v", c.query, got, c.want)
			}
			if res.Total != len(c.want) {
				t.Errorf("total %d, want %d", res.Total, len(c.want))
			}
		})
	}
}

func TestFragments(t *testing.T) {
	st := corpusStore(t)
	ix := openIndex(t, st)
	cases := []struct{ query, field, marked string }{
		{`"检测实验室"`, "text", "«检测实验室»"},
		{`"檢測設備"`, "text", "«檢測設備»"},
		{`"检测设备"`, "text", "«檢測設備»"}, // marked as written, whatever the query's script
		{`"檢測實驗室"`, "text", "«检测实验室»"},
		{`walking`, "text", "«walked»"},
		{`bridge`, "title", "North «Bridge» closed"},
	}
	for _, c := range cases {
		res, err := ix.Search(context.Background(), Request{Query: c.query})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("%s: %v %v", c.query, keys(res), err)
		}
		var found bool
		for _, f := range res.Hits[0].Fragments {
			if f.Field == c.field && strings.Contains(f.Marked("«", "»"), c.marked) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: fragments %+v lack %q in %s", c.query, res.Hits[0].Fragments, c.marked, c.field)
		}
	}
}

func TestSearchOptions(t *testing.T) {
	st := corpusStore(t)
	later := corpus[3]
	later.key = "http://courier.example.com/city/later.html"
	put(t, st, later, t0.Add(48*time.Hour))
	ix := openIndex(t, st)
	cases := []struct {
		name string
		req  Request
		want []string
	}{
		{"site as a host", Request{Query: "bridge", Site: "courier.example.com"}, []string{corpus[3].key, later.key}},
		{"site as a URL", Request{Query: "bridge", Site: "https://example.com/x"}, []string{corpus[3].key, later.key}},
		{"other site", Request{Query: "bridge", Site: "example.org"}, nil},
		{"since", Request{Query: "bridge", Since: t0.Add(time.Hour)}, []string{later.key}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := ix.Search(context.Background(), c.req)
			if err != nil {
				t.Fatal(err)
			}
			if got := hitKeys(res); !sameKeys(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	// Paging: one hit a page, the cursor walks them all once.
	seen := map[string]bool{}
	req := Request{Query: "lang:en OR lang:zh", Limit: 1, Sort: "date"}
	for page := 0; ; page++ {
		res, err := ix.Search(context.Background(), req)
		if err != nil || len(res.Hits) != 1 || res.Total != 5 {
			t.Fatalf("page %d: %+v %v", page, res, err)
		}
		if seen[res.Hits[0].Key] {
			t.Fatalf("page %d repeats %s", page, res.Hits[0].Key)
		}
		seen[res.Hits[0].Key] = true
		if res.Next == "" {
			break
		}
		req.Cursor = res.Next
	}
	if len(seen) != 5 {
		t.Errorf("pages saw %d hits, want 5", len(seen))
	}
	// Facets count every hit, not just the page.
	res, err := ix.Search(context.Background(), Request{Query: "lang:en OR lang:zh", Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []FacetCount{{"courier.example.com", 3}, {"news.example.cn", 1}, {"news.example.tw", 1}}
	if !slices.Equal(res.Sites, want) {
		t.Errorf("site facet %v, want %v", res.Sites, want)
	}
	if !slices.Equal(res.Months, []FacetCount{{"2025-03", 3}, {"2024-11", 2}}) {
		t.Errorf("month facet %v", res.Months)
	}
	if _, err := ix.Search(context.Background(), Request{Query: "x", Cursor: "nonsense"}); err == nil {
		t.Error("a bad cursor was accepted")
	}
}

// TestChinesePhraseAdjacency: Chinese fields keep no positions, so a
// phrase whose bigrams are all there but apart must still not match, also
// under NOT and in --removed.
func TestChinesePhraseAdjacency(t *testing.T) {
	st := newStore(t)
	doc := testArticle{key: "http://news.example.cn/adj.html", lang: "zh-cn", title: "测试", text: "甲乙丙，然后乙丙丁。"}
	put(t, st, doc, t0)
	// A near miss first, the phrase itself far after it.
	far := testArticle{key: "http://news.example.cn/far.html", lang: "zh-cn", title: "远处",
		text: "子丑戊丑寅" + strings.Repeat("，", 400) + "子丑寅。"}
	put(t, st, far, t0)
	put(t, st, corpus[2], t0)
	ix := openIndex(t, st)
	for _, c := range []struct {
		query string
		want  []string
	}{
		{`"甲乙丙丁"`, nil},
		{`甲乙丙丁`, nil},
		{`"乙丙丁"`, []string{doc.key}},
		{`"甲乙丙丁" OR 然后`, []string{doc.key}},
		{`lang:zh NOT "甲乙丙丁"`, []string{doc.key, far.key}},
		{`lang:zh NOT "乙丙丁"`, []string{far.key}},
		{`NOT "甲乙丙丁"`, []string{doc.key, far.key, corpus[2].key}},
		{`"子丑寅"`, []string{far.key}},
	} {
		res, err := ix.Search(context.Background(), Request{Query: c.query})
		if err != nil {
			t.Fatal(err)
		}
		if got := hitKeys(res); !sameKeys(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.query, got, c.want)
		}
	}
	res, err := ix.Search(context.Background(), Request{Query: `"乙丙丁"`})
	if err != nil || len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Fragments[0].Marked("«", "»"), "«乙丙丁»") {
		t.Errorf("fragment: %+v %v", res.Hits, err)
	}
}

// TestDateRankingScores: a page ranked by date shows each hit with the
// score the ranking by relevance gives it, though bleve scores nothing
// for the date ranking.
func TestDateRankingScores(t *testing.T) {
	st := corpusStore(t)
	put(t, st, testArticle{key: "http://courier.example.com/world/ferry2.html", lang: "en", title: "Ferry talks resume",
		text: "Talks resumed on Monday. Ferry crews and the harbour operator met for four hours.", published: "2025-03-17"}, t0.Add(72*time.Hour))
	ix := openIndex(t, st)
	for _, c := range []struct{ name, query string }{
		{"one word", "talks"},
		{"OR across languages", "ferry OR 检测 OR bridge"},
		{"English phrase", `"pay talks"`},
		{"Chinese phrase, checked on the text", `"检测实验室" OR "檢測設備"`},
		{"word and NOT", "talks NOT mayor"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rel, err := ix.Search(context.Background(), Request{Query: c.query})
			if err != nil {
				t.Fatal(err)
			}
			byDate, err := ix.Search(context.Background(), Request{Query: c.query, Sort: "date"})
			if err != nil {
				t.Fatal(err)
			}
			if len(rel.Hits) == 0 || len(byDate.Hits) != len(rel.Hits) {
				t.Fatalf("%d hits by relevance, %d by date", len(rel.Hits), len(byDate.Hits))
			}
			want := map[string]float64{}
			for _, h := range rel.Hits {
				want[h.Key] = h.Score
			}
			for _, h := range byDate.Hits {
				if w := want[h.Key]; h.Score <= 0 || math.Abs(h.Score-w) > 1e-9*w {
					t.Errorf("%s: score %v by date, %v by relevance", h.Key, h.Score, w)
				}
			}
		})
	}
}
