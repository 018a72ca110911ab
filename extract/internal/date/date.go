package date

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"newsarchive/extract/internal/alt"
)

// Date is a date as a page states it: never converted between zones
// . A zone is attached only when the page names
// one, or when the site's configured timezone supplies it.
type Date struct {
	Y, Mo, D int
	H, Mi, S int
	HasTime  bool
	HasZone  bool
	Off      int  // seconds east of UTC, when HasZone
	Z        bool // written as Z / UTC / GMT
}

// String is the ISO 8601 form: 2024-09-05, 2024-09-05T08:56:39 or
// 2024-09-05T08:56:39+08:00.
func (d Date) String() string {
	day := fmt.Sprintf("%04d-%02d-%02d", d.Y, d.Mo, d.D)
	if !d.HasTime {
		return day
	}
	s := fmt.Sprintf("%sT%02d:%02d:%02d", day, d.H, d.Mi, d.S)
	if !d.HasZone {
		return s
	}
	if d.Z && d.Off == 0 {
		return s + "Z"
	}
	sign, off := '+', d.Off
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%s%c%02d:%02d", s, sign, off/3600, off/60%60)
}

func (d Date) Valid() bool {
	if d.Y < 1970 || d.Y > 2100 || d.Mo < 1 || d.Mo > 12 || d.D < 1 {
		return false
	}
	if d.D > time.Date(d.Y, time.Month(d.Mo)+1, 0, 0, 0, 0, 0, time.UTC).Day() {
		return false
	}
	return !d.HasTime || (d.H < 24 && d.Mi < 60 && d.S < 61)
}

// InZone gives a zoneless wall time the offset loc has at that wall time.
// Dates without a time stay bare: a day has no offset.
func (d Date) InZone(loc *time.Location) Date {
	if loc == nil || d.HasZone || !d.HasTime {
		return d
	}
	_, off := time.Date(d.Y, time.Month(d.Mo), d.D, d.H, d.Mi, d.S, 0, loc).Zone()
	d.HasZone, d.Off = true, off
	return d
}

var (
	// ISORe: the machine forms of meta tags and JSON-LD.
	ISORe = regexp.MustCompile(`^(\d{4})-?(\d{2})-?(\d{2})(?:[Tt ]+(\d{1,2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?`)
	// ymdRe: 2024-09-05, 2024/9/5, 2024.09.05, 2024年9月5日, 2024 年 9 月 5 日.
	ymdRe = regexp.MustCompile(`(\d{4})\s*(?:([-/.])|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})`)
	// dmyRe: 05.09.2024, 9/5/2024 (order decided by the values and language).
	dmyRe = regexp.MustCompile(`(\d{1,2})([-/.])(\d{1,2})[-/.](\d{4})`)
	// shortYearRe: 9/5/24 and 05.09.24, a two-digit year. The dotted form
	// needs two-digit day and month (05.09.24), so that a version number
	// (1.2.10) does not read as a date.
	shortYearRe = regexp.MustCompile(`(\d{1,2})/(\d{1,2})/(\d{2})|(\d{2})\.(\d{2})\.(\d{2})`)
	// mdRe: 09-05 08:56 or 9月5日 — a day without a year, usable only when
	// the page tells the year elsewhere.
	mdRe      = regexp.MustCompile(`(\d{1,2})(?:-|月)(\d{1,2})(?:日)?`)
	monthPart = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`
	mdyRe     = regexp.MustCompile(`(?i)\b` + monthPart + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s+(\d{4})\b`)
	dmyNameRe = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthPart + `\.?,?\s+(\d{4})\b`)
	// dmyForeignRe: "5 septembre 2024", "5. März 2024", "4 de agosto de
	// 2021", "7 de mayo del 2022", "04-ago-2021" — the day-first forms of
	// other languages.
	dmyForeignRe = regexp.MustCompile(`(?i)(?:^|[^\p{L}\d])(\d{1,2})(?:er|º|\.)?(?:\s+de\s+|\s+|-)(` + foreignMonthAlt() + `)\.?(?:\s+del?\s+|,?\s+|-)(\d{4})(?:$|[^\d])`)
	// timeRe follows a date: "08:56", "8:56:39", "10:30 AM", "at 10.30pm",
	// "um 10:30", "à 08:56", "08时56分".
	timeRe = regexp.MustCompile(`^\s*,?\s*(?:[Tt]|,|，|at|um|à|om|kl\.|alle|a las|@|-|–|—|·|\||/|日|\(|（)?\s*(\d{1,2})\s*(?:[:：]|时|時|点|點)\s*(\d{2})(?:\s*(?:[:：]|分)\s*(\d{2})(?:[.,]\d+)?)?(?:\s*秒|\s*分)?(?:\s*([aApP])\.?\s?[mM]\.?)?`)
	// zoneRe follows a time.
	zoneRe = regexp.MustCompile(`^\s*\(?\s*(Z\b|[+-]\d{2}(?::?\d{2})?\b|(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[A-Z]{2,4}\b|北京时间|北京時間)`)
)

func foreignMonthAlt() string {
	keys := make([]string, 0, len(foreignMonths))
	for k := range foreignMonths {
		keys = append(keys, regexp.QuoteMeta(k))
	}
	return alt.Longest(keys)
}

var MonthNum = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

// fixedZones are the abbreviations whose offset does not depend on the date.
// Ambiguous ones (CST, IST) are left out: a wrong zone is worse than none.
var fixedZones = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0, "EST": -5 * 3600, "EDT": -4 * 3600, "CDT": -5 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600, "BST": 3600,
	"CET": 3600, "CEST": 7200, "EET": 7200, "EEST": 3 * 3600, "JST": 9 * 3600, "KST": 9 * 3600,
	"HKT": 8 * 3600, "SGT": 8 * 3600, "AEST": 10 * 3600, "AEDT": 11 * 3600, "WIB": 7 * 3600,
	"北京时间": 8 * 3600, "北京時間": 8 * 3600,
}

// regionZones name a region whose offset follows its daylight-saving rules:
// the offset for that wall time is what the page states.
var regionZones = map[string]string{
	"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles",
}

// ParseValue reads a machine-written date (meta content, JSON-LD,
// <time datetime>), falling back to the free-text forms.
func ParseValue(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, false
	}
	if m := ISORe.FindStringSubmatch(s); m != nil {
		d := Date{Y: atoi(m[1]), Mo: atoi(m[2]), D: atoi(m[3])}
		if m[4] != "" {
			d.HasTime = true
			d.H, d.Mi, d.S = atoi(m[4]), atoi(m[5]), atoi(m[6])
			if m[7] != "" {
				d.HasZone = true
				d.Off, d.Z = parseOffset(m[7])
			} else if z, ok := readZone(s[len(m[0]):], d); ok {
				d = z
			}
		}
		// "2024-09-05T00:00:00" from a CMS that stores only the day is still
		// a statement of that time; keep it as written.
		if d.Valid() {
			return d, true
		}
	}
	d, _, ok := Find(s, Context{})
	return d, ok
}

// parseOffset reads Z, +08, +0800 or +08:00.
func parseOffset(s string) (off int, z bool) {
	if s == "Z" || s == "z" {
		return 0, true
	}
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(s[1:], ":", "")
	h := atoi(digits[:min(2, len(digits))])
	m := 0
	if len(digits) >= 4 {
		m = atoi(digits[2:4])
	}
	return sign * (h*3600 + m*60), false
}

// Context helps read dates that leave something out.
type Context struct {
	// Year completes month-day dates (09-05 08:56); 0 = unknown.
	Year int
	// DayFirst reads 05/09/2024 as 5 September (most languages but English).
	DayFirst bool
	// Now is when the page was fetched: a date more than a day after it
	// (the slack of any zone) is not the page's. Zero: no limit.
	Now time.Time
}

// Future reports that d is later than the fetch plus a day of zone slack.
func (c Context) Future(d Date) bool {
	if c.Now.IsZero() {
		return false
	}
	t := time.Date(d.Y, time.Month(d.Mo), d.D, d.H, d.Mi, d.S, 0, time.UTC).Add(-time.Duration(d.Off) * time.Second)
	return t.After(c.Now.Add(24 * time.Hour))
}

// Value is ParseValue for a page fetched at c.Now: a future date is none.
func (c Context) Value(s string) (Date, bool) {
	d, ok := ParseValue(s)
	if !ok || c.Future(d) {
		return Date{}, false
	}
	return d, true
}

// fullYear reads a two-digit year as the latest year not after the fetch
// (or this year) plus one: 24 is 2024, 85 is 1985.
func (c Context) fullYear(yy int) int {
	now := c.Now
	if now.IsZero() {
		now = time.Now()
	}
	y := 2000 + yy
	if y > now.Year()+1 {
		y -= 100
	}
	return y
}

// Find finds the first date in free text and reads the time and zone
// that follow it. pos is the byte offset of the match.
func Find(s string, c Context) (d Date, pos int, ok bool) {
	d, pos, _, ok = FindSpan(s, c)
	return d, pos, ok
}

// FindSpan is Find that also returns where the date (with its time
// and zone) ends.
func FindSpan(s string, c Context) (d Date, pos, end int, ok bool) {
	best := -1
	var bd Date
	var bend int
	try := func(d Date, start, end int) {
		if !d.Valid() || (best >= 0 && start >= best) || c.Future(d) {
			return
		}
		best, bd, bend = start, d, end
	}
	// Every pattern with a year needs its four digits in a row: most lines
	// have none and skip them (TestYearPrefilterSound).
	year := hasYearDigits(s)
	if m := withYear(ymdRe, s, year, noLimit); m != nil && digitBounded(s, m[0], m[1]) {
		try(Date{Y: atoi(s[m[2]:m[3]]), Mo: atoi(s[m[6]:m[7]]), D: atoi(s[m[8]:m[9]])}, m[0], m[1])
	}
	// The month-name patterns need a letter of an alphabet: most lines of
	// a Chinese page have none and skip them.
	if hasAlphaLetter(s) {
		// The English month names need one of their first three letters
		// in a row (TestEnglishMonthPrefilterSound).
		english := year && hasEnglishMonth(s)
		if m := withYear(mdyRe, s, english, limit(best)); m != nil {
			try(Date{Y: atoi(s[m[6]:m[7]]), Mo: MonthNum[strings.ToLower(s[m[2]:m[2]+3])], D: atoi(s[m[4]:m[5]])}, m[0], m[1])
		}
		if m := withYear(dmyNameRe, s, english, limit(best)); m != nil {
			try(Date{Y: atoi(s[m[6]:m[7]]), Mo: MonthNum[strings.ToLower(s[m[4]:m[4]+3])], D: atoi(s[m[2]:m[3]])}, m[0], m[1])
		}
		if m := withYear(dmyForeignRe, s, year && dayBeforeWord(s), limit(best)); m != nil {
			if mo := foreignMonths[strings.ToLower(s[m[4]:m[5]])]; mo > 0 {
				try(Date{Y: atoi(s[m[6]:m[7]]), Mo: mo, D: atoi(s[m[2]:m[3]])}, m[2], m[7])
			}
		}
	}
	// The numeric patterns below need a digit, a separator and a digit in
	// a row ("5/9", "05.09"): most lines have none (TestDigitSepSound).
	seps := digitSeps(s)
	if m := withYear(dmyRe, s, year && seps != 0, limit(best)); m != nil && digitBounded(s, m[0], m[1]) {
		a, b, y := atoi(s[m[2]:m[3]]), atoi(s[m[6]:m[7]]), atoi(s[m[8]:m[9]])
		// 10.12.2022 is day first wherever dates are written with dots.
		mo, d := monthDay(a, b, c.DayFirst || s[m[4]:m[5]] == ".")
		try(Date{Y: y, Mo: mo, D: d}, m[0], m[1])
	}
	if m := shortYearIn(s, seps, limit(best)); m != nil && digitBounded(s, m[0], m[1]) && (m[1] >= len(s) || s[m[1]] != '/' && s[m[1]] != '.') {
		g := 2
		if m[2] < 0 {
			g = 8
		}
		a, b, yy := atoi(s[m[g]:m[g+1]]), atoi(s[m[g+2]:m[g+3]]), atoi(s[m[g+4]:m[g+5]])
		mo, d := monthDay(a, b, c.DayFirst || g == 8)
		try(Date{Y: c.fullYear(yy), Mo: mo, D: d}, m[0], m[1])
	}
	if best < 0 && c.Year > 0 {
		if m := leftmostBefore(mdRe, s, noLimit); m != nil && digitBounded(s, m[0], m[1]) {
			// Only with a time after it or the 月/日 characters: "09-05"
			// alone is as likely a score or a range.
			d := Date{Y: c.Year, Mo: atoi(s[m[2]:m[3]]), D: atoi(s[m[4]:m[5]])}
			cjk := strings.Contains(s[m[0]:m[1]], "月")
			if t, _, tok := readTime(s[m[1]:], d); tok || cjk {
				if tok {
					d = t
				}
				try(d, m[0], m[1])
			}
		}
	}
	if best < 0 {
		return Date{}, -1, -1, false
	}
	if t, n, ok := readTime(s[bend:], bd); ok {
		bd = t
		bend += n
		if z, ok := readZone(s[bend:], bd); ok {
			bd = z
		}
	}
	// "北京时间2024年…" states the zone before the date.
	if bd.HasTime && !bd.HasZone {
		pre := s[:best]
		if strings.HasSuffix(strings.TrimSpace(pre), "北京时间") || strings.HasSuffix(strings.TrimSpace(pre), "北京時間") {
			bd.HasZone, bd.Off = true, 8*3600
		}
	}
	return bd, best, bend, true
}

// readTime reads a time of day at the start of s onto d; n is the bytes used.
func readTime(s string, d Date) (Date, int, bool) {
	if !mayHoldTime(s) {
		return d, 0, false
	}
	m := timeRe.FindStringSubmatch(s)
	if m == nil {
		return d, 0, false
	}
	h, mi, sec := atoi(m[1]), atoi(m[2]), atoi(m[3])
	switch strings.ToLower(m[4]) {
	case "p":
		if h < 12 {
			h += 12
		}
	case "a":
		if h == 12 {
			h = 0
		}
	}
	if h > 23 || mi > 59 || sec > 60 {
		return d, 0, false
	}
	d.HasTime, d.H, d.Mi, d.S = true, h, mi, sec
	return d, len(m[0]), true
}

// mayHoldTime reports whether s holds one of the characters that stand
// between hours and minutes in every timeRe match (: ： 时 時 点 點): most
// text after a date has none (TestTimePrefilterSound).
func mayHoldTime(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ':' || c >= utf8.RuneSelf && hasTimeMark(s[i:]) {
			return true
		}
	}
	return false
}

func hasTimeMark(s string) bool {
	for _, m := range [...]string{"：", "时", "時", "点", "點"} {
		if strings.HasPrefix(s, m) {
			return true
		}
	}
	return false
}

// readZone reads a zone stated right after a time.
func readZone(s string, d Date) (Date, bool) {
	if !d.HasTime {
		return d, false
	}
	m := zoneRe.FindStringSubmatch(s)
	if m == nil {
		return d, false
	}
	z := strings.ReplaceAll(m[1], " ", "")
	switch {
	case z == "Z":
		d.HasZone, d.Off, d.Z = true, 0, true
	case z[0] == '+' || z[0] == '-':
		d.HasZone = true
		d.Off, _ = parseOffset(z)
	case strings.HasPrefix(z, "UTC") || strings.HasPrefix(z, "GMT"):
		d.HasZone = true
		if rest := z[3:]; rest != "" {
			sign := 1
			if rest[0] == '-' {
				sign = -1
			}
			digits := strings.ReplaceAll(rest[1:], ":", "")
			if len(digits) <= 2 {
				d.Off = sign * atoi(digits) * 3600
			} else {
				d.Off = sign * (atoi(digits[:len(digits)-2])*3600 + atoi(digits[len(digits)-2:])*60)
			}
		} else {
			d.Z = true
		}
	default:
		if off, ok := fixedZones[z]; ok {
			d.HasZone, d.Off, d.Z = true, off, off == 0 && z != "BST"
		} else if name, ok := regionZones[z]; ok {
			loc := RegionLocation(name)
			if loc == nil {
				return d, false
			}
			d = d.InZone(loc)
		} else {
			return d, false
		}
	}
	if d.Off < -14*3600 || d.Off > 14*3600 {
		return Date{}, false
	}
	return d, true
}

// digitBounded: the match is not part of a longer number (an ID, a phone
// number, a price).
func digitBounded(s string, start, end int) bool {
	if start > 0 && isASCIIDigit(s[start-1]) {
		return false
	}
	return end >= len(s) || !isASCIIDigit(s[end])
}

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// urlDateRe: /2024/09/05/, /2024-09-05/, /20240905/ in a URL path.
var urlDateRe = regexp.MustCompile(`/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|\d{0,8}[/._-]|$)`)

// hostPath is u without its scheme, query and fragment.
func hostPath(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return u
}

// FromURL is the last resort: the day the URL path names.
func FromURL(u string) (Date, bool) {
	u = hostPath(u)
	m := urlDateRe.FindStringSubmatch(u)
	if m == nil {
		if m = urlNamedDateRe.FindStringSubmatch(strings.ToLower(u)); m != nil {
			d := Date{Y: atoi(m[1]), Mo: MonthNum[m[2][:3]], D: atoi(m[3])}
			return d, d.Valid()
		}
		return Date{}, false
	}
	d := Date{Y: atoi(m[1]), Mo: atoi(m[2]), D: atoi(m[3])}
	return d, d.Valid()
}

// urlDMYRe: a path segment that is a day-first date, /29-10-2021 or
// /29.10.2021/, as sites outside the US write them.
var urlDMYRe = regexp.MustCompile(`/(0?[1-9]|[12]\d|3[01])[-.](0?[1-9]|1[0-2])[-.]((?:19|20)\d{2})(?:[/_.-]|$)`)

// URLDayFirst is the day a URL path segment names day first, the last
// resort when nothing else dates the page.
func URLDayFirst(u string) (Date, bool) {
	u = hostPath(u)
	m := urlDMYRe.FindStringSubmatch(u)
	if m == nil {
		return Date{}, false
	}
	d := Date{Y: atoi(m[3]), Mo: atoi(m[2]), D: atoi(m[1])}
	return d, d.Valid()
}

// pathDayRe: a path segment run naming a whole day, /2020/04/26/ or
// /2020/4/26/ or /2020-04-26/ (not the compact 20200426, which ids share).
var pathDayRe = regexp.MustCompile(`/((?:19|20)\d{2})(?:/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])|-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))(?:[/_.-]|$)`)

// PathDay is the day a URL path files its page under, in one of the
// separated forms of pathDayRe.
func PathDay(u string) (Date, bool) {
	u = hostPath(u)
	m := pathDayRe.FindStringSubmatch(u)
	if m == nil {
		return Date{}, false
	}
	mo, day := m[2], m[3]
	if mo == "" {
		mo, day = m[4], m[5]
	}
	d := Date{Y: atoi(m[1]), Mo: atoi(mo), D: atoi(day)}
	return d, d.Valid()
}

// urlNamedDateRe: /2023/october/03/ (a month's name in the path).
var urlNamedDateRe = regexp.MustCompile(`/((?:19|20)\d{2})/(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)/(0?[1-9]|[12]\d|3[01])/`)

var (
	regionMu   sync.Mutex
	regionLocs = map[string]*time.Location{}
)

// RegionLocation loads an IANA zone once (LoadLocation reads the zone file
// on every call); nil when the machine has no zone data for it.
func RegionLocation(name string) *time.Location {
	regionMu.Lock()
	defer regionMu.Unlock()
	if loc, ok := regionLocs[name]; ok {
		return loc
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = nil
	}
	regionLocs[name] = loc
	return loc
}

// hasAlphaLetter reports whether s holds a letter of an alphabet (Latin,
// Cyrillic, Greek, …), not only Han, kana or Hangul: a month name needs one.
// withYear is re.FindStringSubmatchIndex(s) if that starts before limit
// (leftmostBefore), skipped (nil) when s has no year digits (year false)
// for a pattern that needs them.
func withYear(re *regexp.Regexp, s string, year bool, limit int) []int {
	if !year {
		return nil
	}
	return leftmostBefore(re, s, limit)
}

// limit is where a match must start to beat the date found at best: a
// match at or after it is not tried.
func limit(best int) int {
	if best < 0 {
		return noLimit
	}
	return best
}

// dayBeforeWord reports whether s may hold the start of a dmyForeignRe
// match: a number of one or two ASCII digits with no letter or digit
// before it, then "er", "º" or "." or nothing, then white space or a "-",
// then a letter. A byte before the number that is part of a multi-byte
// character may be a letter or not: it passes.
func dayBeforeWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			continue
		}
		if i > 0 && s[i-1] < utf8.RuneSelf && (isASCIIDigit(s[i-1]) || isASCIILetter(s[i-1])) {
			continue
		}
		j := i + 1
		if j < len(s) && isASCIIDigit(s[j]) {
			j++
		}
		if j < len(s) && isASCIIDigit(s[j]) {
			i = j // three digits or more: no day starts in this run
			for i+1 < len(s) && isASCIIDigit(s[i+1]) {
				i++
			}
			continue
		}
		if sepThenLetter(s, j) {
			return true
		}
		switch {
		case j+1 < len(s) && s[j]|0x20 == 'e' && s[j+1]|0x20 == 'r':
			j += 2
		case strings.HasPrefix(s[j:], "º"):
			j += len("º")
		case j < len(s) && s[j] == '.':
			j++
		default:
			continue
		}
		if sepThenLetter(s, j) {
			return true
		}
	}
	return false
}

// sepThenLetter: at s[j] a "-" or a run of white space (\s), then an ASCII
// letter or a byte of a multi-byte character.
func sepThenLetter(s string, j int) bool {
	if j < len(s) && s[j] == '-' {
		j++
	} else {
		k := j
		for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\f' || s[k] == '\r') {
			k++
		}
		if k == j {
			return false
		}
		j = k
	}
	return j < len(s) && (s[j] >= utf8.RuneSelf || isASCIILetter(s[j]))
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// The separators digitSeps reports, as bits.
const (
	sepDash = 1 << iota
	sepSlash
	sepDot
)

// digitSeps reports which of - / . stand between two ASCII digits
// somewhere in s.
func digitSeps(s string) uint8 {
	var bits uint8
	for i := 1; i+1 < len(s); i++ {
		var b uint8
		switch s[i] {
		case '-':
			b = sepDash
		case '/':
			b = sepSlash
		case '.':
			b = sepDot
		default:
			continue
		}
		if isASCIIDigit(s[i-1]) && isASCIIDigit(s[i+1]) {
			bits |= b
		}
	}
	return bits
}

// shortYearIn is leftmostBefore(shortYearRe, s, limit), skipped where
// no slash or dot stands between two digits (seps, from digitSeps).
func shortYearIn(s string, seps uint8, limit int) []int {
	if seps&(sepSlash|sepDot) == 0 {
		return nil
	}
	return leftmostBefore(shortYearRe, s, limit)
}

// hasYearDigits reports whether s holds four ASCII digits in a row, as
// every \d{4} of the year patterns needs (\d is ASCII only).
func hasYearDigits(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			if run++; run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

// hasEnglishMonth reports whether s holds the first three letters of an
// English month name (jan … dec) in any ASCII letter case, as every match
// of monthPart does. (?i) also reads ſ (U+017F) as s: a line with one
// passes, for "ſep".
func hasEnglishMonth(s string) bool {
	if strings.Contains(s, "ſ") {
		return true
	}
	for i := 0; i+3 <= len(s); i++ {
		switch uint32(s[i]|0x20)<<16 | uint32(s[i+1]|0x20)<<8 | uint32(s[i+2]|0x20) {
		case 'j'<<16 | 'a'<<8 | 'n', 'f'<<16 | 'e'<<8 | 'b', 'm'<<16 | 'a'<<8 | 'r', 'a'<<16 | 'p'<<8 | 'r',
			'm'<<16 | 'a'<<8 | 'y', 'j'<<16 | 'u'<<8 | 'n', 'j'<<16 | 'u'<<8 | 'l', 'a'<<16 | 'u'<<8 | 'g',
			's'<<16 | 'e'<<8 | 'p', 'o'<<16 | 'c'<<8 | 't', 'n'<<16 | 'o'<<8 | 'v', 'd'<<16 | 'e'<<8 | 'c':
			return true
		}
	}
	return false
}

func hasAlphaLetter(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r < 0x2e80 && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// monthDay orders the two numbers a, b of a numeric date as month and day:
// day first when dayFirst, unless a number over 12 settles it.
func monthDay(a, b int, dayFirst bool) (mo, d int) {
	switch {
	case a > 12:
		dayFirst = true
	case b > 12:
		dayFirst = false
	}
	if dayFirst {
		return b, a
	}
	return a, b
}
