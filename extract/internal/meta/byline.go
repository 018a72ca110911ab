package meta

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"

	"newsarchive/extract/internal/boilerplate"
	"newsarchive/extract/internal/date"
	"newsarchive/extract/internal/dom"
)

// bylineSel finds the elements that name the author visibly: microdata,
// rel=author links and the class/id names themes give their byline. It
// matches as the selector `[itemprop~=author], [itemprop~=creator],
// a[rel~=author], [class*=byline], [class*=Byline], [class*=author],
// [class*=Author], [class*=writer], [id*=byline], [id*=author],
// [data-testid*=byline], [data-component*=byline], [class*=rich_media_meta_text]`
// would, by hand: a
// group of twelve selectors tried on every element cost more than the
// rest of the author finders.
var bylineSel = matchFunc(func(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		v := a.Val
		switch a.Key {
		case "itemprop":
			if hasTokenExact(v, "author") || hasTokenExact(v, "creator") {
				return true
			}
		case "rel":
			if n.Data == "a" && hasTokenExact(v, "author") {
				return true
			}
		case "class":
			if bylineClassWords.In(v) {
				return true
			}
		case "id":
			if bylineIDWords.In(v) {
				return true
			}
		case "data-testid", "data-component":
			if strings.Contains(v, "byline") {
				return true
			}
		}
	}
	return false
})

// The class and id words of bylineSel, each list found in one pass
// (TestBylineSel, FuzzBylineSel). A public-account article's meta strip
// names its writer in a rich_media_meta_text span, beside the date and
// the place (which are no names).
var (
	bylineClassWords = boilerplate.NewScan([]string{"byline", "Byline", "author", "Author", "writer", "rich_media_meta_text"}, nil)
	bylineIDWords    = boilerplate.NewScan([]string{"byline", "author"}, nil)
)

// hasTokenExact is the ~= attribute match: tok is one of s's
// space-separated words, case and all.
func hasTokenExact(s, tok string) bool {
	for f := range strings.FieldsSeq(s) {
		if f == tok {
			return true
		}
	}
	return false
}

// matchFunc is a cascadia.Matcher written as a function.
type matchFunc func(*html.Node) bool

func (f matchFunc) Match(n *html.Node) bool { return f(n) }

var itempropNameSel = cascadia.MustCompile(`[itemprop~=name]`)

// bylineClassJunkRe: author-ish class names that hold something else
// (an author's bio, avatar, other posts, the comment author).
var bylineClassJunkRe = regexp.MustCompile(`(?i)avatar|bio\b|description|desc\b|about|image|img|photo|thumb|more-|other|posts|social|follow|comment|label|title-?wrap|authorize|authoring`)

// byLineRe: a visible line that starts "By Name".
var byLineRe = regexp.MustCompile(`^(?i:by|written by|words by|story by|reporting by|contributors?:|von|par|por)\s*:?\s+\p{Lu}`)

// authorLinkPaths: links to an author's page, by the URL paths CMSs use.
var authorLinkPaths = []string{"/author/", "/authors/", "/writer/", "/writers/", "/contributor/", "/contributors/", "/columnist/", "/columnists/", "/reporter/", "/reporters/", "/journalist/", "/journalists/", "/byline/", "/staff/", "/people/", "/profile/", "/profiles/", "/member/", "/members/", "/producers/", "/experts/", "?author="}

// authorPathsAfterSlash files the paths that open with "/" by their
// second byte; authorPathsOther are the rest.
var authorPathsAfterSlash, authorPathsOther = func() (t [256][]string, other []string) {
	for _, p := range authorLinkPaths {
		if len(p) > 1 && p[0] == '/' {
			t[p[1]] = append(t[p[1]], p)
		} else {
			other = append(other, p)
		}
	}
	return t, other
}()

// hasAuthorPath is containsAnyWord(s, authorLinkPaths) in one pass over
// the slashes of s, where a Contains per path made 22 passes over every
// link of the page.
func hasAuthorPath(s string) bool {
	for i := strings.IndexByte(s, '/'); i >= 0 && i+1 < len(s); {
		for _, p := range authorPathsAfterSlash[s[i+1]] {
			if strings.HasPrefix(s[i:], p) {
				return true
			}
		}
		j := strings.IndexByte(s[i+1:], '/')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return containsAnyWord(s, authorPathsOther)
}

// authorLinkSel matches a[href*=PATH] for the paths above.
var authorLinkSel = matchFunc(func(n *html.Node) bool {
	if n.Type != html.ElementNode || n.Data != "a" {
		return false
	}
	for _, a := range n.Attr {
		if a.Key == "href" && a.Namespace == "" {
			return hasAuthorPath(a.Val)
		}
	}
	return false
})

// visibleAuthors reads the byline elements, best first: microdata, then
// rel=author links, then links to an author page, then byline/author class
// hints. Elements in comments, related lists and sidebars are skipped;
// titleBlock (see unNoiseTitleBlock), the headline's block, is no noise.
func visibleAuthors(el *pageElems, titleBlock *html.Node) []string {
	var byRank [4][]string
	put := func(rank int, a []string) {
		if byRank[rank] == nil && len(a) > 0 {
			byRank[rank] = a
		}
	}
	for i, n := range el.get().byline {
		if i > 80 {
			break
		}
		if mNoiseAncestorBelow(n, titleBlock) {
			continue
		}
		switch {
		case strings.Contains(mAttr(n, "itemprop"), "author") || strings.Contains(mAttr(n, "itemprop"), "creator"):
			var raw string
			if nm := cascadia.Query(n, itempropNameSel); nm != nil {
				raw = mPropValue(nm)
			} else {
				raw = mPropValue(n)
			}
			if !looksLikeURL(raw) && utf8.RuneCountInString(dom.Collapse(raw)) <= 120 {
				put(0, cleanAuthors(raw))
			}
		case n.Data == "a" && mHasToken(mAttr(n, "rel"), "author"):
			put(1, cleanAuthors(mWords(n)))
		default:
			if bylineClassJunkRe.MatchString(mAttr(n, "class")) || bylineClassJunkRe.MatchString(mAttr(n, "id")) {
				continue
			}
			raw := mWords(n)
			if n.Data == "meta" {
				raw = mAttr(n, "content")
			}
			if raw = dom.Collapse(raw); raw != "" && utf8.RuneCountInString(raw) <= 120 {
				put(3, cleanAuthors(raw))
			} else if raw != "" && strings.Contains(strings.ToLower(mAttr(n, "class")), "author") {
				// An author box: name first, then the bio.
				if first := mFirstText(n); utf8.RuneCountInString(first) <= 60 {
					put(3, cleanAuthors(first))
				}
			}
		}
		if byRank[0] != nil {
			return byRank[0]
		}
	}
	if byRank[1] == nil {
		for i, n := range el.get().authorLinks {
			if i > 40 {
				break
			}
			if mNoiseAncestorBelow(n, titleBlock) {
				continue
			}
			if raw := mWords(n); raw != "" && utf8.RuneCountInString(raw) <= 60 {
				if a := cleanAuthors(raw); len(a) > 0 {
					put(2, a)
					break
				}
			}
		}
	}
	for _, a := range byRank {
		if a != nil {
			return a
		}
	}
	return nil
}

// byHandleRe: a line that is "by" and one user name. Compiled on first
// use, as lastFirstRe: few pages reach it.
var byHandleRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?i:by)\s+([\p{Ll}\d][\p{L}\d._-]{2,29})$`)
})

// postedByRe: "Posted by Jane Roe on …", "Authored by: Jane Roe".
var postedByRe = regexp.MustCompile(`^(?i:posted|published|authored)\s+(?i:by)\s*:?\s+\p{Lu}`)

// creditLabelRe: the labels other languages credit the writer with, at
// the start of a line: "Text: Erika Muster", "Autorin: Erika Muster",
// "Geschrieben von Max Mann", "Erstellt von Max Mann am 3. Mai 2021",
// "Auteur : Jean Dupont", "Rédigé par Jean Dupont", "Escrito por Ana
// Ruiz", "Scritto da Luca Bianchi", "Geschreven door Jan Jansen",
// "Skrevet av Kari Nordmann".
var creditLabelRe = regexp.MustCompile(`^(?i:text|autor|autorin|autoren|verfasser|verfasserin|auteur|auteurs|autora|autore)\s*[:：]\s*|` +
	`^(?i:text|beitrag|artikel|(?:verfasst|geschrieben|erstellt|gespeichert|eingetragen|veröffentlicht)) von\s+|` +
	`^(?i:rédigé|écrit|publié) par\s+|^(?i:escrito|publicado|redactado) por\s+|^(?i:scritto|pubblicato) da\s+|` +
	`^(?i:geschreven) door\s+|^(?i:skrevet) a[vf]\s+|^(?i:skriven) av\s+`)

// creditLabelNeed is a cheap test every match of creditLabelRe passes: the
// line opens with one of its label words (TestCreditLabelFirstWords).
var creditLabelNeed = boilerplate.FirstWordIn(creditLabelFirst...)

// creditLabelFirst are the ASCII words creditLabelRe's labels open with
// (veröffentlicht, rédigé, écrit, publié pass as they are).
var creditLabelFirst = []string{"artikel", "auteur", "auteurs", "autor", "autora", "autore", "autoren", "autorin",
	"beitrag", "eingetragen", "erstellt", "escrito", "geschreven", "geschrieben", "gespeichert", "publicado",
	"pubblicato", "redactado", "scritto", "skrevet", "skriven", "text", "verfasser", "verfasserin", "verfasst"}

// postedLeadRe: the word that may lead the date of a dated byline.
var postedLeadRe = regexp.MustCompile(`^(?i:published|posted|updated|last updated)(?:\s+(?i:on))?\s*:?\s*`)

// datedByline reads a byline that starts with its date: "Published August
// 7, 2023 by Jane Roe", "03/01/2017 by Jane Roe, Committee Chair". It
// returns the line from "by" on.
func datedByline(s string) (string, bool) {
	rest := s
	if loc := postedLeadRe.FindStringIndex(rest); loc != nil {
		rest = rest[loc[1]:]
	}
	_, pos, end, ok := date.FindSpan(rest, date.Context{})
	if !ok || pos != 0 {
		return "", false
	}
	rest = strings.TrimLeft(rest[end:], " ·•|–—-,:")
	if !byLineRe.MatchString(rest) {
		return "", false
	}
	return rest, true
}

// byLabelRe: a line that is only a byline label, the name on the next line.
var byLabelRe = regexp.MustCompile(`^(?i:by|written by|authored by|article by|words by|story by|posted by|author|authors|author\(s\)|about the author|the author)\s*:?$`)

// byLineAuthors reads "By Jane Doe and John Roe" lines near the headline,
// or a "Written by" label line followed by the name.
func byLineAuthors(lines []metaLine, titleIdx int) []string {
	a, _ := byLineAuthorsIn(lines, titleIdx, 0, len(lines))
	return a
}

// headlineByline is the "By Jane Doe" line right under the headline (or
// just above it): the credit the page shows its readers. Where it names
// someone else than the declared author (the CMS account that posted the
// story, a username), readers and human labels go by the line.
func headlineByline(lines []metaLine, titleIdx int) []string {
	if titleIdx < 0 {
		return nil
	}
	// Only the lines a headline byline may sit on are read.
	lo, hi := max(0, titleIdx-headlineBylineDist/2), min(len(lines), titleIdx+headlineBylineDist+1)
	a, d := byLineAuthorsIn(lines, titleIdx, lo, hi)
	if d > headlineBylineDist {
		return nil
	}
	for _, n := range a {
		// A name is a few words; more is a kicker or a category line
		// taken for the name after a bare "By".
		if len(strings.Fields(n)) > 4 {
			return nil
		}
	}
	return a
}

// sharesName reports whether some name of a is, or holds, or is held in,
// some name of b ("Jane Roe" and "Dr Jane Roe, Staff Writer" are one).
func sharesName(a, b []string) bool {
	for _, x := range a {
		nx := mNorm(x)
		for _, y := range b {
			ny := mNorm(y)
			if nx != "" && ny != "" && (strings.Contains(nx, ny) || strings.Contains(ny, nx)) {
				return true
			}
		}
	}
	return false
}

// headlineBylineDist: how far (in lines after the headline; a line above
// counts double) a byline may sit to count as the headline's.
const headlineBylineDist = 4

// byLineAuthorsIn is byLineAuthors over lines[lo:hi], with the distance
// of the line chosen.
func byLineAuthorsIn(lines []metaLine, titleIdx, lo, hi int) ([]string, int) {
	var best []string
	bestDist := 1 << 30
	for i := lo; i < hi; i++ {
		ln := lines[i]
		if ln.runes > 100 || ln.noise {
			continue
		}
		var a []string
		switch {
		case byLineRe.MatchString(ln.text):
			a = cleanAuthors(ln.text)
		case postedByRe.MatchString(ln.text):
			a = cleanAuthors(ln.text)
		case creditLabelNeed(ln.text) && creditLabelRe.MatchString(ln.text):
			a = cleanAuthors(creditLabelRe.ReplaceAllString(ln.text, ""))
		case boilerplate.FoldContains(ln.text, " by "):
			rest, ok := datedByline(ln.text)
			if !ok {
				continue
			}
			a = cleanAuthors(rest)
		case ln.runes <= 20 && i+1 < len(lines) && lines[i+1].runes <= 60 && byLabelRe.MatchString(ln.text):
			a = cleanAuthors(lines[i+1].text)
		case ln.runes <= 34 && titleIdx >= 0 && i > titleIdx && i-titleIdx <= headlineBylineDist:
			// "by jdoe42" under the headline: a user name, which may be
			// all lower case, as the whole line.
			m := byHandleRe().FindStringSubmatch(ln.text)
			if m == nil || !plausibleAuthor(m[1]) {
				continue
			}
			a = []string{m[1]}
		default:
			continue
		}
		d := i - titleIdx
		if titleIdx < 0 {
			d = i
		}
		if d < 0 {
			d = -d * 2
		}
		if d < bestDist && len(a) > 0 {
			best, bestDist = a, d
		}
	}
	return best, bestDist
}

// mPropValue is a microdata property's value: content, datetime or text.
func mPropValue(n *html.Node) string {
	for _, k := range [...]string{"content", "datetime"} {
		if v, ok := mAttrOK(n, k); ok && strings.TrimSpace(v) != "" {
			return v
		}
	}
	return mWords(n)
}

// mNoiseAncestor reports whether n sits in a comment, related or sidebar
// block (or nav/footer/aside).
func mNoiseAncestor(n *html.Node) bool { return mNoiseAncestorBelow(n, nil) }

// mNoiseAncestorBelow is mNoiseAncestor that stops at top: a noise block
// inside top counts, top itself and what holds it do not.
func mNoiseAncestorBelow(n, top *html.Node) bool {
	for p := n; p != nil && p != top; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		switch p.Data {
		case "nav":
			return true
		case "footer", "aside":
			// An article's own <footer> holds its byline; the page's is noise.
			if !mHasArticleAncestor(p) {
				return true
			}
		case "body", "html":
			return false
		}
		if c := mAttr(p, "class") + " " + mAttr(p, "id"); len(c) > 1 && mNoiseClass(p.Data, c) {
			return true
		}
	}
	return false
}

func mHasArticleAncestor(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "article" {
			return true
		}
	}
	return false
}

// nameBesideDate reads a byline printed without "By": a line right under
// the headline that holds only a name or two, set directly above or
// below the date line ("Jane Roe" / "March 5, 2024 · 6 min read").
func nameBesideDate(lines []metaLine, titleIdx int) []string {
	if titleIdx < 0 {
		return nil
	}
	for i := titleIdx + 1; i < len(lines) && i <= titleIdx+headlineBylineDist; i++ {
		ln := lines[i]
		if ln.noise || ln.heading != 0 || ln.runes > 60 || !nameLike(ln.text) {
			continue
		}
		dated := func(j int) bool {
			if j <= titleIdx || j >= len(lines) || lines[j].runes > 80 {
				return false
			}
			_, pos, ok := date.Find(lines[j].text, date.Context{})
			return ok && pos == 0
		}
		if dated(i-1) || dated(i+1) {
			return cleanAuthors(ln.text)
		}
	}
	return nil
}

// nameLike: two to four capitalised words per name, names set apart by
// commas; no digits or symbols that names lack. A lone word beside a date
// is more often a section ("Product", "Plan") than a name.
func nameLike(s string) bool {
	if strings.ContainsAny(s, "0123456789&/:|!?#@()[]") {
		return false
	}
	for _, part := range strings.Split(s, ",") {
		f := strings.Fields(part)
		if len(f) < 2 || len(f) > 4 {
			return false
		}
		for _, w := range f {
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return true
}

// mFirstText is the first non-empty text node under n, collapsed.
func mFirstText(n *html.Node) string {
	t, _ := dom.Text(n, dom.Options{Skip: skipScripts, First: true})
	return t
}
