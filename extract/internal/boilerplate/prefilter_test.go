package boilerplate

import (
	"strings"
	"testing"
)

// TestPrefiltersSound checks that each prefiltered row's cheap test lets
// through every line its regexp matches, including the letters that (?i)
// folds from outside ASCII (ſ for s, K for k). Every rule with a Need is
// covered: the list comes from Rows.
func TestPrefiltersSound(t *testing.T) {
	for _, r := range Rows {
		if r.Need == nil {
			continue
		}
		matched := 0
		for _, l := range append(soundLines, r.Example) {
			if r.Re.MatchString(l) {
				matched++
				if !r.Need(l) {
					t.Errorf("%s: prefilter rejects %q, which the regexp matches", r.Name, l)
				}
			}
		}
		if matched == 0 {
			t.Errorf("%s: no test line matches it, so its prefilter is untested", r.Name)
		}
	}
}

// FuzzPrefiltersSound: on any line, a regexp match implies the prefilter
// lets the line through.
func FuzzPrefiltersSound(f *testing.F) {
	for _, l := range soundLines {
		f.Add(l)
	}
	for _, r := range Rows {
		f.Add(r.Example)
	}
	f.Fuzz(func(t *testing.T, l string) {
		for _, r := range Rows {
			if r.Need != nil && r.Re.MatchString(l) && !r.Need(l) {
				t.Errorf("%s: prefilter rejects %q, which the regexp matches", r.Name, l)
			}
		}
	})
}

// soundLines hold lines the patterns match (invented), the letters (?i)
// folds from outside ASCII, and prose none matches.
var soundLines = []string{
	"Advert", "  Image 2 of 5", "Sharing is caring!", "Follow The Herald on Facebook",
	"Subscribe to our weekly newsletter", "This website uses cookies to count visitors.",
	"Write to Jane Roe at jane@example.com", "Join our newsletter", "Become a Member",
	"This post may contain affiliate links.", "Harbour News may earn an affiliate commission",
	"Updated at 1:23 p.m.", "Posted 6 hours ago", "Photo by Jane Roe", "Getty Images / Jane Roe",
	"5 min read", "Reading time: 3 minutes", "The pier. (credit: Jane Roe)", "Related post: Harbour",
	"If you enjoyed this article, join", "Tags: harbour", "Written by Jane", "View all posts by Jane",
	"Oops! Something went wrong while submitting the form.", "Also on example.com Harbour",
	"ſubscribe to our weekly newsletter", "Poſted 6 hours ago", "Than\u212a you! Your submission has been received!", "This website uses coo\u212aies to count visitors.",
	"form-success", "error_msg", "FORM_FAIL", "来源：湖畔日报", "【作者：林晓舟】", "責任編輯：許青禾",
	"湖ICP备12345678号", "公网安备 330000号", "增值电信业务经营许可证", "免责声明：", "重要公告",
	"上一篇：湖畔码头", "第 2 页 / 共 5 页", "« Previous   Next »", "湖畔码头 林晓舟 摄", "（林晓舟/攝）",
	"版权所有 湖畔日报", "未经许可不得转载", "本文仅代表作者本人观点", "不代表本网立场", "【打印】【关闭】",
	"扫一扫分享到微信", "字号：大 中 小", "www.example.com", "https://news.example/a/1", "WWW.EXAMPLE.COM",
	"\u212aab.example.org", "ſite.example.net", "2024-09-05", "5/9/2024", "08:56", "3月4日", "4 March 2021",
	"March 4, 2021", "The harbour board voted on Monday to close the old pier.",
	"通讯员 林晓舟", "特約撰稿 許青禾", "實習生 王若溪", "新华社記者 林晓舟", "相關資料下載：", "  相关附件 ", "【 湖畔 】",
	"湖畔在線：HTTPS://NEWS.EXAMPLE.CN/", "湖畔频道 example.com",
}

// affiliateNeedRef is the test affiliateNeed replaces: any line with
// "link" passed.
func affiliateNeedRef(s string) bool {
	return FoldContains(s, "affiliate") || FoldContains(s, "commi") || FoldContains(s, "compens") || FoldContains(s, "link") || FoldContains(s, "subject to change")
}

// TestAffiliateNeed: the narrower test gives AffiliateNote the same
// verdict as the one it replaces, and turns away lines that only name a
// link.
func TestAffiliateNeed(t *testing.T) {
	for _, tc := range []struct {
		name, s    string
		need, want bool
	}{
		{"buy through links", "When you buy through the links on our site, we may earn a commission.", true, true},
		{"click through links, no commission", "When you click on a product and shop via our links, thanks!", true, true},
		{"buying through links", "Buying through our links supports the newsroom.", true, true},
		{"affiliate disclosure", "This post may contain affiliate links.", true, true},
		{"a link in prose", "Follow the link below to read the harbour board's report in full.", false, false},
		{"links and when you apart", "When you are done, check the LINKS page.", true, false},
		{"kelvin sign link is left as it was", "When you buy through our lin\u212as", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := affiliateNeed(tc.s); got != tc.need {
				t.Errorf("affiliateNeed(%q) = %v, want %v", tc.s, got, tc.need)
			}
			got, ref := affiliateNeed(tc.s) && AffiliateNote.Re.MatchString(tc.s), affiliateNeedRef(tc.s) && AffiliateNote.Re.MatchString(tc.s)
			if got != ref || got != tc.want {
				t.Errorf("AffiliateNote(%q) = %v, with the old test %v, want %v", tc.s, got, ref, tc.want)
			}
		})
	}
}

// FuzzAffiliateNeed: AffiliateNote gives every line the verdict it gave
// with the test affiliateNeed replaces.
func FuzzAffiliateNeed(f *testing.F) {
	for _, s := range []string{"When you buy through our links, we earn", "Follow the link", "Buying through our links supports us", "affiliate"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		re := AffiliateNote.Re.MatchString(s)
		if got, want := affiliateNeed(s) && re, affiliateNeedRef(s) && re; got != want {
			t.Errorf("AffiliateNote(%q) = %v, with the old test %v", s, got, want)
		}
	})
}

// TestStampNeed: Stamp gives each line the verdict it gave with "holds a
// digit" as its prefilter, and the lines with a count only skip the
// pattern.
func TestStampNeed(t *testing.T) {
	for _, tc := range []struct {
		name, s    string
		need, want bool
	}{
		{"iso date", "2024-09-05", true, true},
		{"clock time", "Updated 8:56", true, true},
		{"day month year", "5.9.24", true, true},
		{"month name and year", "March 4, 2021", true, true},
		{"han month", "9月5日", true, true},
		{"a count", "5 comments", false, false},
		{"top ten", "Top 10 harbour walks", false, false},
		{"a price", "$0.99 a month", true, false},
		{"digit then a cut han month", "9\xe6\x9c\x88", false, false},
		{"no digit", "Harbour news", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := stampNeed(tc.s); got != tc.need {
				t.Errorf("stampNeed(%q) = %v, want %v", tc.s, got, tc.need)
			}
			re := Stamp.Re.MatchString(tc.s)
			got, ref := stampNeed(tc.s) && re, strings.ContainsAny(tc.s, "0123456789") && re
			if got != ref || got != tc.want {
				t.Errorf("Stamp(%q) = %v, with the digit test %v, want %v", tc.s, got, ref, tc.want)
			}
		})
	}
}

// FuzzStampNeed: Stamp's verdict is the one it gave with the digit test.
func FuzzStampNeed(f *testing.F) {
	for _, s := range []string{"2024-09-05", "5 comments", "9月5", "4 March 2021", "$0.99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		re := Stamp.Re.MatchString(s)
		if got, want := stampNeed(s) && re, strings.ContainsAny(s, "0123456789") && re; got != want {
			t.Errorf("Stamp(%q) = %v, with the digit test %v", s, got, want)
		}
	})
}

// TestEuroOpens: EuroLine gives each line the verdict it gave with
// firstWordIn alone, and the lines that open with a quote, a figure or a
// dash skip the pattern.
func TestEuroOpens(t *testing.T) {
	for _, tc := range []struct {
		name, s     string
		opens, want bool
	}{
		{"print button", "Artikel drucken", true, true},
		{"after a star and a bracket", "*(Werbung", true, true},
		{"spanish question mark", "¿Imprimir?", true, false},
		{"e acute", "Étiquettes : port, ferry", true, true},
		{"kelvin sign for k", "\u212aategorie: Hafen", true, true},
		{"long s", "ſie sind nicht eingeloggt", true, true},
		{"quoted sentence", "“The pier is closed,” she said.", false, false},
		{"a figure", "4 Month of music for $0.99", false, false},
		{"a dash", "— The harbour board (@board) 9 October 2018", false, false},
		{"cyrillic", "Аккаунт: @harbour", false, false},
		{"only openers", " *([", false, false},
		{"empty", "", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := euroOpens(tc.s); got != tc.opens {
				t.Errorf("euroOpens(%q) = %v, want %v", tc.s, got, tc.opens)
			}
			re := EuroLine.Re.MatchString(tc.s)
			got, ref := EuroLine.Need(tc.s) && re, firstWordIn(tc.s, euroFirst) && re
			if got != ref || got != tc.want {
				t.Errorf("EuroLine(%q) = %v, with firstWordIn alone %v, want %v", tc.s, got, ref, tc.want)
			}
		})
	}
}

// FuzzEuroOpens: EuroLine's verdict is the one it gave with firstWordIn
// alone.
func FuzzEuroOpens(f *testing.F) {
	for _, s := range []string{"Artikel drucken", "“The pier", "¿Imprimir?", "\u212aategorie: x", "4 Month", "Étiquettes : a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		re := EuroLine.Re.MatchString(s)
		if got, want := EuroLine.Need(s) && re, firstWordIn(s, euroFirst) && re; got != want {
			t.Errorf("EuroLine(%q) = %v, with firstWordIn alone %v", s, got, want)
		}
	})
}
