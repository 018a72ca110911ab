package demosite

import (
	"bufio"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed site
var siteFS embed.FS

// errContent is returned (wrapped, naming the file) when an embedded
// article file is malformed; tests catch it before any release.
var errContent = errors.New("bad demo content")

// Section is one channel of the site.
type Section struct {
	Slug string // URL path segment: /world/
	Name string // shown in the navigation
	Lang string // BCP 47 tag of its pages
	// Chrome picks the page furniture: "en", "zh-hans" or "zh-hant".
	Chrome string
	// Encoding of its listing pages (see Article.Encoding).
	Encoding string
}

// sections is the site's channel list, in navigation order.
var sections = []Section{
	{Slug: "world", Name: "World", Lang: "en", Chrome: "en", Encoding: "utf-8"},
	{Slug: "tech", Name: "Technology", Lang: "en", Chrome: "en", Encoding: "utf-8"},
	{Slug: "industry", Name: "产业资讯", Lang: "zh-CN", Chrome: "zh-hans", Encoding: "gbk-meta"},
	{Slug: "tw", Name: "台灣產經", Lang: "zh-TW", Chrome: "zh-hant", Encoding: "utf-8"},
}

// pageSize is the number of articles on one section page; small, so that
// every section but one has a page 2.
const pageSize = 3

// Block is one piece of an article body.
type Block struct {
	Kind string // "p", "h2", "quote" or "figure" (the article's image)
	Text string
	Src  string // image path of a figure (Text is then its caption)
}

// Article is one embedded article, parsed from site/articles/*.txt: a
// header of "key: value" lines, a line "---", then the body, paragraphs
// separated by blank lines ("## " starts a subheading, "> " a pull quote,
// "[figure]" places the image).
type Article struct {
	Path        string
	Layout      string // "modern", "blog", "brief" or "cms"
	Section     string
	Title       string
	Description string
	Source      string
	Authors     []string
	Tags        []string
	Related     []string // paths of other articles
	Image       string
	Caption     string
	Views       int
	// Encoding is how the page is served: "utf-8"; "gbk-meta" (GBK with
	// <meta charset="gbk">); "gbk-httpequiv" (GBK declared as gb2312 in a
	// http-equiv meta); "gbk-header" (GBK, no meta, charset only in the
	// Content-Type header).
	Encoding string
	// Update is the paragraph Mutate appends to the body.
	Update string
	// Published and Modified are as written: RFC 3339, or a wall time
	// "2006-01-02T15:04:05" for pages that state no zone.
	Published, Modified string
	Body                []Block

	pub, mod time.Time
}

// Lang returns the language of the article's section.
func (a *Article) Lang() string { return sectionOf(a.Section).Lang }

func sectionOf(slug string) Section {
	for _, s := range sections {
		if s.Slug == slug {
			return s
		}
	}
	return Section{Slug: slug, Name: slug, Lang: "en", Chrome: "en", Encoding: "utf-8"}
}

// loadArticles parses every embedded article, newest first.
func loadArticles() ([]*Article, error) {
	files, err := fs.Glob(siteFS, "site/articles/*.txt")
	if err != nil {
		return nil, err
	}
	var out []*Article
	for _, f := range files {
		b, err := siteFS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		a, err := parseArticle(string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w: %v", f, errContent, err)
		}
		out = append(out, a)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].pub.After(out[j].pub) })
	return out, nil
}

func parseArticle(src string) (*Article, error) {
	head, body, ok := strings.Cut(src, "\n---\n")
	if !ok {
		return nil, errors.New(`no "---" line between header and body`)
	}
	a := &Article{Encoding: "utf-8"}
	sc := bufio.NewScanner(strings.NewReader(head))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("header line %q has no colon", line)
		}
		v = strings.TrimSpace(v)
		switch strings.TrimSpace(k) {
		case "path":
			a.Path = v
		case "layout":
			a.Layout = v
		case "section":
			a.Section = v
		case "title":
			a.Title = v
		case "description":
			a.Description = v
		case "source":
			a.Source = v
		case "authors":
			a.Authors = list(v)
		case "tags":
			a.Tags = list(v)
		case "related":
			a.Related = list(v)
		case "image":
			a.Image = v
		case "caption":
			a.Caption = v
		case "views":
			n, err := strconv.Atoi(v)
			if err != nil {
				return nil, fmt.Errorf("views: %v", err)
			}
			a.Views = n
		case "encoding":
			a.Encoding = v
		case "update":
			a.Update = v
		case "published":
			a.Published = v
		case "modified":
			a.Modified = v
		default:
			return nil, fmt.Errorf("unknown header key %q", k)
		}
	}
	var err error
	if a.pub, err = parseTime(a.Published); err != nil {
		return nil, fmt.Errorf("published: %v", err)
	}
	a.mod = a.pub
	if a.Modified != "" {
		if a.mod, err = parseTime(a.Modified); err != nil {
			return nil, fmt.Errorf("modified: %v", err)
		}
	}
	for _, para := range strings.Split(strings.TrimSpace(body), "\n\n") {
		para = strings.Join(strings.Fields(strings.ReplaceAll(para, "\n", " ")), " ")
		switch {
		case para == "":
		case para == "[figure]":
			a.Body = append(a.Body, Block{Kind: "figure"})
		case strings.HasPrefix(para, "## "):
			a.Body = append(a.Body, Block{Kind: "h2", Text: para[3:]})
		case strings.HasPrefix(para, "> "):
			a.Body = append(a.Body, Block{Kind: "quote", Text: para[2:]})
		default:
			a.Body = append(a.Body, Block{Kind: "p", Text: para})
		}
	}
	switch {
	case a.Path == "" || !strings.HasPrefix(a.Path, "/"+a.Section+"/"):
		return nil, fmt.Errorf("path %q must start with /%s/", a.Path, a.Section)
	case a.Title == "" || len(a.Body) == 0:
		return nil, errors.New("title and body are required")
	case a.Layout != "modern" && a.Layout != "blog" && a.Layout != "brief" && a.Layout != "cms":
		return nil, fmt.Errorf("unknown layout %q", a.Layout)
	}
	return a, nil
}

func list(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ";") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// parseTime reads RFC 3339 or a zone-less wall time. A wall time is held
// in UTC+8, the zone of the Chinese pages that use it, for the sitemap and
// HTTP headers only; pages show it as written.
func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.ParseInLocation("2006-01-02T15:04:05", s, time.FixedZone("CST", 8*3600))
}
