package demosite

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Site is the demo news site: its content and its small mutable state.
type Site struct {
	articles []*Article          // newest first
	byPath   map[string]*Article // by path
	tmpl     *templates
	images   map[string]bool // image paths articles refer to

	mu      sync.Mutex
	updates map[string]int // path → times Mutate edited it
	hits    map[string]int // path → requests
}

// New parses the embedded content. It fails only if the content itself is
// broken, which the package tests rule out.
func New() (*Site, error) {
	arts, err := loadArticles()
	if err != nil {
		return nil, err
	}
	t, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s := &Site{
		articles: arts,
		byPath:   map[string]*Article{},
		tmpl:     t,
		images:   map[string]bool{logoPath: true},
		updates:  map[string]int{},
		hits:     map[string]int{},
	}
	for _, a := range arts {
		if s.byPath[a.Path] != nil {
			return nil, fmt.Errorf("%w: two articles at %s", errContent, a.Path)
		}
		s.byPath[a.Path] = a
		if a.Image != "" {
			s.images[a.Image] = true
		}
	}
	for _, a := range arts {
		for _, r := range a.Related {
			if s.byPath[r] == nil {
				return nil, fmt.Errorf("%w: %s relates to unknown %s", errContent, a.Path, r)
			}
		}
	}
	return s, nil
}

// Handler returns the handler of a fresh Site, for tests that need no
// Mutate. It panics if the embedded content is broken.
func Handler() http.Handler {
	s, err := New()
	if err != nil {
		panic(err)
	}
	return s
}

// ArticlePaths returns the path of every article, sorted. A crawl of the
// site from its front page should archive exactly these.
func (s *Site) ArticlePaths() []string {
	out := make([]string, len(s.articles))
	for i, a := range s.articles {
		out[i] = a.Path
	}
	sort.Strings(out)
	return out
}

// Info is what a test may check about an archived article.
type Info struct {
	Path      string
	Title     string
	Authors   []string
	Source    string
	Published string // as the page states it (RFC 3339, or a wall time)
	Lang      string
	Encoding  string // see Article.Encoding
	Layout    string
}

// Articles describes every article, newest first.
func (s *Site) Articles() []Info {
	out := make([]Info, len(s.articles))
	for i, a := range s.articles {
		out[i] = Info{Path: a.Path, Title: a.Title, Authors: a.Authors, Source: a.Source,
			Published: a.Published, Lang: a.Lang(), Encoding: a.Encoding, Layout: a.Layout}
	}
	return out
}

// Mutate edits the body text of one article (always the same one: the
// newest with an update paragraph) by appending a dated update, as a news
// site does when a story develops, and returns its path. Each call adds
// one more paragraph, so the next crawl finds a new version. Only the body
// changes; the HTTP Last-Modified, ETag and sitemap lastmod move with it so
// that conditional requests and sitemap-driven crawls see the change.
func (s *Site) Mutate() string {
	for _, a := range s.articles {
		if a.Update != "" {
			s.mu.Lock()
			s.updates[a.Path]++
			s.mu.Unlock()
			return a.Path
		}
	}
	return ""
}

// Hits returns how many requests path has had (any query string).
func (s *Site) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// edits returns how many times Mutate edited a.
func (s *Site) edits(a *Article) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.updates[a.Path]
}

// lastModified is the article's modification time as the server reports
// it: the stated one, an hour later per Mutate edit.
func (s *Site) lastModified(a *Article) time.Time {
	return a.mod.Add(time.Duration(s.edits(a)) * time.Hour).UTC()
}

// body returns a's body blocks including Mutate's updates.
func (s *Site) body(a *Article) []Block {
	n := s.edits(a)
	if n == 0 {
		return a.Body
	}
	out := append([]Block(nil), a.Body...)
	for i := 1; i <= n; i++ {
		label := "Update: "
		if i > 1 {
			label = "Further update (" + strconv.Itoa(i) + "): "
		}
		out = append(out, Block{Kind: "p", Text: label + a.Update})
	}
	return out
}

// ServeHTTP routes a request.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.mu.Unlock()
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	switch {
	case p == "/":
		s.serveFront(w, r)
	case p == "/robots.txt":
		s.serveRobots(w, r)
	case p == "/sitemap.xml":
		s.serveSitemap(w, r)
	case p == "/feed.xml":
		s.serveFeed(w, r)
	case p == pdfPath:
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(fakePDF)
	case p == "/admin/":
		s.serveAdmin(w, r)
	case s.images[p]:
		serveImage(w, p)
	case strings.HasPrefix(p, "/tag/"):
		s.serveTag(w, r, strings.Trim(strings.TrimPrefix(p, "/tag/"), "/"))
	case s.byPath[p] != nil:
		s.serveArticle(w, r, s.byPath[p])
	default:
		if sec, page, ok := sectionPage(p); ok {
			s.serveSection(w, r, sec, page)
			return
		}
		s.notFound(w, r)
	}
}

// sectionPage parses /world/ and /world/page/2/.
func sectionPage(p string) (Section, int, bool) {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	if !strings.HasSuffix(p, "/") {
		return Section{}, 0, false
	}
	for _, sec := range sections {
		if parts[0] != sec.Slug {
			continue
		}
		switch {
		case len(parts) == 1:
			return sec, 1, true
		case len(parts) == 3 && parts[1] == "page":
			n, err := strconv.Atoi(parts[2])
			if err == nil && n >= 1 {
				return sec, n, true
			}
		}
	}
	return Section{}, 0, false
}

// inSection returns the section's articles, newest first.
func (s *Site) inSection(slug string) []*Article {
	var out []*Article
	for _, a := range s.articles {
		if a.Section == slug {
			out = append(out, a)
		}
	}
	return out
}

// ArticlePattern matches the URLs of the site's articles (and nothing
// else it serves), for a job's `articles:` list when a caller wants the
// archive to hold exactly the articles rather than rely on the extractor's
// judgement of listing pages.
const ArticlePattern = `/\d{4}/\d{2}/\d{2}/[^/?#]+\.html$`
