package demosite

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// templates wraps the parsed page templates.
type templates struct{ t *template.Template }

func parseTemplates() (*templates, error) {
	t, err := template.New("").Funcs(template.FuncMap{
		"enDate":   func(t time.Time) string { return t.Format("2 January 2006, 15:04 MST") },
		"blogDate": func(t time.Time) string { return t.Format("Monday, January 2, 2006 at 3:04 pm") },
		"cmsTime":  func(t time.Time) string { return t.Format("2006年01月02日 15:04:05") },
		"listTime": func(t time.Time) string { return t.Format("2006-01-02 15:04:05") },
		"shortDay": func(t time.Time) string { return t.Format("01-02") },
		"tagSlug":  tagSlug,
		"authors":  authorLine,
		"zhNames":  func(n []string) string { return strings.Join(n, " ") },
		"join":     strings.Join,
	}).ParseFS(siteFS, "site/templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errContent, err)
	}
	return &templates{t}, nil
}

// PubTime is the publication time (in the page's own zone).
func (a *Article) PubTime() time.Time { return a.pub }

// ModTime is the stated modification time (the publication time if none).
func (a *Article) ModTime() time.Time { return a.mod }

// tagSlug is a tag's URL segment: "Open data" → "open-data".
func tagSlug(tag string) string { return strings.ReplaceAll(strings.ToLower(tag), " ", "-") }

// authorLine joins names the way English bylines do: "A", "A and B",
// "A, B and C".
func authorLine(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// link is one entry of a sidebar list.
type link struct{ URL, Title, Time string }

// sectionBlock is one section's box on the front page.
type sectionBlock struct {
	Section Section
	Items   []*Article
}

// view is what every page template gets.
type view struct {
	Base        string // scheme://host of the request
	L           labels
	Lang        string
	Encoding    string
	Title       string
	Description string
	Sections    []Section
	Section     Section

	A       *Article
	Body    []Block
	Related []*Article
	JSONLD  template.JS

	Lead             *Article
	Blocks           []sectionBlock
	Items            []*Article
	Tag              string
	Tags             []string
	Page, Pages      int
	PrevURL, NextURL string
	CanonicalPath    string

	Hot, Latest []link
}

// newView fills in the site furniture for a page in chrome.
func (s *Site) newView(r *http.Request, sec Section) *view {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	v := &view{
		Base:     scheme + "://" + r.Host,
		L:        labelSets[sec.Chrome],
		Lang:     sec.Lang,
		Encoding: sec.Encoding,
		Sections: sections,
		Section:  sec,
	}
	zh := sec.Chrome != "en"
	var group []*Article
	for _, a := range s.articles {
		if (sectionOf(a.Section).Chrome != "en") == zh {
			group = append(group, a)
		}
	}
	for i, a := range group {
		if i == 5 {
			break
		}
		v.Latest = append(v.Latest, link{URL: a.Path, Title: a.Title, Time: a.pub.Format("2006-01-02")})
	}
	hot := append([]*Article(nil), group...)
	sort.SliceStable(hot, func(i, j int) bool { return hot[i].Views > hot[j].Views })
	for i, a := range hot {
		if i == 5 {
			break
		}
		u := a.Path
		if i == 0 {
			// The most-read link carries tracking parameters, as such
			// boxes do: the crawler must archive the article once.
			u += "?utm_source=homepage&utm_medium=most-read&utm_campaign=sidebar"
		}
		v.Hot = append(v.Hot, link{URL: u, Title: a.Title, Time: fmt.Sprint(a.Views)})
	}
	return v
}

// render executes template name and writes it in the given encoding.
func (s *Site) render(w http.ResponseWriter, r *http.Request, name string, v *view, status int, a *Article) {
	var buf bytes.Buffer
	if err := s.tmpl.t.ExecuteTemplate(&buf, name, v); err != nil {
		http.Error(w, "template: "+err.Error(), http.StatusInternalServerError)
		return
	}
	body, ctype, err := encodePage(buf.Bytes(), v.Encoding)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	if a != nil {
		sum := sha256.Sum256(body)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		lm := s.lastModified(a)
		h.Set("ETag", etag)
		h.Set("Last-Modified", lm.Format(http.TimeFormat))
		h.Set("Cache-Control", "max-age=60")
		if notModified(r, etag, lm) {
			h.Del("Content-Type")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.WriteHeader(status)
	w.Write(body)
}

// encodePage turns a rendered UTF-8 page into the bytes served and their
// Content-Type. The GBK variants differ in where the charset is declared,
// which is what the decoder has to find.
func encodePage(b []byte, enc string) ([]byte, string, error) {
	switch enc {
	case "gbk-meta", "gbk-httpequiv", "gbk-header":
		g, err := simplifiedchinese.GBK.NewEncoder().Bytes(b)
		if err != nil {
			return nil, "", fmt.Errorf("encode GBK: %w", err)
		}
		if enc == "gbk-header" {
			return g, "text/html; charset=GBK", nil
		}
		// No charset in the header: the <meta> is the only evidence.
		return g, "text/html", nil
	}
	return b, "text/html; charset=utf-8", nil
}

// notModified applies RFC 9110 §13.2.2: If-None-Match, when present,
// decides alone; otherwise If-Modified-Since.
func notModified(r *http.Request, etag string, lm time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == etag || t == "*" {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		if t, err := http.ParseTime(ims); err == nil {
			return !lm.Truncate(time.Second).After(t)
		}
	}
	return false
}

// serveArticle renders one article in its layout.
func (s *Site) serveArticle(w http.ResponseWriter, r *http.Request, a *Article) {
	sec := sectionOf(a.Section)
	v := s.newView(r, sec)
	v.A = a
	v.Title = a.Title + " | " + v.L.SiteName
	v.Description = a.Description
	if a.Encoding != "" {
		v.Encoding = a.Encoding
	}
	for _, b := range s.body(a) {
		if b.Kind == "figure" {
			b = Block{Kind: "figure", Text: a.Caption, Src: a.Image}
		}
		v.Body = append(v.Body, b)
	}
	for _, p := range a.Related {
		v.Related = append(v.Related, s.byPath[p])
	}
	if a.Layout == "modern" {
		v.JSONLD = jsonLD(v.Base, a)
	}
	s.render(w, r, a.Layout, v, http.StatusOK, a)
}

// jsonLD is the NewsArticle object of a modern page.
func jsonLD(base string, a *Article) template.JS {
	var authors []map[string]string
	for _, n := range a.Authors {
		authors = append(authors, map[string]string{"@type": "Person", "name": n})
	}
	obj := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         a.Title,
		"description":      a.Description,
		"datePublished":    a.Published,
		"author":           authors,
		"inLanguage":       a.Lang(),
		"articleSection":   sectionOf(a.Section).Name,
		"keywords":         a.Tags,
		"mainEntityOfPage": map[string]string{"@type": "WebPage", "@id": base + a.Path},
		"publisher": map[string]any{
			"@type": "Organization",
			"name":  "The Lakeside Courier",
			"logo":  map[string]string{"@type": "ImageObject", "url": base + "/img/courier-logo.png"},
		},
	}
	if a.Modified != "" {
		obj["dateModified"] = a.Modified
	}
	if a.Image != "" {
		obj["image"] = []string{base + a.Image}
	}
	b, _ := json.MarshalIndent(obj, "", "  ") // a map of strings cannot fail
	return template.JS(b)
}

// serveFront renders the home page.
func (s *Site) serveFront(w http.ResponseWriter, r *http.Request) {
	v := s.newView(r, sections[0])
	v.Section = Section{}
	v.Title = "The Lakeside Courier | News from the lakes and beyond"
	v.Description = "Independent news, technology and industry reporting."
	v.CanonicalPath = "/"
	for _, a := range s.articles {
		if a.Layout == "modern" {
			v.Lead = a
			break
		}
	}
	for _, sec := range sections {
		items := s.inSection(sec.Slug)
		if len(items) > pageSize {
			items = items[:pageSize]
		}
		v.Blocks = append(v.Blocks, sectionBlock{Section: sec, Items: items})
	}
	v.Tags = s.allTags()
	s.render(w, r, "front", v, http.StatusOK, nil)
}

// serveSection renders page n of a section.
func (s *Site) serveSection(w http.ResponseWriter, r *http.Request, sec Section, n int) {
	all := s.inSection(sec.Slug)
	pages := (len(all) + pageSize - 1) / pageSize
	if n > pages {
		s.notFound(w, r)
		return
	}
	v := s.newView(r, sec)
	v.Page, v.Pages = n, pages
	v.Items = all[(n-1)*pageSize : min(n*pageSize, len(all))]
	v.Title = sec.Name + " | " + v.L.SiteName
	v.CanonicalPath = pagePath(sec, n)
	if n > 1 {
		v.PrevURL = pagePath(sec, n-1)
	}
	if n < pages {
		v.NextURL = pagePath(sec, n+1)
	}
	name := "section_en"
	if sec.Chrome != "en" {
		name = "section_zh"
	}
	s.render(w, r, name, v, http.StatusOK, nil)
}

func pagePath(sec Section, n int) string {
	if n == 1 {
		return "/" + sec.Slug + "/"
	}
	return fmt.Sprintf("/%s/page/%d/", sec.Slug, n)
}

// serveTag renders the list of English articles with a tag. (Chinese
// articles' tags are only keywords in a <meta>, as on most Chinese CMSs.)
func (s *Site) serveTag(w http.ResponseWriter, r *http.Request, slug string) {
	v := s.newView(r, sections[0])
	v.Section = Section{}
	for _, a := range s.articles {
		if sectionOf(a.Section).Chrome != "en" {
			continue // Chinese keywords have no topic pages
		}
		for _, t := range a.Tags {
			if tagSlug(t) == slug {
				v.Items = append(v.Items, a)
				v.Tag = t
			}
		}
	}
	if len(v.Items) == 0 {
		s.notFound(w, r)
		return
	}
	v.Title = "Topic: " + v.Tag + " | The Lakeside Courier"
	v.CanonicalPath = "/tag/" + slug + "/"
	s.render(w, r, "tag", v, http.StatusOK, nil)
}

func (s *Site) allTags() []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range s.articles {
		if sectionOf(a.Section).Chrome != "en" {
			continue
		}
		for _, t := range a.Tags {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	sort.Strings(out)
	return out
}

func (s *Site) serveAdmin(w http.ResponseWriter, r *http.Request) {
	v := s.newView(r, sections[0])
	v.Section = Section{}
	v.Title = "Staff sign-in | The Lakeside Courier"
	s.render(w, r, "admin", v, http.StatusOK, nil)
}

func (s *Site) notFound(w http.ResponseWriter, r *http.Request) {
	v := s.newView(r, sections[0])
	v.Section = Section{}
	v.Title = "Page not found | The Lakeside Courier"
	s.render(w, r, "notfound", v, http.StatusNotFound, nil)
}
