package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"newsarchive/extract/internal/body"
	"newsarchive/extract/internal/meta"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"newsarchive/article"
	"newsarchive/decode"
	"newsarchive/extract/internal/render"
	"newsarchive/extract/internal/sanitize"
	"newsarchive/urlnorm"
)

// Options configure one extraction.
type Options struct {
	// URL is the page's address: it resolves relative links and picks the
	// site rules. It may be empty (links then stay as written).
	URL string
	// Sites holds per-host rules keyed by host (lower case, no port). Only
	// the entry for URL's host is used.
	Sites map[string]Rules
	// Now is when the page was fetched: a date later than it (plus a day
	// of zone slack) is not the page's publication date. Zero means
	// time.Now().
	Now time.Time
}

// Result is what a page yields.
type Result struct {
	Article article.Article
	// IsArticle is the extractor's judgement that the page is an article
	// (JSON-LD/OG type, a date with enough body text, low link density, no
	// run of dated story cards) rather than a listing, tag or home page.
	IsArticle bool
	// Links are the page's absolute, normalised http(s) links in document
	// order without duplicates, for the crawler to follow.
	Links []string
	// Feeds are RSS/Atom feeds the page announces (<link rel=alternate>).
	Feeds []string
	// Charset is the encoding the page was decoded from, and
	// CharsetSource what decided it: "bom", "header", "meta" or
	// "detected" (both set by FromBytes).
	Charset, CharsetSource string
}

// FromBytes decodes raw page bytes to UTF-8 (package decode; contentType is
// the HTTP Content-Type or "") and extracts them.
func FromBytes(raw []byte, contentType string, opts Options) (*Result, error) {
	d := decode.ToUTF8(raw, contentType)
	r, err := Extract(d.HTML, opts)
	if r != nil {
		r.Charset, r.CharsetSource = d.Charset, d.Source
	}
	return r, err
}

// Extract extracts a UTF-8 page. The page is parsed once; metadata is read
// from the untouched tree first, then links and the related block, then
// the tree is cleaned and the body found.
func Extract(page []byte, opts Options) (*Result, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("extract: parse: %w", err)
	}
	revealScriptParts(doc.Selection.Nodes[0])
	var base *url.URL
	if u, err := url.Parse(opts.URL); err == nil && u.IsAbs() {
		base = u
	}
	var rules *Rules
	if r, ok := opts.Sites[urlnorm.Host(opts.URL)]; ok && opts.URL != "" {
		rules = &r
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	md := findMeta(doc, base, rules, now)

	res := &Result{}
	root := doc.Selection.Nodes[0]
	rs := urlnorm.NewResolver(base) // shared by links, related items and images
	res.Links, res.Feeds = pageLinks(root, rs)
	if rules != nil {
		for _, sel := range rules.Remove {
			doc.Find(sel).Remove()
		}
	}
	self := ""
	if base != nil {
		self, _ = urlnorm.NormalizeURL(base)
	}
	relSel := ""
	if rules != nil {
		relSel = rules.Related
	}
	related := findRelated(doc, rs, relSel, self)

	bodySel := ""
	if rules != nil {
		bodySel = rules.Body
	}
	var lead *html.Node
	if leadLanguage(md.Language) {
		lead = findLead(root, md.Description)
	}
	host := ""
	if base != nil {
		host = base.Hostname()
	}
	found := body.Find(doc, bodySel, md.Title, host)
	box := found.Box

	a := &res.Article
	a.URL = opts.URL
	a.CanonicalURL = md.CanonicalURL
	a.Title = md.Title
	a.Source = md.Source
	a.Authors = md.Authors
	a.PublishedAt = md.PublishedAt
	a.ModifiedAt = md.ModifiedAt
	a.Language = md.Language
	a.Description = md.Description
	a.Tags = md.Tags
	a.Views = md.Views
	a.Related = related
	a.Images = bodyImages(box, rs)
	if len(a.Images) == 0 && md.Image != "" {
		a.Images = []article.Image{{URL: md.Image}}
	}
	text, drops := found.Text, found.Drops
	if lead != nil && putLead(box, lead, text) {
		text, drops = render.BodyTextDrops(box) // the lead is the text's first paragraph now
	}
	a.Text = render.DropByline(render.DropAuthorBio(text, md.Authors), md.Authors)
	ld := 0.0
	bs := body.NewScorer(box)
	if t := bs.Text(box); t > 0 {
		ld = float64(bs.Link(box)) / float64(t)
	}
	ls := findListing(box, bs)
	for _, n := range drops {
		body.RemoveNode(n) // after the listing evidence above was read
	}
	a.HTML = sanitize.HTML(render.BodyHTML(box, base))
	if lb := ldBodyBox(md.LDBody, a.Text); lb != nil {
		a.Text = render.BodyText(lb)
		a.HTML = sanitize.HTML(render.BodyHTML(lb, base))
	}
	res.IsArticle = !found.Posts && judge(md, found.BodyLen, ld, ls)
	a.Normalize()
	return res, nil
}

// findMeta is meta.Find with the site rules it honours.
func findMeta(doc *goquery.Document, base *url.URL, rules *Rules, now time.Time) meta.Meta {
	if rules == nil {
		return meta.Find(doc, base, nil, now)
	}
	return meta.Find(doc, base, &meta.Rules{Title: rules.Title, Date: rules.Date, Author: rules.Author, Source: rules.Source, Timezone: rules.Timezone}, now)
}
