package meta

import (
	"regexp"
	"sort"
	"strings"
	"time"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/boilerplate"
	"newsarchive/extract/internal/date"
)

// findPublished and its helpers choose the publication date among the
// ones a page offers (site rule, written date, declared metadata, the
// date shown at the headline, the URL).

func findPublished(root *html.Node, el *pageElems, rules *Rules, ld ldInfo, mt metaTags, lines []metaLine, titleIdx int, ctx date.Context, pageURL string) (date.Date, bool) {
	if s := ruleText(root, rules, func(r *Rules) string { return r.Date }); s != "" {
		if date.ISORe.MatchString(s) {
			if d, ok := ctx.Value(s); ok {
				return d, true // a <time datetime> or meta content
			}
		}
		if d, _, ok := date.Find(s, ctx); ok {
			return d, true
		}
	}
	// A government document is dated by when it was written (成文日期),
	// not when the site posted it (发布日期): that is the date it is cited by.
	if d, ok := writtenDate(lines, ctx); ok {
		return d, true
	}
	// The date shown at the headline is the one the page stands by; the
	// declared one (JSON-LD, meta) is kept when it is the same day, for its
	// time and zone.
	vis, visOK, visStrong := visibleDate(lines, titleIdx, ctx)
	declared, declOK := ctx.Value(ld.Published)
	metaDate, metaOK := ctx.Value(mt.first(publishedKeys...))
	generic, genericOK := ctx.Value(mt.first(genericDateKeys...))
	ldOnly := declOK && !metaOK && !genericOK
	if !declOK {
		declared, declOK = metaDate, metaOK
	}
	if !declOK {
		declared, declOK = microdataDate(el)
	}
	// A generic meta date (name=date, DC.date) comes after the page's
	// own datePublished or <time>, and a date shown at the headline on
	// another day beats it.
	weak := false
	if !declOK {
		declared, declOK, weak = generic, genericOK, genericOK
	}
	if !declOK {
		declared, declOK = hAtomDate(root, ctx)
	}
	// Without declared metadata, "Originally published on 26 Sep 2019"
	// under a story kept up to date outranks the dates shown with it.
	if !declOK {
		if d, ok := originalDate(lines, ctx); ok {
			return d, true
		}
	}
	// A page that shows only "Updated Dec 4, 2025" at its headline and
	// states its first publication in JSON-LD alone (search-engine markup,
	// no article:published_time) presents the update as its date; readers
	// and human labels take it so. With article:published_time declared
	// too, the publication stands.
	if ldOnly && !visStrong {
		if u, ok := updatedShown(lines, titleIdx, ctx); ok && !sameStatement(declared, u) {
			return u, true
		}
	}
	// A shown 11/01/2021 whose day and month, swapped, are the declared
	// day was written in the other order than the page's language uses
	// (03/03/2021 reads the same either way).
	if declOK && visOK && vis.D <= 12 && vis.D != vis.Mo && sameStatement(declared, date.Date{Y: vis.Y, Mo: vis.D, D: vis.Mo}) {
		vis = declared
	}
	switch {
	case declOK && visStrong && (!sameStatement(declared, vis) || weak && !sameDay(declared, vis)):
		return vis, true
	case declOK:
		if visOK {
			if d, ok := shownWallTime(declared, vis); ok {
				return d, true
			}
		}
		return declared, true
	case visOK:
		return vis, true
	}
	if d, ok := genericMetaDate(mt, ctx); ok {
		return d, true
	}
	if d, ok := date.FromURL(pageURL); ok {
		return d, true
	}
	// A page that states only when it was last changed: that is the one
	// date it gives.
	if d, ok := ctx.Value(ld.Modified); ok {
		return d, true
	}
	if d, ok := ctx.Value(mt.first(modifiedKeys...)); ok {
		return d, true
	}
	if d, ok := date.FromURL(pageURL); ok {
		return d, true
	}
	return date.URLDayFirst(pageURL)
}

// nearDay: the same day, or the next/previous one — a declared UTC time
// and the local day shown on the page are the same statement.
func nearDay(a, b date.Date) bool {
	da := time.Date(a.Y, time.Month(a.Mo), a.D, 0, 0, 0, 0, time.UTC)
	db := time.Date(b.Y, time.Month(b.Mo), b.D, 0, 0, 0, 0, time.UTC)
	d := da.Sub(db)
	return d <= 24*time.Hour && d >= -24*time.Hour
}

// sameStatement: the declared date can be the day shown on the page. A
// declared instant with a zone is that day somewhere between UTC-12 and
// UTC+14; a wall time without zone must be that very day; a bare day may
// be a zone's day either side.
func sameStatement(declared, shown date.Date) bool {
	switch {
	case !declared.HasTime:
		return nearDay(declared, shown)
	case !declared.HasZone:
		return sameDay(declared, shown)
	}
	t := time.Date(declared.Y, time.Month(declared.Mo), declared.D, declared.H, declared.Mi, declared.S, 0, time.UTC).Add(-time.Duration(declared.Off) * time.Second)
	day := time.Date(shown.Y, time.Month(shown.Mo), shown.D, 0, 0, 0, 0, time.UTC)
	return !t.Add(14*time.Hour).Before(day) && t.Add(-12*time.Hour).Before(day.Add(24*time.Hour))
}

// shownWallTime: a page that declares a UTC instant (2021-03-04T02:30:00Z)
// and shows its own wall time for it (3 March 2021, 23:30) states the
// moment in its zone; the shown time carries the offset the two imply
// (2021-03-03T23:30:00-03:00), so the day is the page's and the instant
// the declared one. Nothing is converted: the wall time is the page's, and
// the instant stays the one declared. The shown time must be the declared
// instant in a real zone: whole hours between UTC-12 and UTC+14, or one
// of the half- and quarter-hour offsets zones use (a shown time without
// seconds is compared to the minute).
func shownWallTime(declared, shown date.Date) (date.Date, bool) {
	if !declared.HasTime || !declared.HasZone || declared.Off != 0 || !shown.HasTime || shown.HasZone {
		return date.Date{}, false
	}
	sec := declared.S
	if shown.S == 0 {
		sec = 0
	}
	inst := time.Date(declared.Y, time.Month(declared.Mo), declared.D, declared.H, declared.Mi, sec, 0, time.UTC)
	wall := time.Date(shown.Y, time.Month(shown.Mo), shown.D, shown.H, shown.Mi, shown.S, 0, time.UTC)
	off := wall.Sub(inst)
	if off == 0 || off < -12*time.Hour || off > 14*time.Hour || off%time.Hour != 0 && !oddOffsets[off] {
		return date.Date{}, false
	}
	shown.S = declared.S
	shown.HasZone, shown.Off = true, int(off/time.Second)
	return shown, true
}

// oddOffsets are the zone offsets that are not whole hours (India +5:30,
// Nepal +5:45, Newfoundland -3:30, …): a shown time that far from the
// declared instant is that instant in one of those zones.
var oddOffsets = map[time.Duration]bool{}

func init() {
	for _, m := range []int{-9*60 - 30, -3*60 - 30, 3*60 + 30, 4*60 + 30, 5*60 + 30, 5*60 + 45, 6*60 + 30, 8*60 + 45, 9*60 + 30, 10*60 + 30, 12*60 + 45} {
		oddOffsets[time.Duration(m)*time.Minute] = true
	}
}

func sameDay(a, b date.Date) bool { return a.Y == b.Y && a.Mo == b.Mo && a.D == b.D }

// genericMetaDate reads any meta key that names a publication date in a
// vendor's own words (w-published-date, og:article:publish-date, …).
func genericMetaDate(mt metaTags, ctx date.Context) (date.Date, bool) {
	var keys []string
	for k := range mt {
		if strings.Contains(k, "publish") && !strings.Contains(k, "publisher") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys) // map order must not pick the date
	for _, k := range keys {
		if d, ok := ctx.Value(mt[k][0]); ok {
			return d, true
		}
	}
	return date.Date{}, false
}

// writtenLabelRe labels the date a Chinese government document was
// written or issued: 成文日期：2022年01月27日.
var writtenLabelRe = regexp.MustCompile(`^\s*(?:成文日期|成文時間|成文时间|印发日期|印發日期)\s*[:：]?\s*`)

// writtenDate is the date on a line labelled 成文日期, or on the line right
// after a label that stands alone (tables of document facts).
func writtenDate(lines []metaLine, ctx date.Context) (date.Date, bool) {
	for i, ln := range lines {
		if ln.runes > 40 || ln.noise || !strings.Contains(ln.text, "成文") && !strings.Contains(ln.text, "印发") && !strings.Contains(ln.text, "印發") {
			continue
		}
		loc := writtenLabelRe.FindStringIndex(ln.text)
		if loc == nil {
			continue
		}
		rest := ln.text[loc[1]:]
		if strings.TrimSpace(rest) == "" && i+1 < len(lines) && lines[i+1].runes <= 30 {
			rest = lines[i+1].text
		}
		if d, pos, ok := date.Find(rest, ctx); ok && strings.TrimSpace(rest[:pos]) == "" {
			return d, true
		}
	}
	return date.Date{}, false
}

// originalRe is the phrase that dates a story's first publication.
var originalRe = regexp.MustCompile(`(?i)\b(?:originally|first)\s+(?:published|posted|appeared)\b|首发于|首發於|首发时间|首發時間`)

// originalDate is the date right after an "originally published" phrase.
func originalDate(lines []metaLine, ctx date.Context) (date.Date, bool) {
	for _, ln := range lines {
		if ln.runes > 240 || ln.noise || !boilerplate.FoldContains(ln.text, "originally") && !boilerplate.FoldContains(ln.text, "first") && !strings.Contains(ln.text, "首发") && !strings.Contains(ln.text, "首發") {
			continue
		}
		loc := originalRe.FindStringIndex(ln.text)
		if loc == nil {
			continue
		}
		rest := ln.text[loc[1]:]
		if d, pos, ok := date.Find(rest, ctx); ok && pos <= 40 {
			return d, true
		}
	}
	return date.Date{}, false
}
