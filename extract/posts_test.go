package extract

import (
	"strings"
	"testing"
)

func TestDropLaterPosts(t *testing.T) {
	long := func(s string) string { return strings.Repeat(s+" ", 12) }
	post := func(title, body string) string {
		return `<div class="post"><h2 class="post-title">` + title + `</h2><div class="post-body"><p>` + long(body) + `</p></div><div class="post-footer"><a href="/p/` + title + `">permalink</a></div></div>`
	}
	for _, c := range []struct {
		name      string
		body      string
		keep      []string
		gone      []string
		isArticle bool
	}{
		{
			name:      "blog page of whole posts: the first stands for it",
			body:      post("First", "The newest post tells of the harbour fair and its boats.") + post("Second", "An older post about the winter market in the square.") + post("Third", "The oldest post, on the library's reopening day."),
			keep:      []string{"harbour fair"},
			gone:      []string{"winter market", "library"},
			isArticle: false,
		},
		{
			name: "one post split in two bodies without titles: both kept",
			body: `<div class="wrap"><div class="entry-content"><p>` + long("The first half of the story, about the harbour fair and its boats.") + `</p></div></div><div class="wrap"><div class="entry-content"><p>` + long("The second half of the story, about the winter market.") + `</p></div></div>`,
			keep: []string{"harbour fair", "winter market"},
		},
		{
			name: "teasers too short to be posts: nothing cut",
			body: `<div class="post"><h2 class="post-title">One</h2><div class="post-body"><p>A short teaser.</p></div></div><div class="post"><h2 class="post-title">Two</h2><div class="post-body"><p>Another teaser.</p></div></div>`,
			keep: []string{"short teaser", "Another teaser"},
		},
		{
			name: "a post and its comments: nothing cut",
			body: post("Only", "The post itself, on the harbour fair and its boats.") + `<div class="comments"><div class="comment"><div class="comment-body"><p>` + long("A reader writes about the winter market.") + `</p></div></div></div>`,
			keep: []string{"harbour fair"},
		},
		{
			name: "posts in different wrappers: nothing cut",
			body: post("Main", "The post itself, on the harbour fair and its boats.") + `<aside class="teaser"><h3>Elsewhere</h3><div class="entry-content"><p>` + long("A featured piece about the winter market.") + `</p></div></aside>`,
			keep: []string{"harbour fair"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			page := `<html><head><title>A blog</title></head><body><div id="main">` + c.body + `</div></body></html>`
			res, err := Extract([]byte(page), Options{URL: "https://blog.example.com/archive/2025-06"})
			if err != nil {
				t.Fatal(err)
			}
			checkText(t, res.Article.Text, c.keep, c.gone)
			if len(c.gone) > 0 && res.IsArticle != c.isArticle {
				t.Errorf("IsArticle = %v, want %v", res.IsArticle, c.isArticle)
			}
		})
	}
}
