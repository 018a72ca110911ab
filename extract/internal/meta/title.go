package meta

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsarchive/extract/internal/date"
	"newsarchive/extract/internal/dom"
)

// titleSeps separate a headline from the site name in <title> and og:title.
var titleSeps = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " « ", " / ", " ~ ", "｜", "_", " : "}

// cjkTitleSeps are also separators when the title is Chinese, where no
// spaces surround them ("标题-新华网", "标题|人民网").
var cjkTitleSeps = []string{"-", "|", "－", "—"}

// pickTitle chooses the headline. The visible headline (an <h1>, or an
// <h2> on themes that keep <h1> for the logo) wins when it agrees with
// what the page declares (og:title, JSON-LD headline, <title>), since the
// declared titles often carry the site name or an SEO variant. titleIdx is
// the index of the headline line, or -1.
func pickTitle(lines []metaLine, declared []string, docTitle, siteName string) (title string, titleIdx int) {
	var refs []string
	for _, d := range declared {
		if d != "" {
			refs = append(refs, d)
		}
	}
	if docTitle != "" {
		refs = append(refs, docTitle)
	}
	// Visible headings that match a declared title: an <h1> first, then
	// an <h1> that shares words with it (the declared title is often an
	// SEO variant of the visible one), then an agreeing <h2>/<h3>.
	agree := func(level int) int {
		for i, ln := range lines {
			if ln.heading != level || ln.runes < 2 || ln.runes > 300 || (ln.noise && ln.links*2 > ln.runes) {
				continue
			}
			for _, r := range refs {
				if titleAgrees(ln.text, r) {
					return i
				}
			}
		}
		return -1
	}
	if i := agree(1); i >= 0 {
		return fullerTitle(lines[i].text, refs, siteName), i
	}
	if i := bestH1(lines, refs); i >= 0 {
		return lines[i].text, i
	}
	for _, level := range []int{2, 3} {
		if i := agree(level); i >= 0 {
			return lines[i].text, i
		}
	}
	for _, r := range refs {
		t := stripSiteName(r, siteName)
		if t != "" {
			return t, findTitleLine(lines, t)
		}
	}
	return "", -1
}

// titleAgrees: the heading is the declared title, or the declared title
// is the heading plus a site name (or the heading a longer form of it).
func titleAgrees(heading, declared string) bool {
	h, d := mNorm(heading), mNorm(declared)
	if h == "" || d == "" {
		return false
	}
	if h == d {
		return true
	}
	hn, dn := utf8.RuneCountInString(h), utf8.RuneCountInString(d)
	if hn >= 6 && strings.Contains(d, h) && hn*10 >= dn*4 {
		// The heading must be the headline part, not the site-name part
		// of "Headline | Site" (blogs put the site name in an <h1>).
		return !isMinorTitlePart(heading, declared)
	}
	// og:title is sometimes cut short with an ellipsis.
	return dn >= 10 && strings.HasPrefix(h, d) && dn*10 >= hn*6
}

// findTitleLine finds the line that shows the title, for proximity.
func findTitleLine(lines []metaLine, t string) int {
	n := mNorm(t)
	if n == "" {
		return -1
	}
	for i, ln := range lines {
		if ln.runes < 2 || ln.runes > 2*utf8.RuneCountInString(t)+10 {
			continue
		}
		if l := mNorm(ln.text); l == n || (len(l) >= 12 && strings.Contains(n, l) && len(l)*10 >= len(n)*6) {
			return i
		}
	}
	return -1
}

// stripSiteName removes the site name from a declared title: the known
// site name when given, else the shorter parts around a separator (the
// headline is nearly always the longest part).
func stripSiteName(t, site string) string {
	t = dom.Collapse(t)
	if site != "" && !strings.EqualFold(t, site) {
		for _, sep := range append(titleSeps, cjkTitleSeps...) {
			if s, ok := strings.CutSuffix(t, sep+site); ok && s != "" {
				return strings.TrimSpace(s)
			}
			if s, ok := strings.CutPrefix(t, site+sep); ok && s != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	seps := titleSeps
	if mHasHan(t) {
		seps = append(append([]string{}, titleSeps...), cjkTitleSeps...)
	}
	for _, sep := range seps {
		if !strings.Contains(t, sep) {
			continue
		}
		parts := strings.Split(t, sep)
		best := ""
		for _, p := range parts {
			p = strings.TrimSpace(p)
			if utf8.RuneCountInString(p) > utf8.RuneCountInString(best) {
				best = p
			}
		}
		// Keep the title whole when the parts are all substantial: the
		// separator is then part of the headline ("X | Y: a review").
		if first := strings.TrimSpace(parts[0]); best != first && utf8.RuneCountInString(first) >= 25 {
			best = first
		}
		if best != "" {
			return best
		}
	}
	return t
}

// mNorm keeps letters and digits, lower-cased: the form headlines are
// compared in.
func mNorm(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func mHasHan(s string) bool {
	for _, r := range s {
		if r >= 0x2e80 && isHan(r) {
			return true
		}
	}
	return false
}

// bestH1 picks the headline among the page's <h1>s when none agrees with
// the declared titles: linked ones (logos) and ones in navigation are
// skipped, and the one sharing most words with a declared title wins.
// h1MinOverlap is the share of an <h1>'s words a declared title must hold
// for that <h1> to be taken as the headline when they differ.
const h1MinOverlap = 0.3

func bestH1(lines []metaLine, refs []string) int {
	var refWords []map[string]bool
	for _, r := range refs {
		refWords = append(refWords, wordSet(r))
	}
	best, bestScore, n, bestN := -1, -1.0, 0, 0
	for i, ln := range lines {
		if ln.heading != 1 || ln.noise || ln.runes < 10 || ln.runes > 250 || ln.links*2 > ln.runes {
			continue
		}
		n++
		if n > 5 {
			break
		}
		w := wordSet(ln.text)
		score := 0.0
		for _, rw := range refWords {
			if o := overlap(w, rw); o > score {
				score = o
			}
		}
		// The first headline on the page wins a near tie: later <h1>s are
		// more often teasers of other stories.
		if score-0.1*float64(n-1) > bestScore-0.1*float64(bestN-1) || best < 0 {
			best, bestScore, bestN = i, score, n
		}
	}
	if best >= 0 && bestScore < h1MinOverlap {
		return -1
	}
	return best
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		// Short words ("in", "to", "of") match anything: only words of
		// three letters or more count (Han text is compared per character).
		if utf8.RuneCountInString(w) < 3 && !isHan([]rune(w)[0]) && !unicode.IsDigit([]rune(w)[0]) {
			continue
		}
		m[w] = true
	}
	if mHasHan(s) {
		for _, r := range s {
			if isHan(r) {
				m[string(r)] = true
			}
		}
	}
	return m
}

// overlap is the share of a's words found in b.
func overlap(a, b map[string]bool) float64 {
	if len(a) == 0 {
		return 0
	}
	k := 0
	for w := range a {
		if b[w] {
			k++
		}
	}
	return float64(k) / float64(len(a))
}

// fullerTitle drops a site name the visible headline itself carries
// ("Title – Site", as the <title> or og:site_name names the site).
func fullerTitle(h string, refs []string, siteName string) string {
	site := siteName
	if site == "" && len(refs) > 0 {
		site = lastTitlePart(refs[len(refs)-1])
	}
	if site != "" {
		if s := stripSiteName(h, site); s != h && mNorm(s) != "" && !strings.EqualFold(s, site) {
			if strings.HasSuffix(mNorm(h), mNorm(site)) {
				h = s
			}
		}
	}
	return h
}

// lastTitlePart is the part of a <title> after its last separator: the
// site's name on most sites.
func lastTitlePart(t string) string {
	best := -1
	sepLen := 0
	for _, sep := range titleSeps {
		if i := strings.LastIndex(t, sep); i > best {
			best, sepLen = i, len(sep)
		}
	}
	if best < 0 {
		return ""
	}
	return strings.TrimSpace(t[best+sepLen:])
}

// isMinorTitlePart reports whether heading is one of the shorter
// separator-delimited parts of declared (the site name, a section).
func isMinorTitlePart(heading, declared string) bool {
	h := mNorm(heading)
	for _, sep := range titleSeps {
		if !strings.Contains(declared, sep) {
			continue
		}
		parts := strings.Split(declared, sep)
		longest := 0
		for _, p := range parts {
			longest = max(longest, len(mNorm(p)))
		}
		for _, p := range parts {
			if n := mNorm(p); n == h && len(n) < longest {
				return true
			}
		}
	}
	return false
}

// trimTitleTail drops what a headline carries after its last " | " when
// that is a short tag rather than words of the headline ("… | Opinion",
// "… | Top 19 Companies"), and a trailing date ("… / Dec 2025"): the
// headline proper is the part before.
func trimTitleTail(t string) string {
	for _, sep := range []string{" | ", " / ", " – ", " — ", " - "} {
		i := strings.LastIndex(t, sep)
		if i < 0 {
			continue
		}
		head, tail := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+len(sep):])
		if len(strings.Fields(head)) < 3 || utf8.RuneCountInString(head) < 20 {
			continue
		}
		if titleDateTail(tail) || (sep == " | " && len(strings.Fields(tail)) <= 4) {
			return head
		}
	}
	return t
}

// titleDateTail: a title part that is only a date ("Dec 2025",
// "12 March 2024", "2024-03-12").
func titleDateTail(s string) bool {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '.' || r == '-' || r == '/' })
	if len(f) == 0 || len(f) > 3 {
		return false
	}
	year := false
	for _, w := range f {
		switch {
		case len(w) == 4 && isAllDigits(w):
			year = true
		case len(w) <= 2 && isAllDigits(w):
		case len(w) >= 3 && date.MonthNum[strings.ToLower(w[:3])] > 0 && len(w) <= 9:
		default:
			return false
		}
	}
	return year
}

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

func isAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
