package meta

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"newsarchive/extract/internal/boilerplate"
	"newsarchive/extract/internal/date"
)

var (
	// dateLabelRe: words that say a line's date is the publication date.
	// Besides English and Chinese: "Veröffentlicht am", "Publié le",
	// "Publicado el", "Pubblicato il", "Gepubliceerd op", "Publicerad",
	// "Opublikowano", "Julkaistu", "Опубликовано".
	dateLabelRe = regexp.MustCompile(`(?i)published|posted|\bdate\b|\bdated\b|written|veröffentlicht|erschienen|publié|publicado|pubblicato|gepubliceerd|publicerad|opublikowano|julkaistu|опубликовано|发布|發佈|發布|发表|發表|日期|时间|時間|刊登|出版`)
	// dateUpdatedRe: the line's date is a later revision.
	// "Aktualisiert", "Mis à jour", "Actualizado", "Atualizado",
	// "Aggiornato", "Bijgewerkt", "Uppdaterad", "Zaktualizowano",
	// "Päivitetty", "Обновлено".
	dateUpdatedRe = regexp.MustCompile(`(?i)updated|modified|revised|last edited|aktualisiert|mis à jour|actualizado|atualizado|aggiornato|bijgewerkt|uppdaterad|zaktualizowano|päivitetty|обновлено|更新|修改|修订`)
	// dateLabelNeed and dateUpdatedNeed pass every match of the two
	// (TestDateWordNeedsSound): most text before a date holds none of
	// their words, and the patterns cost more than the rest of the date
	// scoring on pages with many dated lines.
	dateLabelNeed   = boilerplate.FoldWordsNeed(dateLabelRe.String())
	dateUpdatedNeed = boilerplate.FoldWordsNeed(dateUpdatedRe.String())
)

// isDateLabel is dateLabelRe.MatchString, its prefilter first.
func isDateLabel(s string) bool { return dateLabelNeed(s) && dateLabelRe.MatchString(s) }

// isDateUpdated is dateUpdatedRe.MatchString, its prefilter first.
func isDateUpdated(s string) bool { return dateUpdatedNeed(s) && dateUpdatedRe.MatchString(s) }

// microdataDate reads itemprop=datePublished or the first <time datetime>
// outside comments and related lists (<time> inside the article header is
// the publication date far more often than not).
func microdataDate(el *pageElems) (published date.Date, ok bool) {
	var timeFallback date.Date
	haveTime := false
	for i, n := range el.get().times {
		if i > 40 {
			break
		}
		if mNoiseAncestor(n) {
			continue
		}
		prop := mAttr(n, "itemprop")
		v := mPropValue(n)
		if n.Data == "time" && prop == "" {
			if haveTime {
				continue
			}
			if d, ok := date.ParseValue(mAttr(n, "datetime")); ok {
				if cls := mAttr(n, "class") + mAttr(n.Parent, "class"); isDateUpdated(cls) {
					continue
				}
				timeFallback, haveTime = d, true
			}
			continue
		}
		if d, ok := date.ParseValue(v); ok {
			return d, true
		}
	}
	return timeFallback, haveTime
}

func microdataModified(el *pageElems) (date.Date, bool) {
	for _, n := range el.get().modTimes {
		if d, ok := date.ParseValue(mPropValue(n)); ok {
			return d, true
		}
	}
	return date.Date{}, false
}

// visibleDate picks the date line that most looks like the article's own
// publication date: near the headline (just below it above all), labelled
// (发布时间, Published), in a byline/date block, outside navigation,
// comments and related lists, and not a link (lists of other articles).
//
// strong reports that the date sits at the headline (just above or below
// it, in a short line of its own, not a link): the date the page shows its
// reader at the byline.
func visibleDate(lines []metaLine, titleIdx int, c date.Context) (best date.Date, found, strong bool) {
	return visibleDateIn(lines, titleIdx, c, true)
}

// visibleDateIn is visibleDate; bound false reads every line, as the
// tests compare.
func visibleDateIn(lines []metaLine, titleIdx int, c date.Context, bound bool) (best date.Date, found, strong bool) {
	bestScore := -1e9
	for i, ln := range lines {
		// A long paragraph is read only for a dateline that opens it, just
		// below the headline: the others are skipped before the cheap test
		// (which costs most on them).
		long := ln.runes > 160
		if dist := i - titleIdx; long && (titleIdx < 0 || dist <= 0 || dist > 12 || ln.noise) {
			continue
		}
		// A line that cannot beat the best so far even labelled, with a
		// time and not updated, is not read: the score only grows with
		// each of those (TestDateScoreBound).
		if bound && dateScore(&ln, i, titleIdx, true, true, false) <= bestScore {
			continue
		}
		if !mMayHoldDate(ln.text, c.Year > 0) {
			continue
		}
		var d date.Date
		var pos, end int
		var ok bool
		if long {
			d, pos, end, ok = openingDateline(ln.text, c)
		} else {
			d, pos, end, ok = date.FindSpan(ln.text, c)
		}
		// A date inside the headline ("Minutes of the meeting of 10
		// October 2019") is what the story is about; one that opens it
		// ("27.01.2022 Monthly figures") is a dateline set before it.
		if !ok || i == titleIdx && pos > 0 {
			continue
		}
		pre := ln.text[:pos]
		labelled := isDateLabel(pre)
		// An "Updated" label only lowers the score: a line that cannot
		// win without one is not asked.
		updated := false
		if !bound || dateScore(&ln, i, titleIdx, d.HasTime, labelled, false) > bestScore {
			updated = isDateUpdated(pre)
		}
		score := dateScore(&ln, i, titleIdx, d.HasTime, labelled, updated)
		if score > bestScore {
			best, bestScore, found = d, score, true
			dist := i - titleIdx
			near := titleIdx >= 0 && dist >= -6 && dist <= 12
			// A date labelled "Published"/"发布时间" in a short line of the
			// article is the page's own statement wherever it sits.
			ok := !ln.noise && ln.links*10 <= ln.runes*7 && ln.runes <= 80
			// Near the headline, a sentence of the text that cites a date
			// ("Encyclical of Pope Paul VI, 25 December 2005:") is no
			// dateline: the line must be mostly the date, start with a
			// byline ("By Jane Roe Mar 5, 2025") or say little before the
			// date. A byline class is no proof: themes put whole articles
			// in an "entry-meta" or "info" block.
			dateline := utf8.RuneCountInString(ln.text[pos:end])*2 >= ln.runes ||
				byLineRe.MatchString(ln.text) || utf8.RuneCountInString(pre) <= 32
			strong = (near && dateline || labelled) && !updated && ok
		}
	}
	return best, found, strong
}

// dateScore scores line i as the page's date line (see visibleDate): a
// label (Published, 发布时间) and a time count for it, an "Updated" label
// against it.
func dateScore(ln *metaLine, i, titleIdx int, hasTime, labelled, updated bool) float64 {
	score := 0.0
	if labelled {
		score += 3
	}
	if updated {
		score -= 1.5
	}
	if ln.hint {
		score += 2
	}
	if ln.noise {
		score -= 6
	}
	if ln.links*10 > ln.runes*7 {
		score -= 4
	}
	if ln.heading > 0 {
		score -= 1
	}
	if hasTime {
		score += 0.5
	}
	// A line that is mostly the date (a dateline) beats a sentence that
	// mentions one.
	if ln.runes <= 60 {
		score += 1
	}
	if titleIdx >= 0 {
		dist := i - titleIdx
		switch {
		case dist >= 0 && dist <= 12:
			score += 4 - float64(dist)*0.25
		case dist < 0 && dist >= -6:
			score += 2 + float64(dist)*0.25
		case dist > 12:
			score -= min(float64(dist-12)*0.02, 3)
		default:
			score -= 2
		}
	} else {
		score -= min(float64(i)*0.01, 3)
	}
	return score
}

var (
	// datelinePlaceRe is what may stand before a paragraph's dateline: a
	// place name and a comma, with a word for "on" ("BERLIN, 3. März
	// 2021 –", "Paris, le 3 février 2020 –", "Madrid, 3 de marzo de 2020:").
	datelinePlaceRe = regexp.MustCompile(`^\p{Lu}[\p{L}.'’-]*(?:[ -]\p{L}[\p{L}.'’-]*){0,3}(?:\s*\([^()]{1,24}\))?\s*,(?:\s*(?:le|den|am|el|il|on))?$`)
	// datelineEndRe is what follows it: a dash or a colon, then the text.
	datelineEndRe = regexp.MustCompile(`^\s*(?:\([^()]{1,24}\)\s*)?[-–—:|]\s`)
)

// openingDateline reads the date that opens a paragraph as its dateline:
// at its very start or after a place name, and followed by a dash or a
// colon ("27.1.2022 - At the meeting …"), or in brackets at its very
// start ("(27.1.2022) At the meeting …"). Only the head of the paragraph
// is read, so a date later in the text never counts.
func openingDateline(s string, c date.Context) (d date.Date, pos, end int, ok bool) {
	head := s
	if len(head) > 120 {
		cut := 120
		for cut > 0 && !utf8.RuneStart(head[cut]) {
			cut--
		}
		head = head[:cut]
	}
	d, pos, end, ok = date.FindSpan(head, c)
	if !ok || end >= len(head) {
		return date.Date{}, 0, 0, false
	}
	pre := strings.TrimSpace(head[:pos])
	// "(21. November 2022) Consumers …": the date in brackets opens the lead.
	if pre == "(" && strings.HasPrefix(strings.TrimLeft(head[end:], " "), ")") {
		return d, pos, end, true
	}
	if !datelineEndRe.MatchString(head[end:]) || pre != "" && !datelinePlaceRe.MatchString(pre) {
		return date.Date{}, 0, 0, false
	}
	return d, pos, end, true
}

// mMayHoldDate is the cheap test before the date patterns: a run of four
// digits (a year), or — when the year is known from context — a month-day
// with 月 or a time.
func mMayHoldDate(s string, yearKnown bool) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if isASCIIDigit(s[i]) {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	// 9/5/24, 05.09.24: a two-digit year between separators.
	if hasShortYearShape(s) {
		return true
	}
	return yearKnown && (strings.Contains(s, "月") || strings.Contains(s, ":")) && strings.ContainsAny(s, "0123456789")
}

// updatedShown is the date of a short "Updated …"/"Last updated: …" line
// at the headline (six lines above it to twelve below), or in a byline
// block when the headline was not found among the lines.
func updatedShown(lines []metaLine, titleIdx int, c date.Context) (date.Date, bool) {
	from, to := titleIdx-6, titleIdx+12
	if titleIdx < 0 {
		from, to = 0, len(lines)
	}
	for i := max(0, from); i < len(lines) && i <= to; i++ {
		ln := lines[i]
		if ln.runes > 80 || ln.noise || titleIdx < 0 && !ln.hint || !mMayHoldDate(ln.text, c.Year > 0) {
			continue
		}
		d, pos, ok := date.Find(ln.text, c)
		if !ok {
			continue
		}
		// "Updated" must be the last label before the date: "Published
		// Jan 2 · Updated" dates the publication.
		pre := ln.text[:pos]
		var u, l [][]int
		if dateUpdatedNeed(pre) {
			u = dateUpdatedRe.FindAllStringIndex(pre, -1)
		}
		if dateLabelNeed(pre) {
			l = dateLabelRe.FindAllStringIndex(pre, -1)
		}
		if len(u) > 0 && (len(l) == 0 || l[len(l)-1][0] < u[len(u)-1][0]) {
			return d, true
		}
	}
	return date.Date{}, false
}

// hasShortYearShape: a digit, / or ., one or two digits, the same
// separator, a digit (the shape of 9/5/24 and 05.09.24).
func hasShortYearShape(s string) bool {
	for i := 0; i+4 < len(s); i++ {
		sep := s[i+1]
		if !isASCIIDigit(s[i]) || sep != '/' && sep != '.' || !isASCIIDigit(s[i+2]) {
			continue
		}
		j := i + 3
		if isASCIIDigit(s[j]) {
			j++
		}
		if j+1 < len(s) && s[j] == sep && isASCIIDigit(s[j+1]) {
			return true
		}
	}
	return false
}
