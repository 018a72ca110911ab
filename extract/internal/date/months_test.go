package date

import (
	"strings"
	"testing"
	"time"
)

// Every row of the month table reads its own examples.
func TestMonthTableExamples(t *testing.T) {
	for _, row := range monthTable {
		for _, ex := range strings.Split(row.example, ", ") {
			t.Run(row.lang+"/"+ex, func(t *testing.T) {
				if _, _, ok := Find(ex, Context{DayFirst: true}); !ok {
					t.Errorf("Find(%q) reads no date", ex)
				}
			})
		}
	}
}

func TestFindForeignAndShortForms(t *testing.T) {
	fetched := time.Date(2024, 9, 10, 12, 0, 0, 0, time.UTC)
	us := Context{Now: fetched}
	eu := Context{DayFirst: true, Now: fetched}
	tests := []struct {
		name, in string
		ctx      Context
		want     string
	}{
		{"german month name", "Veröffentlicht am 31. Mai 2019", eu, "2019-05-31"},
		{"german umlaut", "3. März 2020", eu, "2020-03-03"},
		{"german month shared with english", "3. April 2020", eu, "2020-04-03"},
		{"german abbreviation", "1. Okt. 2021 um 10:30", eu, "2021-10-01T10:30:00"},
		{"french first of month", "mis à jour le 1er mars 2020", eu, "2020-03-01"},
		{"french", "le 3 février 2021", eu, "2021-02-03"},
		{"spanish", "3 de marzo de 2020", eu, "2020-03-03"},
		{"portuguese", "3 de março de 2020", eu, "2020-03-03"},
		{"italian", "3 marzo 2020", eu, "2020-03-03"},
		{"dutch", "3 maart 2020", eu, "2020-03-03"},
		{"polish genitive", "3 października 2021", eu, "2021-10-03"},
		{"czech genitive", "3. března 2020", eu, "2020-03-03"},
		{"swedish", "3 augusti 2020", eu, "2020-08-03"},
		{"norwegian", "3. desember 2020", eu, "2020-12-03"},
		{"finnish", "3. maaliskuuta 2020", eu, "2020-03-03"},
		{"russian", "3 марта 2020 г.", eu, "2020-03-03"},
		{"sept abbreviation", "Sept. 5, 2024", us, "2024-09-05"},
		{"two-digit year month first", "Posted 9/5/24", us, "2024-09-05"},
		{"two-digit year day first", "Posted 9/5/24", eu, "2024-05-09"},
		{"two-digit year unambiguous", "25/8/24", us, "2024-08-25"},
		{"dotted two-digit year", "31.05.19 10:30", eu, "2019-05-31T10:30:00"},
		{"two-digit year of the last century", "12/24/98", us, "1998-12-24"},
		{"dotted is day first in any language", "10.12.2022, 07:00", us, "2022-12-10T07:00:00"},
		{"version number is no date", "release 1.2.10", eu, ""},
		{"range is no date", "pages 1-4", us, ""},
		{"around the clock is no date", "open 24/7", us, ""},
		{"score is no date", "won 3-1 at home", us, ""},
		{"time is no date", "at 10:30", us, ""},
		{"fraction run is no date", "1/2/345", us, ""},
		{"future date is skipped", "Event on 5 March 2031", us, ""},
		{"a day ahead is zone slack", "September 11, 2024", us, "2024-09-11"},
		{"future skipped for the next one", "Next: 5 March 2031 · Posted 2024-09-01", us, "2024-09-01"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, _, ok := Find(tc.in, tc.ctx)
			got := ""
			if ok {
				got = d.String()
			}
			if got != tc.want {
				t.Errorf("Find(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestContextValue(t *testing.T) {
	c := Context{Now: time.Date(2024, 9, 10, 12, 0, 0, 0, time.UTC)}
	tests := []struct{ name, in, want string }{
		{"past", "2024-09-05T08:00:00Z", "2024-09-05T08:00:00Z"},
		{"within a day of zone slack", "2024-09-11T08:00:00+08:00", "2024-09-11T08:00:00+08:00"},
		{"future", "2024-09-12T08:00:00Z", ""},
		{"future day", "2030-01-01", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := c.Value(tc.in)
			got := ""
			if ok {
				got = d.String()
			}
			if got != tc.want {
				t.Errorf("Value(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	if _, ok := (Context{}).Value("2090-01-01"); !ok {
		t.Error("a zero Now must set no limit")
	}
}

func TestURLDayFirst(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"dashes", "https://example.org/news/29-10-2021", "2021-10-29"},
		{"dots", "https://example.org/29.10.2021/story", "2021-10-29"},
		{"not a day", "https://example.org/news/35-10-2021", ""},
		{"an id", "https://example.org/news/1229-10-2021", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := URLDayFirst(tc.in)
			got := ""
			if ok {
				got = d.String()
			}
			if got != tc.want {
				t.Errorf("URLDayFirst(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
