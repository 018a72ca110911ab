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

// narrowedNeeds are prefilters made narrower than the ones they
// replaced (ref): the rule must give every line the verdict it gave.
var narrowedNeeds = map[string]struct {
	rule      *Rule
	need, ref func(string) bool
}{
	// Any line with "link" passed.
	"affiliate": {AffiliateNote, affiliateNeed, func(s string) bool {
		return FoldContains(s, "affiliate") || FoldContains(s, "commi") || FoldContains(s, "compens") || FoldContains(s, "link") || FoldContains(s, "subject to change")
	}},
	// Any line with "at", "twitter" or "via" passed.
	"contact": {ContactLine, contactNeed, func(s string) bool {
		return FoldContains(s, "at") || FoldContains(s, "twitter") || FoldContains(s, "via")
	}},
	// Any line with a digit passed.
	"stamp": {Stamp, stampNeed, func(s string) bool { return strings.ContainsAny(s, "0123456789") }},
	// firstWordIn alone passed lines whose first word is empty.
	"euro": {EuroLine, EuroLine.Need, func(s string) bool { return firstWordIn(s, euroFirst) }},
}

// TestNarrowedNeeds: each narrower prefilter turns away the lines it is
// for (need false) and leaves the rule's verdict (want) as it was.
func TestNarrowedNeeds(t *testing.T) {
	for _, tc := range []struct {
		need, name, s string
		pass, want    bool
	}{
		{"affiliate", "buy through links", "When you buy through the links on our site, we may earn a commission.", true, true},
		{"affiliate", "click through links, no commission", "When you click on a product and shop via our links, thanks!", true, true},
		{"affiliate", "buying through links", "Buying through our links supports the newsroom.", true, true},
		{"affiliate", "affiliate disclosure", "This post may contain affiliate links.", true, true},
		{"affiliate", "a link in prose", "Follow the link below to read the harbour board's report in full.", false, false},
		{"affiliate", "links and when you apart", "When you are done, check the LINKS page.", true, false},
		{"affiliate", "kelvin sign link is left as it was", "When you buy through our lin\u212as", false, false},
		{"affiliate", "committed", "The board is committed to the harbour.", false, false},
		{"affiliate", "commission with a long s", "Harbour News may earn a commiſſion", true, true},
		{"affiliate", "commission", "We may earn a commission on sales.", true, true},
		{"contact", "write to", "Write to Jane Roe at jane@example.com", true, true},
		{"contact", "reached", "Jane Roe can be reached at jane@example.com", true, true},
		{"contact", "e-mail", "E-mail the harbour desk at desk@example.com", true, true},
		{"contact", "prose with at", "The pier that closed at noon will open again.", false, false},
		{"contact", "contact via", "Contact the harbour desk via the form below", true, true},
		{"contact", "contact inside a sentence", "The board will contact the ferry company at once.", true, false},
		{"stamp", "iso date", "2024-09-05", true, true},
		{"stamp", "clock time", "Updated 8:56", true, true},
		{"stamp", "day month year", "5.9.24", true, true},
		{"stamp", "month name and year", "March 4, 2021", true, true},
		{"stamp", "han month", "9月5日", true, true},
		{"stamp", "a count", "5 comments", false, false},
		{"stamp", "top ten", "Top 10 harbour walks", false, false},
		{"stamp", "a price", "$0.99 a month", true, false},
		{"stamp", "digit then a cut han month", "9\xe6\x9c\x88", false, false},
		{"euro", "print button", "Artikel drucken", true, true},
		{"euro", "after a star and a bracket", "*(Werbung", true, true},
		{"euro", "spanish question mark", "¿Imprimir?", true, false},
		{"euro", "e acute", "Étiquettes : port, ferry", true, true},
		{"euro", "kelvin sign for k", "\u212aategorie: Hafen", true, true},
		{"euro", "long s", "ſie sind nicht eingeloggt", true, true},
		{"euro", "quoted sentence", "“The pier is closed,” she said.", false, false},
		{"euro", "a figure", "4 Month of music for $0.99", false, false},
		{"euro", "a dash", "— The harbour board (@board) 9 October 2018", false, false},
		{"euro", "cyrillic", "Аккаунт: @harbour", false, false},
		{"euro", "only openers", " *([", false, false},
	} {
		t.Run(tc.need+" "+tc.name, func(t *testing.T) {
			n := narrowedNeeds[tc.need]
			if got := n.need(tc.s); got != tc.pass {
				t.Errorf("need(%q) = %v, want %v", tc.s, got, tc.pass)
			}
			re := n.rule.Re.MatchString(tc.s)
			got, ref := n.need(tc.s) && re, n.ref(tc.s) && re
			if got != ref || got != tc.want {
				t.Errorf("%s(%q) = %v, with the old prefilter %v, want %v", n.rule.Name, tc.s, got, ref, tc.want)
			}
		})
	}
}

// FuzzNarrowedNeeds: on any line, each rule's verdict is the one it gave
// with the prefilter it had.
func FuzzNarrowedNeeds(f *testing.F) {
	for _, s := range []string{"When you buy through our links", "Follow the link", "2024-09-05", "5 comments", "9月5", "$0.99",
		"Write to Jane at", "commiſſion", "Artikel drucken", "“The pier", "¿Imprimir?", "\u212aategorie: x", "Étiquettes : a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, n := range narrowedNeeds {
			re := n.rule.Re.MatchString(s)
			if got, want := n.need(s) && re, n.ref(s) && re; got != want {
				t.Errorf("%s(%q) = %v, with the old prefilter %v", n.rule.Name, s, got, want)
			}
		}
	})
}

// formStatusNeedRef is the prefilter formStatusWords replaces.
func formStatusNeedRef(s string) bool {
	return FoldContains(s, "form") || FoldContains(s, "success") || FoldContains(s, "error")
}

func TestFormStatusNeed(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		want    bool
	}{
		{"webflow done", "w-form-done", true},
		{"capitals", "FORM_FAIL", true},
		{"error message", "error-message", true},
		{"word at the end", "x-Success", true},
		{"cut word", "x-succes", false},
		{"long s is not folded", "ſuccess-msg", false},
		{"layout", "col-md-8 main", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ref := formStatusWords.In(tc.s), formStatusNeedRef(tc.s)
			if got != ref || got != tc.want {
				t.Errorf("In(%q) = %v, a FoldContains per word %v, want %v", tc.s, got, ref, tc.want)
			}
		})
	}
}

// FuzzFormStatusNeed: the one pass is a FoldContains per word.
func FuzzFormStatusNeed(f *testing.F) {
	for _, s := range []string{"w-form-done", "FORM_FAIL", "error_msg", "x-succes", "ſuccess"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := formStatusWords.In(s), formStatusNeedRef(s); got != want {
			t.Errorf("In(%q) = %v, a FoldContains per word %v", s, got, want)
		}
	})
}
