package date

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// FindSpan's patterns have no literal prefix, so the regexp package tries
// them at every byte of a line, and a page runs them on hundreds of lines.
// Each of their matches can only start where a cheap byte test holds (a
// digit, four digits, a month's first letters): leftmostBefore tries the
// pattern anchored (^(?:pattern)) at those places only, from the left,
// which finds the same leftmost match (TestLeftmostBefore,
// FuzzLeftmostBefore). Where FindSpan already holds a date, a pattern
// counts only if it starts before it, so the places end there.
//
// Anchoring at i is the unanchored match at i because each test also
// settles what the pattern asks of the text before i: \b before an ASCII
// letter or digit, and dmyForeignRe's (?:^|[^\p{L}\d]), whose ^ cannot
// match at 0 of s[i:] when s[i] is no digit.

type startPattern struct {
	at    *regexp.Regexp // ^(?:re)
	start func(s string, i int) bool
	// match, when set, is at.FindStringSubmatchIndex by hand.
	match func(s string) []int
}

func anchored(re *regexp.Regexp, start func(s string, i int) bool) startPattern {
	return startPattern{regexp.MustCompile(`^(?:` + re.String() + `)`), start, nil}
}

var (
	ymdStart      = startPattern{nil, fourDigitsAt, ymdAt}
	dmyStart      = anchored(dmyRe, func(s string, i int) bool { return digitThenSep(s, i, "-/.") })
	shortStart    = anchored(shortYearRe, func(s string, i int) bool { return digitThenSep(s, i, "/.") })
	mdyStart      = anchored(mdyRe, monthWordAt)
	dmyNameStart  = anchored(dmyNameRe, digitWordStart)
	dmyForeignAt  = regexp.MustCompile(`^(?:` + dmyForeignRe.String() + `)`)
	mdStart       = anchored(mdRe, mdAt)
	noLimit       = int(^uint(0) >> 1)
	patternStarts = map[*regexp.Regexp]startPattern{
		ymdRe: ymdStart, dmyRe: dmyStart, shortYearRe: shortStart, mdyRe: mdyStart, dmyNameRe: dmyNameStart, mdRe: mdStart,
	}
)

// leftmostBefore is re.FindStringSubmatchIndex(s) when that match starts
// before limit, else nil.
func leftmostBefore(re *regexp.Regexp, s string, limit int) []int {
	if re == dmyForeignRe {
		return foreignBefore(s, limit)
	}
	p, ok := patternStarts[re]
	// (?i) reads ſ (U+017F) as s, and a \b before it depends on the
	// letter before: lines with one take the plain search.
	if !ok || re == mdyRe && strings.Contains(s, "ſ") {
		m := re.FindStringSubmatchIndex(s)
		if m != nil && m[0] >= limit {
			return nil
		}
		return m
	}
	for i := 0; i < len(s) && i < limit; i++ {
		if !p.start(s, i) {
			continue
		}
		var m []int
		if p.match != nil {
			m = p.match(s[i:])
		} else {
			m = p.at.FindStringSubmatchIndex(s[i:])
		}
		if m != nil {
			return shift(m, i)
		}
	}
	return nil
}

// foreignBefore is leftmostBefore for dmyForeignRe: a match starts at 0
// before a digit, or at the character before a digit when that is no
// digit itself. The characters are read as the regexp package reads them.
func foreignBefore(s string, limit int) []int {
	for i := 0; i < len(s) && i < limit; {
		_, w := utf8.DecodeRuneInString(s[i:])
		if i == 0 && isASCIIDigit(s[0]) || !isASCIIDigit(s[i]) && i+w < len(s) && isASCIIDigit(s[i+w]) {
			if m := dmyForeignAt.FindStringSubmatchIndex(s[i:]); m != nil {
				return shift(m, i)
			}
		}
		i += w
	}
	return nil
}

func shift(m []int, i int) []int {
	for k, v := range m {
		if v >= 0 {
			m[k] = v + i
		}
	}
	return m
}

func fourDigitsAt(s string, i int) bool {
	return i+4 <= len(s) && isASCIIDigit(s[i]) && isASCIIDigit(s[i+1]) && isASCIIDigit(s[i+2]) && isASCIIDigit(s[i+3])
}

// digitThenSep: one or two digits at i, then one of seps.
func digitThenSep(s string, i int, seps string) bool {
	if !isASCIIDigit(s[i]) {
		return false
	}
	if i+1 < len(s) && strings.IndexByte(seps, s[i+1]) >= 0 {
		return true
	}
	return i+2 < len(s) && isASCIIDigit(s[i+1]) && strings.IndexByte(seps, s[i+2]) >= 0
}

// mdAt: one or two digits at i, then "-" or 月.
func mdAt(s string, i int) bool {
	if !isASCIIDigit(s[i]) {
		return false
	}
	for j := i + 1; j <= i+2 && j < len(s); j++ {
		if s[j] == '-' || strings.HasPrefix(s[j:], "月") {
			return true
		}
		if !isASCIIDigit(s[j]) {
			return false
		}
	}
	return false
}

// digitWordStart: a digit at i with no ASCII letter, digit or _ before it
// (\b).
func digitWordStart(s string, i int) bool {
	return isASCIIDigit(s[i]) && (i == 0 || !isWordByte(s[i-1]))
}

// monthWordAt: \b, then the first three letters of an English month in
// any ASCII case.
func monthWordAt(s string, i int) bool {
	return isASCIILetter(s[i]) && (i == 0 || !isWordByte(s[i-1])) && i+3 <= len(s) && hasEnglishMonth(s[i:i+3])
}

func isWordByte(c byte) bool { return isASCIIDigit(c) || isASCIILetter(c) || c == '_' }

// ymdAt is ^(?:ymdRe) matched by hand, the submatches as
// FindStringSubmatchIndex gives them. Each repeat is greedy and never
// gives back: what it would leave could not match the next item (a space
// is no separator, a digit is neither space nor separator).
func ymdAt(s string) []int {
	if !fourDigitsAt(s, 0) {
		return nil
	}
	j := skipSpace(s, 4)
	sep := [2]int{-1, -1}
	e, ascii := sepAt(s, j, "年")
	if e < 0 {
		return nil
	}
	if ascii {
		sep = [2]int{j, e}
	}
	mo0 := skipSpace(s, e)
	mo1 := digits12(s, mo0)
	if mo1 < 0 {
		return nil
	}
	j, _ = sepAt(s, skipSpace(s, mo1), "月")
	if j < 0 {
		return nil
	}
	d0 := skipSpace(s, j)
	d1 := digits12(s, d0)
	if d1 < 0 {
		return nil
	}
	return []int{0, d1, 0, 4, sep[0], sep[1], mo0, mo1, d0, d1}
}

// sepAt reads - / or . at j (ascii), or the character cjk: end is
// where it ends, -1 when neither is there.
func sepAt(s string, j int, cjk string) (end int, ascii bool) {
	switch {
	case j < len(s) && (s[j] == '-' || s[j] == '/' || s[j] == '.'):
		return j + 1, true
	case strings.HasPrefix(s[j:], cjk):
		return j + len(cjk), false
	}
	return -1, false
}

// skipSpace is where a run of \s ([\t\n\f\r ]) from j ends.
func skipSpace(s string, j int) int {
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\f' || s[j] == '\r') {
		j++
	}
	return j
}

// digits12 is the end of \d{1,2} at j, greedy; -1 when no digit is there.
func digits12(s string, j int) int {
	if j >= len(s) || !isASCIIDigit(s[j]) {
		return -1
	}
	if j+1 < len(s) && isASCIIDigit(s[j+1]) {
		return j + 2
	}
	return j + 1
}
