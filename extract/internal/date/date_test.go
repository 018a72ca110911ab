package date

import (
	"testing"
	"time"
)

func TestParseDateValue(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"rfc3339 offset", "2024-09-05T08:56:39+08:00", "2024-09-05T08:56:39+08:00"},
		{"utc Z kept as Z", "2024-09-05T08:56:39Z", "2024-09-05T08:56:39Z"},
		{"fraction dropped", "2024-09-05T08:56:39.123-04:00", "2024-09-05T08:56:39-04:00"},
		{"offset without colon", "2024-09-05T08:56:39+0800", "2024-09-05T08:56:39+08:00"},
		{"wall time stays wall time", "2024-09-05 08:56:39", "2024-09-05T08:56:39"},
		{"minutes only", "2024-09-05T08:56", "2024-09-05T08:56:00"},
		{"date only", "2024-09-05", "2024-09-05"},
		{"compact", "20240905", "2024-09-05"},
		{"rfc1123 GMT", "Thu, 05 Sep 2024 08:56:39 GMT", "2024-09-05T08:56:39Z"},
		{"english long", "September 5, 2024", "2024-09-05"},
		{"chinese with time", "2024年09月05日 08:56:39", "2024-09-05T08:56:39"},
		{"impossible day", "2024-02-30", ""},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := ParseValue(tc.in)
			got := ""
			if ok {
				got = d.String()
			}
			if got != tc.want {
				t.Errorf("ParseValue(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFindDate(t *testing.T) {
	tests := []struct {
		name, in string
		ctx      Context
		want     string
	}{
		{"chinese label line", "发布时间：2024年09月05日 08:56:39 来源：化工网", Context{}, "2024-09-05T08:56:39"},
		{"chinese no padding", "2024年9月5日", Context{}, "2024-09-05"},
		{"dashes short time", "2024-9-5 8:56", Context{}, "2024-09-05T08:56:00"},
		{"slashes", "2024/09/05", Context{}, "2024-09-05"},
		{"dots", "2024.09.05", Context{}, "2024-09-05"},
		{"chinese time units", "2024年9月5日 8时56分", Context{}, "2024-09-05T08:56:00"},
		{"month day with context year", "09-05 08:56", Context{Year: 2024}, "2024-09-05T08:56:00"},
		{"month day without year is no date", "09-05 08:56", Context{}, ""},
		{"day month year", "5 Sep 2024", Context{}, "2024-09-05"},
		{"ordinal", "Posted on September 5th, 2024", Context{}, "2024-09-05"},
		{"abbrev with pm and stated zone", "Sep. 5, 2024 10:30 PM EDT", Context{}, "2024-09-05T22:30:00-04:00"},
		{"region zone takes that day's offset", "Jan. 5, 2024 10:30 AM ET", Context{}, "2024-01-05T10:30:00-05:00"},
		{"region zone in summer", "Jul. 5, 2024 10:30 AM ET", Context{}, "2024-07-05T10:30:00-04:00"},
		{"beijing time prefix", "北京时间2024年9月5日 08:56", Context{}, "2024-09-05T08:56:00+08:00"},
		{"american numeric", "9/5/2024", Context{}, "2024-09-05"},
		{"day first numeric", "05/09/2024 - 13:48", Context{DayFirst: true}, "2024-09-05T13:48:00"},
		{"unambiguous day first", "25/09/2024", Context{}, "2024-09-25"},
		{"part of a longer number", "ID 120240905123", Context{}, ""},
		{"french", "Publié le 5 septembre 2024 à 08:56", Context{}, "2024-09-05T08:56:00"},
		{"german", "5. März 2024, 10:30 Uhr", Context{}, "2024-03-05T10:30:00"},
		{"spanish", "4 de agosto de 2021", Context{}, "2021-08-04"},
		{"spanish with del before the year", "sábado 7 de mayo del 2022", Context{}, "2022-05-07"},
		{"del before a word is no year", "7 de mayo del equipo 2022", Context{}, ""},
		{"abbreviated with dashes", "By: Someone on 04-ago-2021 5:11:10", Context{}, "2021-08-04T05:11:10"},
		{"ambiguous zone is not stated", "Sep 5, 2024 10:30 CST", Context{}, "2024-09-05T10:30:00"},
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

func TestInZone(t *testing.T) {
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	tests := []struct {
		name string
		in   Date
		want string
	}{
		{"wall time gets the site's offset", Date{Y: 2024, Mo: 9, D: 5, H: 8, Mi: 56, S: 39, HasTime: true}, "2024-09-05T08:56:39+08:00"},
		{"stated zone is never replaced", Date{Y: 2024, Mo: 9, D: 5, H: 8, HasTime: true, HasZone: true, Z: true}, "2024-09-05T08:00:00Z"},
		{"a day has no offset", Date{Y: 2024, Mo: 9, D: 5}, "2024-09-05"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.InZone(sh).String(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDateFromURL(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"slashes", "https://example.com/news/2024/09/05/some-story.html", "2024-09-05"},
		{"compact", "http://example.cn/a/20240905/123456.shtml", "2024-09-05"},
		{"dashes", "https://example.com/2024-09-05-story", "2024-09-05"},
		{"no date", "https://example.com/news/12345", ""},
		{"query ignored", "https://example.com/a?d=2024/09/05/", ""},
		{"month name", "https://example.com/blog/2023/October/03/wine-types/", "2023-10-03"},
		{"short month name", "https://example.com/2023/sep/3/x", "2023-09-03"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := FromURL(tc.in)
			got := ""
			if ok {
				got = d.String()
			}
			if got != tc.want {
				t.Errorf("FromURL(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzFindDate: the date readers never panic, and whatever they return is a
// Valid date that formats as ISO 8601 and reads back the same.
func FuzzFindDate(f *testing.F) {
	for _, s := range []string{"2024年09月05日 08:56:39", "Sep. 5, 2024 10:30 AM ET", "09-05 08:56", "2024-09-05T08:56:39+08:00", "05/09/2024", "北京时间2024年9月5日 8:56", "9999-99-99T99:99:99+99:99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range []Context{{}, {Year: 2024, DayFirst: true}} {
			if d, _, end, ok := FindSpan(s, c); ok {
				if !d.Valid() || end > len(s) {
					t.Fatalf("Find(%q) = invalid %+v (end %d)", s, d, end)
				}
				back, ok := ParseValue(d.String())
				if !ok || back.String() != d.String() {
					t.Fatalf("%q: %q does not read back (%q)", s, d.String(), back.String())
				}
			}
		}
		if d, ok := ParseValue(s); ok && !d.Valid() {
			t.Fatalf("ParseValue(%q) = invalid %+v", s, d)
		}
	})
}

func TestPathDay(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"slashes", "https://news.example/2020/04/26/harbour-reopens/", "2020-04-26"},
		{"unpadded", "https://blog.example/home/2017/7/12/a-walk", "2017-07-12"},
		{"dashes", "https://blog.example/2016-04-15/ferries", "2016-04-15"},
		{"compact is no path day", "http://example.cn/a/20240905/123456.shtml", ""},
		{"month only", "https://news.example/2020/04/harbour", ""},
		{"impossible day", "https://news.example/2021/02/30/x", ""},
		{"query ignored", "https://news.example/story?d=/2020/04/26/", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := PathDay(tc.in)
			got := ""
			if ok {
				got = d.String()
			}
			if got != tc.want {
				t.Errorf("PathDay(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
