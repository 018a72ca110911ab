package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"newsarchive/article"
)

// expected is the shape of testdata/NAME.json: the fields a fixture checks.
// A field left out of the file is not checked.
type expected struct {
	URL          string             `json:"url"`
	Title        *string            `json:"title"`
	Source       *string            `json:"source"`
	Authors      []string           `json:"authors"`
	PublishedAt  *string            `json:"published_at"`
	Description  *string            `json:"description"`
	CanonicalURL *string            `json:"canonical_url"`
	IsArticle    *bool              `json:"is_article"`
	TextStarts   string             `json:"text_starts"`
	TextEnds     string             `json:"text_ends"`
	TextHas      []string           `json:"text_has"`
	TextLacks    []string           `json:"text_lacks"`
	Related      *[]article.Related `json:"related"`
	Images       *[]article.Image   `json:"images"`
	Feeds        *[]string          `json:"feeds"`
	LinksHas     []string           `json:"links_has"`
}

// TestFixtures extracts every page under testdata through FromBytes (so the
// GBK copy is decoded end to end) and compares the key fields with the JSON
// file next to it.
func TestFixtures(t *testing.T) {
	cases := []struct {
		name    string
		charset string
	}{
		{"zh-industry-news", "utf-8"},
		{"zh-industry-news-gbk", "gb18030"},
		{"en-news-jsonld", "utf-8"},
		{"en-blog-plain", "utf-8"},
		{"en-listing", "utf-8"},
		{"en-topic-website", "utf-8"},
		{"zh-section-listing", "utf-8"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", tc.name+".html"))
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join("testdata", tc.name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			var want expected
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatalf("%s.json: %v", tc.name, err)
			}
			r, err := FromBytes(raw, "", Options{URL: want.URL})
			if err != nil {
				t.Fatal(err)
			}
			if r.Charset != tc.charset {
				t.Errorf("charset = %q, want %q", r.Charset, tc.charset)
			}
			checkResult(t, r, want)
		})
	}
}

func checkResult(t *testing.T, r *Result, want expected) {
	t.Helper()
	a := r.Article
	str := func(field string, got string, w *string) {
		if w != nil && got != *w {
			t.Errorf("%s = %q, want %q", field, got, *w)
		}
	}
	str("title", a.Title, want.Title)
	str("source", a.Source, want.Source)
	str("published_at", a.PublishedAt, want.PublishedAt)
	str("description", a.Description, want.Description)
	str("canonical_url", a.CanonicalURL, want.CanonicalURL)
	if want.Authors != nil && !slices.Equal(a.Authors, want.Authors) {
		t.Errorf("authors = %q, want %q", a.Authors, want.Authors)
	}
	if want.IsArticle != nil && r.IsArticle != *want.IsArticle {
		t.Errorf("IsArticle = %v, want %v", r.IsArticle, *want.IsArticle)
	}
	if !strings.HasPrefix(a.Text, want.TextStarts) {
		t.Errorf("text starts %q, want %q", head(a.Text), want.TextStarts)
	}
	if !strings.HasSuffix(a.Text, want.TextEnds) {
		t.Errorf("text ends %q, want %q", tail(a.Text), want.TextEnds)
	}
	for _, s := range want.TextHas {
		if !strings.Contains(a.Text, s) {
			t.Errorf("text lacks %q", s)
		}
	}
	for _, s := range want.TextLacks {
		if strings.Contains(a.Text, s) {
			t.Errorf("text has boilerplate %q", s)
		}
	}
	if want.Related != nil && !reflect.DeepEqual(a.Related, *want.Related) {
		t.Errorf("related =\n%+v\nwant\n%+v", a.Related, *want.Related)
	}
	if want.Images != nil && !reflect.DeepEqual(a.Images, *want.Images) {
		t.Errorf("images = %+v, want %+v", a.Images, *want.Images)
	}
	feeds := r.Feeds
	if feeds == nil {
		feeds = []string{}
	}
	if want.Feeds != nil && !slices.Equal(feeds, *want.Feeds) {
		t.Errorf("feeds = %q, want %q", r.Feeds, *want.Feeds)
	}
	for _, l := range want.LinksHas {
		if !slices.Contains(r.Links, l) {
			t.Errorf("links lack %q", l)
		}
	}
	seen := map[string]bool{}
	for _, l := range r.Links {
		if seen[l] {
			t.Errorf("link %q listed twice", l)
		}
		seen[l] = true
		if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
			t.Errorf("link %q is not absolute http(s)", l)
		}
	}
	if strings.Contains(a.HTML, "<script") || strings.Contains(a.HTML, "class=") {
		t.Errorf("html not cleaned: %q", head(a.HTML))
	}
}

func head(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60])
	}
	return s
}

func tail(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[len(r)-60:])
	}
	return s
}
