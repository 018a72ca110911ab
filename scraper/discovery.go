package scraper

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"

	"newsarchive/frontier"
)

// Discovery documents: sitemaps (urlset and sitemapindex, gzipped or not)
// and RSS/Atom feeds. They are recognised by content, not by URL or
// Content-Type, because sites serve them under every name and type.

// maxDocBytes caps a decompressed sitemap (the sitemap protocol's limit is
// 50 MB uncompressed); a variable so that tests can lower it.
var maxDocBytes = 64 << 20

// errDocTooLarge is returned when a decompressed sitemap exceeds maxDocBytes.
var errDocTooLarge = errors.New("sitemap too large uncompressed")

// entry is one URL a discovery document lists.
type entry struct {
	URL     string
	Kind    frontier.Kind
	LastMod string // RFC 3339 or a date, as given
}

var gzipMagic = []byte{0x1f, 0x8b}

// sniffDoc decompresses body if it is gzip and says whether it is a
// sitemap, a feed, or neither (KindPage).
func sniffDoc(body []byte) (frontier.Kind, []byte, error) {
	if bytes.HasPrefix(body, gzipMagic) {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return frontier.KindPage, body, fmt.Errorf("gunzip: %w", err)
		}
		out, err := io.ReadAll(io.LimitReader(zr, int64(maxDocBytes)+1))
		if err != nil {
			return frontier.KindPage, body, fmt.Errorf("gunzip: %w", err)
		}
		if len(out) > maxDocBytes {
			return frontier.KindPage, body, fmt.Errorf("%w (over %d MB)", errDocTooLarge, maxDocBytes>>20)
		}
		body = out
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	for i := 0; i < 32; i++ { // the root element comes after a few prolog tokens
		tok, err := d.Token()
		if err != nil {
			return frontier.KindPage, body, nil
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch strings.ToLower(se.Name.Local) {
			case "urlset", "sitemapindex":
				return frontier.KindSitemap, body, nil
			case "rss", "feed", "rdf":
				return frontier.KindFeed, body, nil
			}
			return frontier.KindPage, body, nil
		}
	}
	return frontier.KindPage, body, nil
}

// parseSitemap lists a urlset's pages or a sitemapindex's sitemaps. It
// streams the XML, so a 50 000-entry sitemap needs no DOM.
func parseSitemap(body []byte) ([]entry, error) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	var out []entry
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("sitemap: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		name := strings.ToLower(se.Name.Local)
		if name != "url" && name != "sitemap" {
			continue
		}
		var item struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		}
		if err := d.DecodeElement(&item, &se); err != nil {
			return out, fmt.Errorf("sitemap: %w", err)
		}
		loc := strings.TrimSpace(item.Loc)
		if loc == "" {
			continue
		}
		k := frontier.KindPage
		if name == "sitemap" {
			k = frontier.KindSitemap
		}
		out = append(out, entry{URL: loc, Kind: k, LastMod: strings.TrimSpace(item.LastMod)})
	}
}

// parseFeed lists an RSS or Atom feed's item links with their dates.
func parseFeed(body []byte) ([]entry, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	var out []entry
	for _, it := range f.Items {
		link := strings.TrimSpace(it.Link)
		if link == "" && len(it.Links) > 0 {
			link = strings.TrimSpace(it.Links[0])
		}
		if link == "" {
			continue
		}
		e := entry{URL: link, Kind: frontier.KindPage}
		switch {
		case it.UpdatedParsed != nil:
			e.LastMod = it.UpdatedParsed.Format(time.RFC3339)
		case it.PublishedParsed != nil:
			e.LastMod = it.PublishedParsed.Format(time.RFC3339)
		}
		out = append(out, e)
	}
	return out, nil
}

// parseLastMod reads a sitemap/feed date: RFC 3339 (with or without
// seconds) or a plain date, which is taken as the start of that day UTC.
func parseLastMod(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// unchangedSince reports whether a URL listed with lastMod need not be
// fetched again: it was fetched (2xx or 304) after that date. A plain date
// counts as the end of that day, so an article changed later that day is
// still fetched.
func unchangedSince(lastMod string, fetched time.Time) bool {
	if lastMod == "" || fetched.IsZero() {
		return false
	}
	t, ok := parseLastMod(lastMod)
	if !ok {
		return false
	}
	if len(strings.TrimSpace(lastMod)) == len("2006-01-02") {
		t = t.Add(24 * time.Hour)
	}
	return !t.After(fetched)
}
