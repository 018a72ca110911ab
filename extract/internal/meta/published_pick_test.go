package meta

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// Which of the dates a page offers becomes published_at.
func TestPublishedPick(t *testing.T) {
	for _, c := range []struct {
		name, head, body, want string
	}{
		{
			name: "declared UTC evening is the next local day: declared kept",
			head: `<meta property="article:published_time" content="2025-12-02T23:00:55+00:00">`,
			body: `<h1>A post</h1><p>Dec 3, 2025</p>`,
			want: "2025-12-02T23:00:55+00:00",
		},
		{
			name: "declared UTC instant shown as the evening before: the shown wall time with the implied offset",
			head: `<meta property="article:published_time" content="2021-04-04T02:30:00Z">`,
			body: `<h1>A post</h1><p>3 April 2021, 23:30</p>`,
			want: "2021-04-03T23:30:00-03:00",
		},
		{
			name: "a shown day whose day and month are one number is not read swapped",
			head: `<meta property="article:published_time" content="2021-03-04T02:30:00Z">`,
			body: `<h1>A post</h1><p>3 March 2021, 23:30</p>`,
			want: "2021-03-03T23:30:00-03:00",
		},
		{
			name: "declared UTC seconds kept with a shown time to the minute",
			head: `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-08T01:15:42.000Z"}</script>`,
			body: `<h1>A post</h1><div class="date">May 7, 2024 9:15 pm</div>`,
			want: "2024-05-07T21:15:42-04:00",
		},
		{
			name: "shown time a half hour east of UTC",
			head: `<meta property="article:published_time" content="2024-05-07T20:00:00Z">`,
			body: `<h1>A post</h1><div class="date">May 8, 2024 1:30 am</div>`,
			want: "2024-05-08T01:30:00+05:30",
		},
		{
			name: "shown time a quarter hour off no zone uses: declared kept",
			head: `<meta property="article:published_time" content="2024-05-08T01:15:00Z">`,
			body: `<h1>A post</h1><div class="date">May 7, 2024 10:00 pm</div>`,
			want: "2024-05-08T01:15:00Z",
		},
		{
			name: "shown time no zone could give: declared kept",
			head: `<meta property="article:published_time" content="2024-05-08T01:15:00Z">`,
			body: `<h1>A post</h1><div class="date">May 7, 2024 9:22 pm</div>`,
			want: "2024-05-08T01:15:00Z",
		},
		{
			name: "declared with a zone of its own: declared kept",
			head: `<meta property="article:published_time" content="2024-05-08T01:15:00+02:00">`,
			body: `<h1>A post</h1><div class="date">May 7, 2024 9:15 pm</div>`,
			want: "2024-05-08T01:15:00+02:00",
		},
		{
			name: "shown time with its own zone: declared kept",
			head: `<meta property="article:published_time" content="2024-05-08T01:15:00Z">`,
			body: `<h1>A post</h1><div class="date">May 7, 2024 9:15 pm EDT</div>`,
			want: "2024-05-08T01:15:00Z",
		},
		{
			name: "declared instant that is the shown day in no zone: shown day wins",
			head: `<meta property="article:published_time" content="2025-12-19T22:02:58Z">`,
			body: `<h1>A post</h1><p>Dec 18, 2025</p>`,
			want: "2025-12-18",
		},
		{
			name: "wall time without zone a day off: shown day wins",
			head: `<script type="application/ld+json">{"@type":"Article","datePublished":"2025-11-13T09:21:40"}</script>`,
			body: `<h1>A post</h1><div class="date">12 November 2025</div>`,
			want: "2025-11-12",
		},
		{
			name: "bare declared day next to the shown day: declared kept",
			head: `<meta property="article:published_time" content="2025-11-13">`,
			body: `<h1>A post</h1><div class="date">12 November 2025</div>`,
			want: "2025-11-13",
		},
		{
			name: "originally published beats the dates shown with it",
			body: `<h1>A post</h1><p>30 Sep 2022, 11:07am</p>` + strings.Repeat(`<p>A paragraph of the story.</p>`, 30) + `<p>This article was originally published on 26 Sep 2019 at 4:12pm but has been regularly updated.</p>`,
			want: "2019-09-26T16:12:00",
		},
		{
			name: "originally published without a date: the date shown",
			body: `<h1>A post</h1><p>30 Sep 2022, 11:07am</p><p>Text of the story.</p><p>This article was originally published in The Example Review.</p>`,
			want: "2022-09-30T11:07:00",
		},
		{
			name: "only an update shown, publication in JSON-LD alone: the update",
			head: `<script type="application/ld+json">{"@type":"Article","datePublished":"2025-11-25T08:33:24","dateModified":"2025-12-04T16:59:32"}</script>`,
			body: `<h1>A post</h1><p>Last updated: Dec 4, 2025</p><p>Text.</p>`,
			want: "2025-12-04",
		},
		{
			name: "update after a byline label",
			head: `<script type="application/ld+json">{"@type":"Article","datePublished":"2019-08-14T13:00:00Z"}</script>`,
			body: `<h1>A post</h1><p>Written by: Ann Lee, Senior Analyst Updated Sep 17, 2025</p><p>Text.</p>`,
			want: "2025-09-17",
		},
		{
			name: "publication also in article:published_time: the publication",
			head: `<meta property="article:published_time" content="2025-11-25T08:33:24+00:00"><script type="application/ld+json">{"@type":"Article","datePublished":"2025-11-25T08:33:24+00:00"}</script>`,
			body: `<h1>A post</h1><p>Last updated: Dec 4, 2025</p><p>Text.</p>`,
			want: "2025-11-25T08:33:24+00:00",
		},
		{
			name: "published and updated both shown: the publication",
			head: `<script type="application/ld+json">{"@type":"Article","datePublished":"2025-01-02T10:00:00Z"}</script>`,
			body: `<h1>A post</h1><p>Published Jan 2, 2025 · Updated Mar 3, 2025</p><p>Text.</p>`,
			want: "2025-01-02T10:00:00Z",
		},
		{
			name: "JSON-LD carried in a meta tag",
			head: `<meta name="script:ld+json" content="{&quot;@type&quot;:&quot;Article&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}">`,
			body: `<h1>A post</h1><p>Text.</p>`,
			want: "2025-11-17T09:00:00-05:00",
		},
		{
			name: "government document: written date beats posting date",
			head: `<meta name="PubDate" content="2022-01-28 00:00:00">`,
			body: `<table><tr><td>成文日期：</td><td>2022年01月27日</td></tr><tr><td>发布日期：</td><td>2022年01月28日</td></tr></table><h1>关于某项工作的通告</h1><p>特此通告。</p>`,
			want: "2022-01-27",
		},
		{
			name: "written date on the label's own line",
			body: `<h1>关于某项工作的通知</h1><p>成文日期：2021-3-5</p><p>发布日期：2021-3-8</p><p>正文。</p>`,
			want: "2021-03-05",
		},
		{
			name: "no written date: posting date",
			head: `<meta name="PubDate" content="2022-01-28 00:00:00">`,
			body: `<h1>关于某项工作的通告</h1><p>发布日期：2022年01月28日</p><p>特此通告。</p>`,
			want: "2022-01-28T00:00:00",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			page := `<html><head><title>A post</title>` + c.head + `</head><body>` + c.body + `</body></html>`
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
