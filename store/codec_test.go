package store

import (
	"bytes"
	"testing"

	"newsarchive/article"
)

// TestMarshalArticleMatchesEncodingJSON pins the hand-written article
// encoder to encoding/json, byte for byte.
func TestMarshalArticleMatchesEncodingJSON(t *testing.T) {
	if !articleLayoutKnown {
		t.Fatal("article.Article changed: update appendArticleJSON and articleLayoutKnown")
	}
	weird := "a\"b\\c\b\f\n\r\t\x00\x01\x1f\x7f <>& \u2028\u2029 \xff\xfe 中文 \U0001F600 é\u0301"
	cases := []*article.Article{
		{},
		{URL: "https://x/a", Title: weird, Text: weird + "\n\n" + weird, HTML: "<p>" + weird + "</p>", Views: -3,
			Authors: []string{weird, ""}, Tags: []string{"t"}, Related: []article.Related{{URL: "u", Title: weird}, {URL: "v", PublishedAt: "2024"}},
			Images: []article.Image{{URL: "i"}, {URL: "j", Caption: weird}},
			Archive: article.Archive{Version: 2, FetchedAt: "x", HTTPStatus: 200}},
		{Authors: []string{}, Related: []article.Related{}, Views: 1 << 40},
	}
	for i, a := range cases {
		got, _ := marshalArticle(a)
		want, err := marshalArticleReflect(a)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("case %d:\ngot  %s\nwant %s", i, got, want)
		}
	}
}

func FuzzMarshalArticle(f *testing.F) {
	f.Add("plain", "a\"b\\\b\f\n\x00\u2028\xff")
	f.Add("中文", "")
	f.Fuzz(func(t *testing.T, s1, s2 string) {
		a := &article.Article{URL: s1, Title: s2, Text: s1 + s2, HTML: s2, Authors: []string{s1, s2}, Tags: []string{s2},
			Related: []article.Related{{URL: s1, Title: s2, PublishedAt: s1}}, Images: []article.Image{{URL: s2, Caption: s1}}}
		got, _ := marshalArticle(a)
		want, _ := marshalArticleReflect(a)
		if !bytes.Equal(got, want) {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
}
