package notify

import (
	"regexp"
	"testing"

	"newsarchive/article"
)

func change(prev, cur *article.Article) *Change {
	c := &Change{Job: "news", Key: "https://www.example.com/a/1.html", Prev: prev, Cur: cur, To: 2, From: 1}
	if prev == nil {
		c.From, c.To = 0, 1
	}
	return c
}

func TestRuleWants(t *testing.T) {
	base := &article.Article{Title: "Council votes on budget", Authors: []string{"A. Writer"}, Text: "The council met on Monday. It voted 5 to 2."}
	edit := func(f func(a *article.Article)) *article.Article {
		a := *base
		f(&a)
		return &a
	}
	textAdded := edit(func(a *article.Article) { a.Text += " Correction: the vote was 4 to 3." })
	textRemoved := edit(func(a *article.Article) { a.Text = "The council met on Monday." })
	titleOnly := edit(func(a *article.Article) { a.Title = "Council passes budget" })
	oneWord := edit(func(a *article.Article) { a.Text = "The council met on Tuesday. It voted 5 to 2." })
	zhA := &article.Article{Title: "公司发布新产品", Text: "公司今日发布新产品。"}
	zhB := &article.Article{Title: "公司发布新产品", Text: "公司昨日发布三款新产品。"}
	cases := []struct {
		name string
		rule Rule
		c    *Change
		want bool
	}{
		{"changed by default", Rule{}, change(base, oneWord), true},
		{"new not wanted by default", Rule{}, change(nil, base), false},
		{"new when on new", Rule{On: []string{EventNew}}, change(nil, base), true},
		{"changed not wanted when on new only", Rule{On: []string{EventNew}}, change(base, oneWord), false},
		{"job matches", Rule{Jobs: []string{"news"}}, change(base, oneWord), true},
		{"other job", Rule{Jobs: []string{"sport"}}, change(base, oneWord), false},
		{"site matches a subdomain", Rule{Sites: []string{"example.com"}}, change(base, oneWord), true},
		{"other site", Rule{Sites: []string{"other.example"}}, change(base, oneWord), false},
		{"headline-only sees a title edit", Rule{Fields: []string{"title"}}, change(base, titleOnly), true},
		{"headline-only ignores a text edit", Rule{Fields: []string{"title"}}, change(base, textAdded), false},
		{"text-only ignores a title edit", Rule{Fields: []string{"text"}}, change(base, titleOnly), false},
		{"min_change met (seven words added)", Rule{MinChange: 7}, change(base, textAdded), true},
		{"min_change one above", Rule{MinChange: 8}, change(base, textAdded), false},
		{"min_change not met by one word swapped", Rule{MinChange: 3}, change(base, oneWord), false},
		{"one word swapped counts two", Rule{MinChange: 2}, change(base, oneWord), true},
		{"min_change counts Chinese by character", Rule{MinChange: 4}, change(zhA, zhB), true},
		{"min_change Chinese not met", Rule{MinChange: 5}, change(zhA, zhB), false},
		{"added_only sees an addition", Rule{AddedOnly: true}, change(base, textAdded), true},
		{"added_only ignores a removal", Rule{AddedOnly: true}, change(base, textRemoved), false},
		{"added_only counts only added words", Rule{AddedOnly: true, MinChange: 2}, change(base, oneWord), false},
		{"match on added text", Rule{Match: regexp.MustCompile(`(?i)correction`)}, change(base, textAdded), true},
		{"match on removed text", Rule{Match: regexp.MustCompile(`voted`)}, change(base, textRemoved), true},
		{"match not on unchanged text", Rule{Match: regexp.MustCompile(`council`)}, change(base, oneWord), false},
		{"match with added_only ignores removed text", Rule{AddedOnly: true, Match: regexp.MustCompile(`voted`)}, change(base, textRemoved), false},
		{"match limited to the rule's fields", Rule{Fields: []string{"title"}, Match: regexp.MustCompile(`Correction`)}, change(base, textAdded), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.rule.Wants(c.c); got != c.want {
				t.Fatalf("Wants = %v, want %v", got, c.want)
			}
		})
	}
}

func TestPrepareSkipsUnchangedContent(t *testing.T) {
	a := &article.Article{Title: "T", Text: "same"}
	prev := *a
	prev.ContentHash = article.ContentHash(a)
	if f := Prepare([]Rule{{}}, change(&prev, a), ""); f != nil {
		t.Fatal("an unchanged article got notifications")
	}
}
