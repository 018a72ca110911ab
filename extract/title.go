package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleSeps separate a headline from the site name in <title> and og:title.
var titleSeps = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " / ", "｜", "_", " : "}

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
	strong := false // a title declared for the article (og, JSON-LD)
	for _, d := range declared {
		if d != "" {
			refs = append(refs, d)
			strong = true
		}
	}
	if docTitle != "" {
		refs = append(refs, docTitle)
	}
	// Visible headings that match a declared title.
	bestIdx, bestLevel := -1, 9
	h1s := 0
	firstH1 := -1
	for i, ln := range lines {
		if ln.heading == 0 || ln.heading > 3 || ln.runes < 2 || ln.runes > 300 {
			continue
		}
		if ln.heading == 1 && !ln.noise {
			h1s++
			if firstH1 < 0 {
				firstH1 = i
			}
		}
		if ln.heading >= bestLevel {
			continue
		}
		for _, r := range refs {
			if titleAgrees(ln.text, r) {
				bestIdx, bestLevel = i, ln.heading
				break
			}
		}
	}
	if bestIdx >= 0 {
		return lines[bestIdx].text, bestIdx
	}
	// No heading agrees: a lone <h1> is still the headline when the page
	// declares nothing better; else the declared title without the site.
	if len(refs) == 0 || (h1s == 1 && !strong && lines[firstH1].runes >= 10) {
		if firstH1 >= 0 {
			return lines[firstH1].text, firstH1
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
		return true
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
	t = mSpace(t)
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
