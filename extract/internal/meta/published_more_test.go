package meta

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// The fetch time, the citation and Dublin Core keys, and the dates a URL
// or a page in another language states.
func TestPublishedFetchAndForms(t *testing.T) {
	fetched := time.Date(2024, 9, 10, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name, url, lang, head, body, want string
	}{
		{
			name: "declared date after the fetch is dropped for the shown one",
			head: `<meta property="article:published_time" content="2031-01-01T08:00:00Z">`,
			body: `<h1>A post</h1><p>September 2, 2024</p>`,
			want: "2024-09-02",
		},
		{
			name: "future only: no date",
			head: `<meta property="article:published_time" content="2031-01-01T08:00:00Z">`,
			body: `<h1>A post</h1><p>Text.</p>`,
			want: "",
		},
		{
			name: "citation_publication_date",
			head: `<meta name="citation_publication_date" content="2023/05/31">`,
			body: `<h1>A paper</h1><p>Text.</p>`,
			want: "2023-05-31",
		},
		{
			name: "citation_online_date",
			head: `<meta name="citation_online_date" content="2023-06-02">`,
			body: `<h1>A paper</h1><p>Text.</p>`,
			want: "2023-06-02",
		},
		{
			name: "issued beats a bare DC.date",
			head: `<meta name="DC.date" content="2020-01-01"><meta name="DCTERMS.issued" content="2023-04-05">`,
			body: `<h1>A report</h1><p>Text.</p>`,
			want: "2023-04-05",
		},
		{
			name: "german month name at the headline",
			lang: "de",
			body: `<h1>Ein Bericht</h1><p>31. Mai 2019</p><p>Text.</p>`,
			want: "2019-05-31",
		},
		{
			name: "two-digit year, American order",
			lang: "en-US",
			body: `<h1>A post</h1><p>Posted 9/5/24</p><p>Text.</p>`,
			want: "2024-09-05",
		},
		{
			name: "shown month-first on a day-first page: the declared order",
			lang: "de",
			head: `<meta property="article:published_time" content="2021-11-01T04:00:00Z">`,
			body: `<h1>Ein Test</h1><p>11/01/2021</p>`,
			want: "2021-11-01T04:00:00Z",
		},
		{
			name: "German labels: the published line beats the updated one",
			lang: "de",
			body: `<h1>Ein Bericht</h1><p>Aktualisiert am 5. Juni 2024</p><p>Veröffentlicht am 3. Juni 2024</p><p>Text.</p>`,
			want: "2024-06-03",
		},
		{
			name: "French labels",
			lang: "fr",
			body: `<h1>Un article</h1><p>Mis à jour le 5 juin 2024</p><p>Publié le 3 juin 2024</p><p>Texte.</p>`,
			want: "2024-06-03",
		},
		{
			name: "day-first date in the URL is the last resort",
			url:  "https://example.org/news/29-10-2021",
			body: `<h1>Ein Bericht</h1><p>Text.</p>`,
			want: "2021-10-29",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			page := `<html lang="` + c.lang + `"><head><title>A post</title>` + c.head + `</head><body>` + c.body + `</body></html>`
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			var base *url.URL
			if c.url != "" {
				base, _ = url.Parse(c.url)
			}
			if got := Find(doc, base, nil, fetched).PublishedAt; got != c.want {
				t.Errorf("PublishedAt = %q, want %q", got, c.want)
			}
		})
	}
}
