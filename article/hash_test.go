package article

import (
	"encoding/json"
	"strings"
	"testing"
)

func base() Article {
	return Article{
		Title:       "工业集群名单公布",
		Authors:     []string{"张三"},
		PublishedAt: "2024-09-05T08:56:39",
		Source:      "某某网",
		Text:        "第一段。\n\n第二段。",
	}
}

func TestContentHash(t *testing.T) {
	h0 := ContentHash(ptr(base()))
	cases := []struct {
		name   string
		change func(*Article)
		same   bool
	}{
		{"identical", func(a *Article) {}, true},
		{"whitespace only", func(a *Article) { a.Text = "  第一段。 \n\n\n 第二段。\t" }, true},
		{"nfd vs nfc", func(a *Article) { a.Title = "Cafe\u0301" }, false},
		{"related list", func(a *Article) { a.Related = []Related{{URL: "https://x/1", Title: "new"}} }, true},
		{"images, tags, views", func(a *Article) { a.Images = []Image{{URL: "x"}}; a.Tags = []string{"t"}; a.Views = 99 }, true},
		{"description and modified_at", func(a *Article) { a.Description = "d"; a.ModifiedAt = "2025-01-01" }, true},
		{"html only", func(a *Article) { a.HTML = "<p>x</p>" }, true},
		{"archive fields", func(a *Article) { a.Version = 3; a.FetchedAt = "now" }, true},
		{"title", func(a *Article) { a.Title += "（更新）" }, false},
		{"text", func(a *Article) { a.Text += "第三段。" }, false},
		{"author", func(a *Article) { a.Authors = []string{"李四"} }, false},
		{"author split differently", func(a *Article) { a.Authors = []string{"张", "三"} }, false},
		{"date", func(a *Article) { a.PublishedAt = "2024-09-06" }, false},
		{"source", func(a *Article) { a.Source = "别的网" }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := base()
			c.change(&a)
			if got := ContentHash(&a) == h0; got != c.same {
				t.Errorf("same hash = %v, want %v", got, c.same)
			}
		})
	}
}

func TestNFCEquivalence(t *testing.T) {
	a, b := base(), base()
	a.Title, b.Title = "Cafe\u0301", "Caf\u00e9"
	if ContentHash(&a) != ContentHash(&b) {
		t.Error("NFD and NFC spellings must hash the same")
	}
}

func TestNormalizeEncodesEmptyArrays(t *testing.T) {
	var a Article
	a.Normalize()
	b, _ := json.Marshal(a)
	for _, k := range []string{`"authors":[]`, `"related":[]`, `"images":[]`, `"tags":[]`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("%s missing from %s", k, b)
		}
	}
	for _, k := range []string{`"version"`, `"fetched_at"`, `"views"`} {
		if strings.Contains(string(b), k) {
			t.Errorf("%s present on an unarchived article: %s", k, b)
		}
	}
}

func ptr(a Article) *Article { return &a }
