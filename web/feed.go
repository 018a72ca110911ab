package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/feeds"

	"newsarchive/textdiff"
)

// feedEntries is how many articles the changes feed lists.
const feedEntries = 50

// feed answers GET /feeds/changes.atom[?site=HOST]: new and edited
// articles, newest fetch first; an edit's entry links to its diff and
// summarises it.
func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	site := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("site")))
	f := filter{Site: site}
	latest := s.ix.latest(feedEntries, f.match)
	base := s.baseURL(r)
	title := "newsarchive: new and edited articles"
	// gorilla/feeds takes the feed's Atom id from its link, so the link
	// names the site too.
	link := base + "/articles"
	if site != "" {
		title += " on " + site
		link += "?site=" + url.QueryEscape(site)
	}
	feed := &feeds.Feed{
		Title:       title,
		Link:        &feeds.Link{Href: link},
		Description: "Articles archived for the first time or archived with changed content.",
		Updated:     time.Now().UTC(),
	}
	if len(latest) > 0 {
		feed.Updated = latest[0].Fetched
	}
	for _, e := range latest {
		item := &feeds.Item{
			Title:   e.Title,
			Id:      fmt.Sprintf("%s/article?url=%s&v=%d", base, url.QueryEscape(e.Key), e.Versions),
			Updated: e.Fetched,
			Created: e.Fetched,
			Link:    &feeds.Link{Href: fmt.Sprintf("%s/article?url=%s", base, url.QueryEscape(e.Key))},
		}
		if e.Versions == 1 {
			item.Title = "New: " + e.Title
			item.Description = "First archived on " + e.Fetched.Format(time.RFC3339) + " from " + e.Site + "."
		} else {
			item.Title = fmt.Sprintf("Edited (v%d): %s", e.Versions, e.Title)
			item.Link.Href = fmt.Sprintf("%s/diff?url=%s&from=%d&to=%d", base, url.QueryEscape(e.Key), e.Versions-1, e.Versions)
			item.Description = s.editSummary(e)
		}
		feed.Items = append(feed.Items, item)
	}
	atom, err := feed.ToAtom()
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	fmt.Fprint(w, atom)
}

// editSummary names what changed in e's latest version and quotes the
// first changes with a little context.
func (s *Server) editSummary(e entry) string {
	a, err := s.opts.Store.Version(e.Key, e.Versions-1)
	if err != nil {
		return "Version " + itoa(e.Versions) + "."
	}
	b, err := s.opts.Store.Version(e.Key, e.Versions)
	if err != nil {
		return "Version " + itoa(e.Versions) + "."
	}
	d := diffVersions(e.Key, &a, &b)
	sum := fmt.Sprintf("Version %d changed %s", e.Versions, strings.Join(d.Changed, ", "))
	if d.Deleted+d.Inserted > 0 {
		sum += fmt.Sprintf(" (text: %d words/characters deleted, %d inserted)", d.Deleted, d.Inserted)
	}
	snippet := textdiff.Format(textdiff.Diff(a.Text, b.Text), 40)
	if a.Title != b.Title {
		snippet = textdiff.Format(textdiff.Diff(a.Title, b.Title), 0) + "\n" + snippet
	}
	if r := []rune(snippet); len(r) > 400 {
		snippet = string(r[:400]) + "…"
	}
	return sum + ": " + snippet
}
