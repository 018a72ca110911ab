package meta

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// How weak date signals (hAtom's "updated" marker, generic meta dates,
// dates inside the headline or the text) rank against the others.
func TestPublishedSignals(t *testing.T) {
	for _, c := range []struct {
		name, head, body, want string
	}{
		{
			name: "hAtom updated marker on the only date of an undeclared page",
			body: `<h1>Ein Beitrag</h1><p class="entry-meta"><span class="entry-date updated"><a href="/?m=202105">3. Mai 2021</a></span> <span class="author">Erika Muster</span></p><p>Text.</p>` +
				`<div class="sidebar"><p>Tipprunde 28-01-2021</p></div>`,
			want: "2021-05-03",
		},
		{
			name: "hAtom updated marker beside the published one: the published one",
			body: `<h1>A post</h1><p class="meta"><time class="entry-date published" datetime="2021-05-03T10:00:00">May 3, 2021</time><time class="updated" datetime="2022-01-09T10:00:00">January 9, 2022</time></p>`,
			want: "2021-05-03T10:00:00",
		},
		{
			name: "hAtom updated marker loses to a declared date",
			head: `<script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2020-02-01T08:00:00Z"}</script>`,
			body: `<h1>A post</h1><div class="entry-meta"><span class="meta-date"><span class="updated">2023-06-01</span></span><span>5 min read</span></div>`,
			want: "2020-02-01T08:00:00Z",
		},
		{
			name: "generic meta date loses to the <time> at the byline on another day",
			head: `<meta name="date" content="2021-04-30">`,
			body: `<h1>Ein Artikel</h1><ul class="infoline"><li class="author">Von Max Muster</li><li class="date"><time>29.04.2021, 12:01 Uhr</time></li></ul><p>Text.</p>`,
			want: "2021-04-29T12:01:00",
		},
		{
			name: "specific meta date still beats a near shown day",
			head: `<meta property="article:published_time" content="2021-04-30">`,
			body: `<h1>Ein Artikel</h1><ul class="infoline"><li class="date"><time>29.04.2021, 12:01 Uhr</time></li></ul><p>Text.</p>`,
			want: "2021-04-30",
		},
		{
			name: "a date inside the headline is its subject",
			body: `<h1>Minutes of the board meeting of 10 October 2019</h1><p class="byline">12/26/2019 by <a href="/author/x">the web team</a></p><p>Present: four members.</p>`,
			want: "2019-12-26",
		},
		{
			name: "a date opening the headline is its dateline",
			body: `<h1>27.01.2022 Monatsbericht November</h1><p>Der Absatz sank.</p>`,
			want: "2022-01-27",
		},
		{
			name: "a sentence citing a date under the headline does not beat the declared date",
			head: `<meta property="article:published_time" content="2021-11-12T13:00:00">`,
			body: `<h1>Gedanken zum Tag</h1><p>Aus einer Predigt.</p><p>Aus der Enzyklika „Über die Liebe“, 25. Dezember 2005:</p><p>Ein Zitat.</p>`,
			want: "2021-11-12T13:00:00",
		},
		{
			name: "a byline line with a date still beats the declared date",
			head: `<script type="application/ld+json">{"@type":"Article","datePublished":"2025-01-01T03:00:00"}</script>`,
			body: `<h1>The best boxes</h1><p>By Jane Roe Mar 5, 2025 | 6 comments</p><p>Here they are.</p>`,
			want: "2025-03-05",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			title := c.body[strings.Index(c.body, "<h1>")+4 : strings.Index(c.body, "</h1>")]
			page := `<html><head><title>` + title + `</title>` + c.head + `</head><body>` + c.body + `</body></html>`
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			if got := Find(doc, nil, nil, time.Time{}).PublishedAt; got != c.want {
				t.Errorf("PublishedAt = %q, want %q", got, c.want)
			}
		})
	}
}
