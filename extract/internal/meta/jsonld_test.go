package meta

import (
	"reflect"
	"testing"
)

func TestParseJSONLD(t *testing.T) {
	tests := []struct {
		name   string
		blocks []string
		want   ldInfo
	}{
		{
			name:   "plain news article with author object",
			blocks: []string{`{"@context":"https://schema.org","@type":"NewsArticle","headline":"Rain Falls","datePublished":"2024-09-05T08:56:39+08:00","author":{"@type":"Person","name":"Jane Roe"},"publisher":{"@type":"Organization","name":"Daily Example"}}`},
			want:   ldInfo{Type: "newsarticle", Headline: "Rain Falls", Published: "2024-09-05T08:56:39+08:00", Authors: []string{"Jane Roe"}, Publisher: "Daily Example"},
		},
		{
			name: "graph with references and arrays",
			blocks: []string{`{"@context":"https://schema.org","@graph":[
				{"@type":"WebPage","@id":"https://ex.com/a#page","name":"Rain Falls - Example"},
				{"@type":["Article","BlogPosting"],"headline":"Rain Falls","author":[{"@id":"https://ex.com/#p1"},{"name":"Bo Li"}],"keywords":"weather, rain","datePublished":"2024-09-05"},
				{"@type":"Person","@id":"https://ex.com/#p1","name":"Jane Roe"}]}`},
			want: ldInfo{Type: "article", Headline: "Rain Falls", Published: "2024-09-05", Authors: []string{"Jane Roe", "Bo Li"}, Keywords: []string{"weather", "rain"}},
		},
		{
			name:   "organisation as the only author",
			blocks: []string{`[{"@type":"NewsArticle","headline":"Notice","author":{"@type":"GovernmentOrganization","name":"Ministry of Examples"}}]`},
			want:   ldInfo{Type: "newsarticle", Headline: "Notice", Authors: []string{"Ministry of Examples"}, OrgAuthors: true},
		},
		{
			// A template that leaves the name empty before the outlet's.
			name:   "person named as the publisher is the publisher",
			blocks: []string{`{"@type":"NewsArticle","headline":"Rain Falls","author":{"@type":"Person","name":", Daily Example"},"publisher":{"@type":"Organization","name":"Daily Example"}}`},
			want:   ldInfo{Type: "newsarticle", Headline: "Rain Falls", Authors: []string{", Daily Example"}, Publisher: "Daily Example", OrgAuthors: true},
		},
		{
			name:   "raw newline inside a string is repaired",
			blocks: []string{"{\"@type\":\"Article\",\"headline\":\"Two\nLines\",\"author\":\"Jane Roe\"};"},
			want:   ldInfo{Type: "article", Headline: "Two Lines", Authors: []string{"Jane Roe"}},
		},
		{
			name:   "broken block is skipped, the good one read",
			blocks: []string{`{"@type":"Article",`, `{"@type":"BlogPosting","headline":"Ok"}`},
			want:   ldInfo{Type: "blogposting", Headline: "Ok"},
		},
		{
			name:   "breadcrumbs alone are no article",
			blocks: []string{`{"@type":"BreadcrumbList","itemListElement":[]}`},
			want:   ldInfo{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := parseJSONLD(tc.blocks)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// FuzzJSONLD: arbitrary script content never panics or loops (self- and
// mutually-referencing @id nodes included).
func FuzzJSONLD(f *testing.F) {
	f.Add(`{"@graph":[{"@type":"Article","@id":"#a","author":{"@id":"#a"},"image":{"@id":"#a"}}]}`)
	f.Add(`{"@type":"NewsArticle","author":[{"@id":"#p"}],"publisher":{"@id":"#p"}}`)
	f.Add(`[{"@type":["Article"],"headline":1.5,"mainEntity":{"@type":"Article"}}]`)
	f.Fuzz(func(t *testing.T, s string) {
		_ = parseJSONLD([]string{s, `{"@type":"Person","@id":"#p","name":"X"}`})
	})
}
