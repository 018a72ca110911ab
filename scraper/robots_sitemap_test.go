package scraper

import (
	"context"
	"fmt"
	"net/http"
	"testing"
)

// The sitemaps a seed's host lists in robots.txt are read when the job
// asks for it, once per run, and only on allowed hosts.
func TestRobotsSitemaps(t *testing.T) {
	for _, c := range []struct {
		name          string
		on, obey      bool
		wantArchived  int
		wantSitemapOK int
	}{
		{name: "off by default: the seed's links only", on: false, obey: true, wantArchived: 1, wantSitemapOK: 0},
		{name: "on: the listed sitemap is a seed", on: true, obey: true, wantArchived: 3, wantSitemapOK: 1},
		{name: "on without obeying robots: still read", on: true, obey: false, wantArchived: 3, wantSitemapOK: 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newSite(t)
			s.robots(fmt.Sprintf("User-agent: *\nDisallow: /private/\nSitemap: %s\nSitemap: http://elsewhere.example/sitemap.xml\n", s.u("/news-sitemap.xml")))
			s.html("/", listPage("/news/1"))
			s.route("/news-sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/xml")
				fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>%[1]s/news/2</loc></url>
  <url><loc>%[1]s/news/3</loc></url>
</urlset>`, s.URL)
			})
			for _, n := range []string{"1", "2", "3"} {
				s.html("/news/"+n, articlePage("Story "+n, ""))
			}
			rec := newRecorder()
			o := testOptions(s, rec, "/")
			o.MaxDepth = 1
			o.RobotsSitemaps = c.on
			o.IgnoreRobots = !c.obey
			if _, err := New(o).Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := len(rec.keys()); got != c.wantArchived {
				t.Errorf("archived %d (%v); want %d", got, rec.keys(), c.wantArchived)
			}
			if got := s.hit("/news-sitemap.xml"); got != c.wantSitemapOK {
				t.Errorf("sitemap fetched %d times; want %d", got, c.wantSitemapOK)
			}
			if c.obey && s.hit("/robots.txt") != 1 {
				t.Errorf("robots.txt fetched %d times; want 1", s.hit("/robots.txt"))
			}
		})
	}
}
