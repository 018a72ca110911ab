package demosite

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"time"
)

// pdfPath is the one non-HTML document the site links to, so a crawl shows
// that it skips what it cannot parse.
const pdfPath = "/files/courier-annual-report-2024.pdf"

// fakePDF is a minimal PDF: a header, an empty catalogue and the EOF mark.
var fakePDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
	"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

func base(r *http.Request) string {
	if r.TLS != nil {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// serveRobots allows everything but the staff area, and names the sitemap.
func (s *Site) serveRobots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "# The Lakeside Courier\nUser-agent: *\nDisallow: /admin/\nAllow: /\n\nSitemap: %s/sitemap.xml\n", base(r))
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// serveSitemap lists every article with its lastmod (moved by Mutate).
func (s *Site) serveSitemap(w http.ResponseWriter, r *http.Request) {
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, a := range s.articles {
		set.URLs = append(set.URLs, sitemapURL{Loc: base(r) + a.Path, LastMod: s.lastModified(a).Format(time.RFC3339)})
	}
	writeXML(w, "application/xml; charset=utf-8", set)
}

type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title       string    `xml:"title"`
	Link        string    `xml:"link"`
	Description string    `xml:"description"`
	Language    string    `xml:"language"`
	Items       []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string  `xml:"title"`
	Link        string  `xml:"link"`
	GUID        rssGUID `xml:"guid"`
	PubDate     string  `xml:"pubDate"`
	Description string  `xml:"description"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// serveFeed is the site's RSS 2.0 feed. Its links carry utm_* parameters,
// as many publishers' feeds do; the article is the same one.
func (s *Site) serveFeed(w http.ResponseWriter, r *http.Request) {
	ch := rssChannel{Title: "The Lakeside Courier", Link: base(r) + "/", Description: "Latest stories", Language: "en"}
	for _, a := range s.articles {
		ch.Items = append(ch.Items, rssItem{
			Title:       a.Title,
			Link:        base(r) + a.Path + "?utm_source=rss&utm_medium=feed",
			GUID:        rssGUID{IsPermaLink: "false", Value: "courier:" + a.Path},
			PubDate:     a.pub.Format(time.RFC1123Z),
			Description: a.Description,
		})
	}
	writeXML(w, "application/rss+xml; charset=utf-8", rss{Version: "2.0", Channel: ch})
}

func writeXML(w http.ResponseWriter, ctype string, v any) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(buf.Bytes())
}

// serveImage draws a small flat-colour PNG, its colour taken from the path,
// so that pages have real images without shipping photographs.
func serveImage(w http.ResponseWriter, path string) {
	h := fnv.New32a()
	h.Write([]byte(path))
	sum := h.Sum32()
	c := color.RGBA{R: uint8(sum), G: uint8(sum >> 8), B: uint8(sum >> 16), A: 255}
	img := image.NewRGBA(image.Rect(0, 0, 16, 9))
	for y := 0; y < 9; y++ {
		for x := 0; x < 16; x++ {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img) // encoding to memory cannot fail
	w.Header().Set("Content-Type", "image/png")
	w.Write(buf.Bytes())
}

// logoPath is the publisher logo named in JSON-LD and shown in the masthead.
const logoPath = "/img/courier-logo.png"
