package meta

import (
	"testing"

	"newsarchive/extract/internal/boilerplate"
)

// The word lists the label readers ask through a boilerplate.Scan.
var wordScans = []struct {
	name  string
	words []string
	set   *boilerplate.Scan
}{
	{"posted", zhPostedWords, zhPostedSet},
	{"views", zhViewsWords, zhViewsSet},
	{"reporter", zhReportWords, zhReportSet},
	{"editor", zhEditorWords, zhEditorSet},
}

// TestWordScans: a Scan finds what containsAnyWord finds, no more.
func TestWordScans(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		want    map[string]bool // lists that must match; the rest must not
	}{
		{"reporter credit", "本报记者 林晓舟 报道", map[string]bool{"reporter": true}},
		{"traditional reporter", "本報記者 林曉舟", map[string]bool{"reporter": true}},
		{"intern", "（实习生 周明远）", map[string]bool{"reporter": true}},
		{"posted line", "林晓舟 发表于 2024-09-05", map[string]bool{"posted": true}},
		{"posted in english", "posted by harbour_fan", map[string]bool{"posted": true}},
		{"views and editor", "阅读：1024 责任编辑：周明远", map[string]bool{"views": true, "editor": true}},
		{"word at the very end", "湖畔晚报人气", map[string]bool{"views": true}},
		{"first character only", "记住这一天，编", nil},
		{"same lead bytes, other characters", "计划访客浏", nil},
		{"cut character", "记\xe8\x80", nil},
		{"word split by invalid byte", "记\xff者", nil},
		{"latin text", "The harbour board met on Monday.", nil},
		{"empty", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, l := range wordScans {
				got, ref := l.set.In(tc.s), containsAnyWord(tc.s, l.words)
				if got != ref || got != tc.want[l.name] {
					t.Errorf("%s.in(%q) = %v, containsAnyWord %v, want %v", l.name, tc.s, got, ref, tc.want[l.name])
				}
			}
		})
	}
}

// FuzzWordScans: each Scan is containsAnyWord of its list on any string.
func FuzzWordScans(f *testing.F) {
	for _, s := range []string{"本报记者 林晓舟", "阅读：1024 责任编辑", "发表于", "posted", "记\xe8\x80", "訪問人氣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range wordScans {
			if got, want := l.set.In(s), containsAnyWord(s, l.words); got != want {
				t.Errorf("%s.in(%q) = %v, containsAnyWord %v", l.name, s, got, want)
			}
		}
	})
}
