package meta

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"

	"newsarchive/extract/internal/date"
	"newsarchive/extract/internal/dom"
	"newsarchive/extract/internal/zh"
)

// Meta is the page's metadata as the metadata finders (JSON-LD, OpenGraph,
// meta tags, Dublin Core, microdata, <time>, visible byline and Chinese
// label lines) agree on it, best source first. Dates are kept as the
// page states them, never converted between zones.
type Meta struct {
	Title        string
	Source       string
	Authors      []string
	PublishedAt  string
	ModifiedAt   string
	Language     string
	Description  string
	CanonicalURL string // absolute, as the page states it (rel=canonical, og:url)
	Tags         []string
	Views        int64
	// Type is the page's declared type, lower case: "newsarticle",
	// "article", "blogposting", "website", … ("" when undeclared).
	Type string
	// Image is the lead image (og:image, JSON-LD image), absolute.
	Image string
	// LDBody is the JSON-LD articleBody of the page's main item, as
	// written: HTML or plain text ("" when undeclared).
	LDBody string
}

// Meta keys, best first within each field.
var (
	publishedKeys = []string{"article:published_time", "og:article:published_time", "article:published", "datepublished",
		"pubdate", "publishdate", "publish-date", "publish_date", "published_time", "published-date", "article.published",
		"sailthru.date", "parsely-pub-date", "citation_publication_date", "citation_online_date", "dc.date.issued",
		"dcterms.issued", "dc.date.created", "dcterms.created", "citation_date",
		"og:published_time", "article_date_original", "cxenseparse:recs:publishtime",
		"originalpublicationdate", "firstpublishedtime", "publication_date", "release_date", "pdate", "displaydate", "weibo:article:create_at", "bytedance:published_time"}
	// genericDateKeys name a date without saying which: many CMSs fill
	// them with the day the page was rendered or last changed.
	genericDateKeys = []string{"dc.date", "dcterms.date", "date"}
	modifiedKeys    = []string{"article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified", "lastmod",
		"last-modified", "dcterms.modified", "dc.date.modified", "article:modified", "updated_time", "weibo:article:update_at",
		"bytedance:updated_time"}
	authorKeys = []string{"author", "article:author", "og:article:author", "byline", "dc.creator", "dcterms.creator",
		"sailthru.author", "parsely-author", "citation_author", "twitter:data1:author", "article:author_name", "cxenseparse:author"}
	sourceKeys = []string{"og:site_name", "source", "publisher", "application-name", "dc.publisher", "dcterms.publisher"}
)

// Rules are the per-site selectors and zone metadata reading honours (a
// part of extract.Rules).
type Rules struct {
	Title, Date, Author, Source string
	// Timezone is an IANA zone name given to dates stated without a zone.
	Timezone string
}

// Find reads metadata from doc before any boilerplate is removed. base
// may be nil; rules may be nil. now is when the page was fetched: no date
// later than it (plus a day of zone slack) is the page's; zero is no limit.
func Find(doc *goquery.Document, base *url.URL, rules *Rules, now time.Time) Meta {
	var root *html.Node
	if doc != nil && len(doc.Nodes) > 0 {
		root = doc.Nodes[0]
	}
	if root == nil {
		return Meta{}
	}
	var loc *time.Location
	if rules != nil && rules.Timezone != "" {
		loc = date.RegionLocation(rules.Timezone)
	}
	h := scanMetaHead(root)
	ld := parseJSONLD(h.jsonld)
	lines := metaLines(root)
	el := newPageElems(root)
	mt := h.meta
	var m Meta

	// Title and where it shows, for the visible byline and date finders.
	siteName := mt.first("og:site_name", "application-name")
	if siteName == "" {
		siteName = ld.Publisher
	}
	title, titleIdx := pickTitle(lines, []string{mt.first("og:title"), ld.Headline, mt.first("twitter:title", "dc.title", "headline")}, h.title, siteName)
	m.Title = mFixText(trimTitleTail(title))
	if s := ruleText(root, rules, func(r *Rules) string { return r.Title }); s != "" {
		m.Title = s
		titleIdx = findTitleLine(lines, s)
	}

	titleBlock := unNoiseTitleBlock(lines, titleIdx)
	zh := readZhLabels(lines)
	if zh.thread {
		zh.forum = forumPoster(root)
	}
	zh.owner = blogOwnerFromTitle(h.title)
	if zh.owner == nil && zh.blogger == nil && base != nil {
		// The name the blog shows before the account in the path; both
		// name the owner less surely than the title.
		zh.blogger = blogOwnerFromURL(base.String())
	}
	zh.blogHost = base != nil && strings.Contains(strings.ToLower(base.Host), "blog")

	// Authors.
	lang := pageLanguage(h, lines)
	m.Authors = withoutOutlet(findAuthors(root, el, rules, ld, mt, lines, titleIdx, titleBlock, zh, siteName, strings.HasPrefix(lang, "zh")), siteName, ld.Publisher)

	// Dates.
	pageURL := ""
	if base != nil {
		pageURL = base.String()
	}
	// 05/09/2024 is 5 September everywhere but in American English.
	ctx := date.Context{DayFirst: lang != "" && lang != "en" && lang != "en-us", Now: now}
	if d, ok := date.FromURL(pageURL); ok {
		ctx.Year = d.Y
	}
	if d, ok := findPublished(root, el, rules, ld, mt, lines, titleIdx, ctx, pageURL); ok {
		// The day in the URL (/2025/12/18/) is the day the site published
		// on, in its own zone: a declared UTC time a day off is that day.
		// A numeric date read month-first that the URL gives day-first
		// (03/10/2023 under /2023/october/03/) is the URL's.
		if u, ok := date.FromURL(pageURL); ok && ((nearDay(d, u) && !sameDay(d, u)) || (d.Y == u.Y && d.Mo == u.D && d.D == u.Mo)) {
			d = u
		}
		// A path that files the story under its day (/2020/04/26/,
		// /2020-04-26/) is the site's own record of that day: a date read
		// elsewhere more than a day away from it is another date of the
		// page (a revision, a date in the text, a template's). A site
		// rule's date selector still wins.
		if u, ok := date.PathDay(pageURL); ok && !nearDay(d, u) && (rules == nil || rules.Date == "") {
			d = u
		}
		if !ctx.Future(d) {
			m.PublishedAt = d.InZone(loc).String()
		}
	}
	if d, ok := date.ParseValue(ld.Modified); ok {
		m.ModifiedAt = d.InZone(loc).String()
	} else if d, ok := date.ParseValue(mt.first(modifiedKeys...)); ok {
		m.ModifiedAt = d.InZone(loc).String()
	} else if d, ok := microdataModified(el); ok {
		m.ModifiedAt = d.InZone(loc).String()
	}

	// Source (publisher): the Chinese 来源 line names the original
	// publisher of a syndicated story, so it beats the site's own name.
	m.Source = zh.source
	if s := ruleText(root, rules, func(r *Rules) string { return r.Source }); s != "" {
		m.Source = strings.TrimSpace(zhLabelRe.ReplaceAllString(s, ""))
	}
	if m.Source == "" {
		m.Source = ld.Publisher
	}
	if m.Source == "" {
		m.Source = mt.first(sourceKeys...)
	}
	m.Views = zh.views

	m.Language = lang
	m.Description = mt.first("og:description", "description", "twitter:description", "dc.description")
	if m.Description == "" {
		m.Description = ld.Description
	}
	canon := h.canonical
	if canon == "" {
		canon = mt.first("og:url")
	}
	m.CanonicalURL = absURL(base, canon)
	m.Tags = findTags(mt, ld)
	m.Type = ld.Type
	m.LDBody = ld.Body
	if m.Type == "" {
		m.Type = strings.ToLower(mt.first("og:type"))
	}
	img := mt.first("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
	if img == "" {
		img = ld.Image
	}
	m.Image = absURL(base, img)
	return m
}

func findAuthors(root *html.Node, el *pageElems, rules *Rules, ld ldInfo, mt metaTags, lines []metaLine, titleIdx int, titleBlock *html.Node, zh zhResult, siteName string, zhPage bool) []string {
	if s := ruleText(root, rules, func(r *Rules) string { return r.Author }); s != "" {
		if a := zhNames(stripZhLabel(s), true); len(a) > 0 {
			return a
		}
		if a := cleanAuthors(s); len(a) > 0 {
			return a
		}
	}
	// The author elements are read at most once: by pageAuthors, and for
	// the name under the headline below.
	var va []string
	vaDone := false
	visible := func() []string {
		if !vaDone {
			va, vaDone = visibleAuthors(el, titleBlock), true
		}
		return va
	}
	a := pageAuthors(ld, mt, lines, titleIdx, visible, zh, siteName, zhPage)
	// The "By" line at the headline names who the page credits; a
	// declared author that is nobody on it (the account that posted the
	// story, a username, a reviewer caught by a class name) gives way.
	if !zhPage {
		if hb := headlineByline(lines, titleIdx); len(hb) > 0 && !sharesName(hb, a) {
			return hb
		}
		// A name the byline finders read from an author element, shown on
		// a line of its own under the headline, is that credit too.
		if under := nameLinesUnder(lines, titleIdx); len(under) > 0 {
			if va := visible(); len(va) > 0 && !sharesName(va, a) && sharesExact(va, under) {
				return va
			}
		}
	}
	return a
}

// nameLinesUnder is the lines right under the headline that read as
// names only (see nameLike), in mNorm form.
func nameLinesUnder(lines []metaLine, titleIdx int) []string {
	if titleIdx < 0 {
		return nil
	}
	var out []string
	for i := titleIdx + 1; i < len(lines) && i <= titleIdx+headlineBylineDist; i++ {
		if !lines[i].noise && lines[i].runes <= 60 && nameLike(lines[i].text) {
			out = append(out, mNorm(lines[i].text))
		}
	}
	return out
}

// sharesExact: one of the names is, in mNorm form, one of norms.
func sharesExact(names, norms []string) bool {
	for _, a := range names {
		n := mNorm(a)
		for _, m := range norms {
			if n != "" && n == m {
				return true
			}
		}
	}
	return false
}

// pageAuthors is findAuthors without the per-site rule and the headline
// byline check: the declared authors, the Chinese label lines, then the
// visible bylines.
func pageAuthors(ld ldInfo, mt metaTags, lines []metaLine, titleIdx int, visible func() []string, zh zhResult, siteName string, zhPage bool) []string {
	ldAuthors := authorsFromValues(ld.Authors)
	if len(ldAuthors) > 0 && !ld.OrgAuthors {
		return ldAuthors
	}
	// A Chinese page's 作者 label, then its 记者 credit, beats its meta
	// author, which is usually the site's name. The explicit 作者 label
	// wins wherever it stands: a 记者 credit may belong to a story quoted
	// or reposted inside the page.
	// On a forum thread its starter's profile link names the post's
	// writer before any credit in the posts' text. On a blog whose title
	// names its owner the post is the owner's, before any credit in the
	// text it reposts (a byline the post itself carries, when it names the
	// owner, gives the name as shown; a dated 作者 line or a poster inside
	// a reposted story does not beat the owner). Elsewhere the post's own byline (its
	// dated or filed 作者 line, "posted @ 日期 X", the 原创 mark, …) comes
	// first; then the poster ("X 发表于") of a repost, or of a thread
	// whose credits stand after the poster's line (in the post's text; a
	// comment's poster comes after the story's credit).
	// For a poster's line on a thread, the thread marks must come before
	// the page's first credit and its prose: marks after them are those
	// of a comment section under a story. (The starter's link is held
	// to the same by forumPoster: a member's link after the prose is a
	// comment's.)
	threadFirst := zh.thread && (zh.creditAt == 0 || zh.threadAt <= zh.creditAt)
	if zhPage {
		if len(zh.forum) > 0 {
			return zh.forum
		}
		if len(zh.owner) > 0 {
			if len(zh.own) > 0 && sharesName(zh.own, zh.owner) {
				return zh.own
			}
			if len(zh.poster) > 0 && (!zh.repost || sharesName(zh.poster, zh.owner)) {
				return zh.poster
			}
			return zh.owner
		}
		if len(zh.own) > 0 {
			return zh.own
		}
		if len(zh.poster) > 0 && (zh.repost || threadFirst && (zh.proseAt == 0 || zh.threadAt <= zh.proseAt) && (zh.creditAt == 0 || zh.posterAt < zh.creditAt)) {
			return zh.poster
		}
	}
	if len(zh.authors) > 0 {
		return zh.authors
	}
	// The blog's own name or profile line, or the account in its path,
	// names its owner less surely than the title: an explicit 作者 label
	// beats it, a credit in the text it reposts does not.
	// A reporter's credit on a news page (no repost mark, no blog host)
	// is the story's own: a blog box beside it (博主推荐, "X的博客") is a
	// widget.
	if zhPage && len(zh.blogger) > 0 && (zh.repost || zh.blogHost || len(zh.reporter) == 0) {
		if len(zh.poster) > 0 {
			return zh.poster
		}
		return zh.blogger
	}
	if len(zh.reporter) > 0 {
		return zh.reporter
	}
	// On a Chinese page the editor credit, a blog's "X 发表于" line, a 来源
	// that names a person, or a name on its own line under the headline
	// come next:
	// the meta author there is mostly the site or a channel name.
	if zhPage {
		if len(zh.editors) > 0 {
			return zh.editors
		}
		if len(zh.poster) > 0 {
			return zh.poster
		}
		if hanName(zh.source) && plausibleAuthor(zh.source) && !zhOrgSuffixRe.MatchString(zh.source) {
			return []string{zh.source}
		}
		if a := nameUnderTitle(lines, titleIdx); a != "" {
			return []string{a}
		}
	}
	// Meta authors that merely repeat the site's name are as weak as an
	// organisation in JSON-LD: a visible person byline beats them.
	metaAuthors := authorsFromValues(mt.all(authorKeys...))
	if len(metaAuthors) > 0 && !isSiteName(metaAuthors, siteName) {
		return metaAuthors
	}
	if a := visible(); len(a) > 0 {
		return a
	}
	if a := byLineAuthors(lines, titleIdx); len(a) > 0 {
		return a
	}
	if !zhPage {
		if a := nameBesideDate(lines, titleIdx); len(a) > 0 {
			return a
		}
	}
	if len(ldAuthors) > 0 {
		return ldAuthors
	}
	if len(metaAuthors) > 0 {
		return metaAuthors
	}
	return zh.editors
}

// ruleText is the text of the first element a per-site selector matches.
func ruleText(root *html.Node, rules *Rules, sel func(*Rules) string) string {
	if rules == nil || sel(rules) == "" {
		return ""
	}
	s, err := cascadia.ParseGroup(sel(rules))
	if err != nil {
		return ""
	}
	n := cascadia.Query(root, s)
	if n == nil {
		return ""
	}
	if n.Data == "meta" {
		return dom.Collapse(mAttr(n, "content"))
	}
	if v := mAttr(n, "datetime"); v != "" {
		return v
	}
	return mWords(n)
}

func stripZhLabel(s string) string {
	if loc := zhLabelRe.FindStringIndex(s); loc != nil && loc[0] == 0 {
		return s[loc[1]:]
	}
	return s
}

// pageLanguage: <html lang>, Content-Language, og:locale, else a guess
// from the script of the visible text (Han → zh).
func pageLanguage(h metaHead, lines []metaLine) string {
	l := h.lang
	if l == "" {
		l = h.meta.first("content-language", "language", "dc.language", "og:locale")
	}
	l = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(l), "_", "-"))
	if i := strings.IndexAny(l, ",; "); i >= 0 {
		l = l[:i]
	}
	if l != "" {
		return l
	}
	han, latin := 0, 0
	for i, ln := range lines {
		if i > 400 {
			break
		}
		for _, r := range ln.text {
			switch {
			case isHan(r):
				han++
			case r < 0x250 && unicode.IsLetter(r):
				latin++
			}
		}
	}
	switch {
	case han > 20 && han*3 > latin:
		return "zh"
	case latin > 100:
		return "en"
	}
	return ""
}

var tagSplitRe = regexp.MustCompile(`\s*[,，、;；|]\s*`)

// splitTags splits a keyword list on , ， 、 ; and |.
func splitTags(s string) []string {
	var out []string
	for _, t := range tagSplitRe.Split(s, -1) {
		if t = strings.TrimSpace(t); t != "" && len(t) < 100 {
			out = appendUniqueFold(out, t)
		}
	}
	return out
}

func findTags(mt metaTags, ld ldInfo) []string {
	var out []string
	for _, v := range mt.all("article:tag", "og:article:tag") {
		for _, t := range splitTags(v) {
			out = appendUniqueFold(out, t)
		}
	}
	if len(out) == 0 {
		for _, v := range mt.all("news_keywords", "keywords") {
			for _, t := range splitTags(v) {
				out = appendUniqueFold(out, t)
			}
		}
	}
	if len(out) == 0 {
		out = ld.Keywords
	}
	if len(out) > 50 {
		out = out[:50]
	}
	return out
}

// absURL resolves ref against base; without a base it keeps ref as written.
func absURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	return u.String()
}

// isSiteName reports whether the authors are just the site's name.
func isSiteName(authors []string, site string) bool {
	if site == "" {
		return false
	}
	s := mNorm(site)
	for _, a := range authors {
		if n := mNorm(a); n == "" || (!strings.Contains(s, n) && !strings.Contains(n, s)) {
			return false
		}
	}
	return true
}

// zhOrgSuffixRe: a 来源 value ending like this is a publisher, not a person.
var zhOrgSuffixRe = regexp.MustCompile(`(?:` + zh.Alt("网", "报", "社", "台", "刊", "局", "部", "厅", "院", "会", "站", "厂", "所", "处", "办", "委", "司", "中心", "集团", "公司", "杂志", "频道", "新闻", "日报", "晚报", "时报", "周刊", "在线", "大学", "学校", "中学", "小学", "医院") + `)$`)

// nameUnderTitle reads a byline that is only a name: a line of its own
// right under (or just above) the headline holding a Chinese personal name.
func nameUnderTitle(lines []metaLine, titleIdx int) string {
	if titleIdx < 0 {
		return ""
	}
	for i := max(0, titleIdx-1); i < len(lines) && i <= titleIdx+3; i++ {
		if i == titleIdx || lines[i].noise || lines[i].runes > 4 {
			continue
		}
		if t := strings.TrimSpace(lines[i].text); hanName(t) && !zhOrgSuffixRe.MatchString(t) {
			return t
		}
	}
	return ""
}

// withoutOutlet drops the outlet that ends a list of persons: bylines
// end in the paper's name, after a comma ("Jane Roe, John Doe, The
// Example Times") or glued to the last name ("John Doe The Example
// Times"). Only the last name is looked at, and an outlet that is the
// only author stays.
func withoutOutlet(authors []string, outlets ...string) []string {
	n := len(authors)
	if n == 0 {
		return authors
	}
	last := strings.TrimSpace(authors[n-1])
	for _, o := range outlets {
		o = strings.TrimSpace(o)
		if len(mNorm(o)) < 3 {
			continue
		}
		if n > 1 && mNorm(last) == mNorm(o) {
			return authors[:n-1]
		}
		if t, ok := strings.CutSuffix(last, " "+o); ok && len(strings.Fields(t)) >= 2 {
			out := append([]string{}, authors[:n-1]...)
			return append(out, strings.TrimRight(t, " ,"))
		}
	}
	return authors
}
