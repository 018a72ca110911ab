package date

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

// yearGated are the patterns FindSpan runs only where hasYearDigits holds.
var yearGated = map[string]*regexp.Regexp{
	"ymdRe": ymdRe, "dmyRe": dmyRe, "mdyRe": mdyRe, "dmyNameRe": dmyNameRe, "dmyForeignRe": dmyForeignRe,
}

// TestYearPrefilterSound checks that every pattern passed to withYear
// needs four ASCII digits in a row in each of its matches: its top-level
// sequence holds a \d{4} (inside a group or not). The patterns are
// collected from the withYear calls in the package's source, so a new call
// is checked too.
func TestYearPrefilterSound(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	calls := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if id, ok := c.Fun.(*ast.Ident); !ok || id.Name != "withYear" {
				return true
			}
			calls++
			arg, ok := c.Args[0].(*ast.Ident)
			if !ok || yearGated[arg.Name] == nil {
				t.Errorf("%s: withYear on %s: add the pattern to yearGated", fset.Position(c.Pos()), exprName(c.Args[0]))
				return true
			}
			if !needsFourDigits(t, yearGated[arg.Name].String()) {
				t.Errorf("%s: %s does not need four digits in a row, so hasYearDigits may skip its matches", fset.Position(c.Pos()), arg.Name)
			}
			return true
		})
	}
	if needsFourDigits(t, shortYearRe.String()) || needsFourDigits(t, mdRe.String()) {
		t.Error("needsFourDigits accepts a pattern without a four-digit year")
	}
	if calls == 0 {
		t.Fatal("no withYear call found: the test reads the wrong files")
	}
}

func exprName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "an expression"
}

// needsFourDigits: the pattern is a sequence (after flags) one of whose
// items is \d{n} with n >= 4, bare or in a capture group.
func needsFourDigits(t *testing.T, pat string) bool {
	re, err := syntax.Parse(pat, syntax.Perl)
	if err != nil {
		t.Fatal(err)
	}
	if re.Op != syntax.OpConcat {
		return digitRun(re)
	}
	for _, s := range re.Sub {
		if digitRun(s) {
			return true
		}
	}
	return false
}

func digitRun(re *syntax.Regexp) bool {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	if re.Op != syntax.OpRepeat || re.Min < 4 {
		return false
	}
	c := re.Sub[0]
	return c.Op == syntax.OpCharClass && len(c.Rune) == 2 && c.Rune[0] == '0' && c.Rune[1] == '9'
}

// TestYearPrefilterLines: the gate agrees with the patterns on lines with
// and without year digits, including digits outside ASCII, which \d does
// not match.
func TestYearPrefilterLines(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		want       bool
	}{
		{"iso day", "2024-09-05", true},
		{"month name", "Sept. 5, 2024", true},
		{"foreign month", "5 de marzo de 2020", true},
		{"short year", "5/9/24", false},
		{"three digits", "on page 202 of 5", false},
		{"split digits", "20 24", false},
		{"fullwidth digits", "２０２４年9月5日", false},
		{"no digits", "The harbour board voted on Monday.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := hasYearDigits(tc.line); got != tc.want {
				t.Errorf("hasYearDigits(%q) = %v, want %v", tc.line, got, tc.want)
			}
			for name, re := range yearGated {
				if re.MatchString(tc.line) && !hasYearDigits(tc.line) {
					t.Errorf("%s matches %q, which the gate skips", name, tc.line)
				}
			}
		})
	}
}

// FuzzYearPrefilterSound: on any line, a match of a gated pattern implies
// the gate lets the line through.
func FuzzYearPrefilterSound(f *testing.F) {
	for _, s := range []string{"2024-09-05", "5.9.2024", "March 4, 2021", "4 March 2021", "5. März 2024", "5/9/24"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, re := range yearGated {
			if re.MatchString(s) && !hasYearDigits(s) {
				t.Errorf("%s matches %q, which the gate skips", name, s)
			}
		}
	})
}

// englishMonthLines are dates in every spelling monthPart allows, in
// several letter cases, with the letters (?i) folds from outside ASCII,
// and lines without a month name.
var englishMonthLines = []string{
	"January 5, 2024", "5 JAN 2024", "feb. 3, 2021", "3rd of February 2021", "MARCH 4, 2021",
	"4 Mar 2021", "Apr 1 2020", "1 april 2020", "May 9, 2019", "9 MAY 2019", "June 2, 2018",
	"2 jun 2018", "July 4, 2017", "4 Jul. 2017", "Aug 8, 2016", "8 AUGUST 2016", "auguſt 8, 2016",
	"Sept. 9, 2015", "9 sep 2015", "9 ſeptember 2015", "9 ſep 2015", "Oct 10, 2014", "10 October 2014",
	"Nov. 11, 2013", "11 nov 2013", "Dec 12, 2012", "12th December 2012", "Posted on 2024-03-05",
	"Der Hafen öffnete am 5. März 2024", "The pier reopened on Monday.",
}

// TestEnglishMonthPrefilterSound checks that hasEnglishMonth passes every
// line the English month-name patterns match.
func TestEnglishMonthPrefilterSound(t *testing.T) {
	monthMatch := func(l string) bool { return mdyRe.MatchString(l) || dmyNameRe.MatchString(l) }
	checkGate(t, "hasEnglishMonth", hasEnglishMonth, monthMatch, englishMonthLines, len(englishMonthLines)-3,
		[]string{"The pier reopened on Monday.", "2024-03-05", "港口于周一重新开放"})
}

// checkGate checks a prefilter against what it guards: gate passes every
// line of lines that match accepts (at least min of them must), and
// rejects every line of none.
func checkGate(t *testing.T, name string, gate, match func(string) bool, lines []string, min int, none []string) {
	t.Helper()
	matched := 0
	for _, l := range lines {
		if match(l) {
			matched++
			if !gate(l) {
				t.Errorf("%s rejects %q, which its pattern matches", name, l)
			}
		}
	}
	if matched < min {
		t.Errorf("only %d test lines match: the lines no longer test %s", matched, name)
	}
	for _, l := range none {
		if gate(l) {
			t.Errorf("%s passes %q", name, l)
		}
	}
}

// FuzzEnglishMonthPrefilter: a match of either month-name pattern implies
// hasEnglishMonth.
func FuzzEnglishMonthPrefilter(f *testing.F) {
	for _, l := range englishMonthLines {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l string) {
		if (mdyRe.MatchString(l) || dmyNameRe.MatchString(l)) && !hasEnglishMonth(l) {
			t.Errorf("hasEnglishMonth rejects %q, which a month-name pattern matches", l)
		}
	})
}

// digitSepLines are numeric dates of every form dmyRe and shortYearRe
// read, and lines they must not need.
var digitSepLines = []string{
	"05.09.2024", "9/5/2024", "9-5-2024", "on 5/9/24 at noon", "05.09.24", "1.2.10", "12/31/99",
	"Posted 3-4-2021", "2024-09-05", "page 2 of 5", "24/7", "the 1990s", "港口 2024年9月5日",
}

// TestDigitSepSound checks that digitSeps lets through every line dmyRe
// and shortYearRe match, with the separators they need.
func TestDigitSepSound(t *testing.T) {
	tests := []struct {
		name string
		re   *regexp.Regexp
		need uint8
	}{
		{"dmyRe", dmyRe, sepDash | sepSlash | sepDot},
		{"shortYearRe", shortYearRe, sepSlash | sepDot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			matched := 0
			for _, l := range digitSepLines {
				if tt.re.MatchString(l) {
					matched++
					if digitSeps(l)&tt.need == 0 {
						t.Errorf("digitSeps(%q) = %b: the prefilter skips a line %s matches", l, digitSeps(l), tt.name)
					}
				}
			}
			if matched < 3 {
				t.Errorf("only %d test lines match %s", matched, tt.name)
			}
		})
	}
	for _, l := range []string{"page 2 of 5", "the 1990s", "2024 - 09 - 05"} {
		if digitSeps(l) != 0 {
			t.Errorf("digitSeps(%q) = %b, want 0", l, digitSeps(l))
		}
	}
}

// FuzzDigitSeps: a match of dmyRe or shortYearRe implies the separators
// digitSeps must report.
func FuzzDigitSeps(f *testing.F) {
	for _, l := range digitSepLines {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l string) {
		if dmyRe.MatchString(l) && digitSeps(l) == 0 || shortYearRe.MatchString(l) && digitSeps(l)&(sepSlash|sepDot) == 0 {
			t.Errorf("digitSeps(%q) = %b skips a numeric date", l, digitSeps(l))
		}
	})
}

// TestDayBeforeWordSound checks that dayBeforeWord lets through every
// line dmyForeignRe matches: each month name of the table in the forms
// the pattern reads, in both letter cases, after the characters that may
// stand before a day, and the table's own examples.
func TestDayBeforeWordSound(t *testing.T) {
	var lines []string
	for _, row := range monthTable {
		lines = append(lines, row.example)
	}
	for name := range foreignMonths {
		for _, n := range []string{name, strings.ToUpper(name)} {
			for _, form := range []string{"5 %s 2024", "05. %s 2024", "4-%s-2021", "1er %s 2020", "1ER %s 2020", "3 de %s de 2020", "7 de %s del 2022", "9º %s 2019", "12  %s, 2021"} {
				l := strings.Replace(form, "%s", n, 1)
				lines = append(lines, l, "("+l+")", "«"+l, "am "+l)
			}
		}
	}
	matched := 0
	for _, l := range lines {
		if dmyForeignRe.MatchString(l) {
			matched++
			if !dayBeforeWord(l) {
				t.Errorf("dayBeforeWord rejects %q, which dmyForeignRe matches", l)
			}
		}
	}
	if matched < len(lines)/2 {
		t.Errorf("only %d of %d test lines match dmyForeignRe", matched, len(lines))
	}
	for _, l := range []string{"In 2024, the harbour reopened.", "2024-09-05", "page 12/2024", "room 101 in 2021"} {
		if dayBeforeWord(l) {
			t.Errorf("dayBeforeWord passes %q, which holds no day before a word", l)
		}
	}
}

// FuzzDayBeforeWord: a match of dmyForeignRe implies dayBeforeWord.
func FuzzDayBeforeWord(f *testing.F) {
	for _, row := range monthTable {
		f.Add(row.example)
	}
	f.Add("le 1er mars 2020")
	f.Fuzz(func(t *testing.T, l string) {
		if dmyForeignRe.MatchString(l) && !dayBeforeWord(l) {
			t.Errorf("dayBeforeWord rejects %q, which dmyForeignRe matches", l)
		}
	})
}

// timeLines are times in the forms timeRe reads, and text after a date
// that holds none.
var timeLines = []string{
	" 08:56", ", 8:56:39", " at 10:30 AM", " um 10:30", " 08时56分", "日 8點30分", "（10：30）", "T08:56:39.5",
	" 12345 views", " by Jane Roe", "，来源：湖畔晚报", " 3点",
}

// TestTimePrefilterSound: mayHoldTime passes every line timeRe matches,
// and skips text without a time mark.
func TestTimePrefilterSound(t *testing.T) {
	checkGate(t, "mayHoldTime", mayHoldTime, timeRe.MatchString, timeLines, 8, []string{" 12345 views", " by Jane Roe", "", " 3 p.m."})
}

// FuzzTimePrefilter: a match of timeRe implies mayHoldTime.
func FuzzTimePrefilter(f *testing.F) {
	for _, l := range timeLines {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, l string) {
		if timeRe.MatchString(l) && !mayHoldTime(l) {
			t.Errorf("mayHoldTime rejects %q, which timeRe matches", l)
		}
	})
}
