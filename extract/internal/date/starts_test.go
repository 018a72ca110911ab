package date

import (
	"regexp"
	"slices"
	"testing"
)

// startPatterns are the patterns FindSpan runs through leftmostBefore.
var startPatterns = map[string]*regexp.Regexp{
	"ymdRe": ymdRe, "dmyRe": dmyRe, "shortYearRe": shortYearRe, "mdyRe": mdyRe,
	"dmyNameRe": dmyNameRe, "dmyForeignRe": dmyForeignRe, "mdRe": mdRe,
}

// plainBefore is what leftmostBefore replaces: the unanchored search,
// dropped when its match starts at or after limit.
func plainBefore(re *regexp.Regexp, s string, limit int) []int {
	m := re.FindStringSubmatchIndex(s)
	if m != nil && m[0] >= limit {
		return nil
	}
	return m
}

func TestLeftmostBefore(t *testing.T) {
	tests := []struct {
		name, re, line string
		limit          int
		start          int // where the match starts; -1: none
	}{
		{"ymd after words", "ymdRe", "Harbour news from the coast 2024-09-05 812 views", noLimit, 28},
		{"ymd not inside a longer number", "ymdRe", "id 120240905 and 2024/9/5", noLimit, 17},
		{"ymd han", "ymdRe", "发布时间：2024年9月5日 08:56", noLimit, 15},
		{"ymd none", "ymdRe", "page 2024 of 3000", noLimit, -1},
		{"ymd spaced han", "ymdRe", "2024 年 9 月 5 日", noLimit, 0},
		{"ymd spaced separators", "ymdRe", "on 2024 - 9 -05", noLimit, 3},
		{"ymd three day digits", "ymdRe", "2024.1.123", noLimit, 0},
		{"ymd no day", "ymdRe", "2024年9月", noLimit, -1},
		{"ymd vertical tab is no space", "ymdRe", "2024\v-09-05", noLimit, -1},
		{"ymd mixed separators", "ymdRe", "2024/09.05", noLimit, 0},
		{"dmy second run", "dmyRe", "1.2 then 05.09.2024", noLimit, 9},
		{"dmy one digit", "dmyRe", "on 5/9/2024", noLimit, 3},
		{"dmy after limit", "dmyRe", "2024-09-05 or 05.09.2024", 11, -1},
		{"dmy before limit", "dmyRe", "05.09.2024 or 2024-09-05", 14, 0},
		{"short slash", "shortYearRe", "posted 9/5/24", noLimit, 7},
		{"short dots", "shortYearRe", "version 1.2.10 on 05.09.24", noLimit, 18},
		{"mdy", "mdyRe", "Posted Sept. 5, 2024 at 10:30", noLimit, 7},
		{"mdy needs a word start", "mdyRe", "xmar 5, 2024 and Mar 6, 2024", noLimit, 17},
		{"mdy long s needs a word before", "mdyRe", "on ſep 5, 2024", noLimit, -1},
		{"mdy long s", "mdyRe", "onſep 5, 2024", noLimit, 2},
		{"mdy long s limited", "mdyRe", "onſep 5, 2024", 2, -1},
		{"mdy upper", "mdyRe", "DECEMBER 12, 2012", noLimit, 0},
		{"dmy name", "dmyNameRe", "on the 3rd of February 2021", noLimit, 7},
		{"dmy name after a digit", "dmyNameRe", "x15 May 2020; 16 May 2020", noLimit, 14},
		{"dmy name limit", "dmyNameRe", "2020-05-01 16 May 2020", 10, -1},
		{"foreign at start", "dmyForeignRe", "5 septembre 2024", noLimit, 0},
		{"foreign after space", "dmyForeignRe", "Paris, le 5 septembre 2024", noLimit, 9},
		{"foreign after a han letter", "dmyForeignRe", "于5 de marzo de 2020", noLimit, -1},
		{"foreign after a bracket", "dmyForeignRe", "（5 de marzo de 2020）", noLimit, 0},
		{"foreign after a letter", "dmyForeignRe", "x5 de marzo de 2020", noLimit, -1},
		{"foreign after a digit", "dmyForeignRe", "x12 de marzo de 2020", noLimit, -1},
		{"foreign invalid byte", "dmyForeignRe", "\xe4\xb85. März 2024", noLimit, 1},
		{"md with han", "mdRe", "更新于9月5日 08:56", noLimit, 9},
		{"md with dash", "mdRe", "score 3 and 09-05 08:56", noLimit, 12},
		{"md none", "mdRe", "no dates here", noLimit, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			re := startPatterns[tc.re]
			got, want := leftmostBefore(re, tc.line, tc.limit), plainBefore(re, tc.line, tc.limit)
			if !slices.Equal(got, want) {
				t.Fatalf("leftmostBefore(%s, %q, %d) = %v, the plain search %v", tc.re, tc.line, tc.limit, got, want)
			}
			start := -1
			if got != nil {
				start = got[0]
			}
			if start != tc.start {
				t.Errorf("%s on %q starts at %d, want %d", tc.re, tc.line, start, tc.start)
			}
		})
	}
}

// FuzzLeftmostBefore: on any line and limit, every pattern's fast search
// gives what the plain search gives.
func FuzzLeftmostBefore(f *testing.F) {
	for _, s := range []string{"2024-09-05", "5.9.2024 08:56", "March 4, 2021", "4th of March 2021", "5. März 2024", "5/9/24", "9月5日", "于5 de marzo de 2020", "on ſep 5, 2024", "x12 de mayo del 2022"} {
		f.Add(s, 100)
	}
	f.Fuzz(func(t *testing.T, s string, limit int) {
		for _, lim := range []int{noLimit, limit} {
			for name, re := range startPatterns {
				if got, want := leftmostBefore(re, s, lim), plainBefore(re, s, lim); !slices.Equal(got, want) {
					t.Fatalf("leftmostBefore(%s, %q, %d) = %v, the plain search %v", name, s, lim, got, want)
				}
			}
		}
	})
}
