package extract

import (
	"testing"

	"newsarchive/extract/internal/date"
)

// TestPrefiltersSound checks that each boilerplate pattern's prefilter
// lets through every line its regexp matches, including the letters that
// (?i) folds from outside ASCII (ſ for s, K for k).
func TestPrefiltersSound(t *testing.T) {
	for name, p := range prefilteredPatterns() {
		matched := 0
		for _, l := range prefilterLines {
			if p.re.MatchString(l) {
				matched++
				if !p.need(l) {
					t.Errorf("%s: prefilter rejects %q, which the regexp matches", name, l)
				}
			}
		}
		if matched == 0 {
			t.Errorf("%s: no test line matches it, so its prefilter is untested", name)
		}
	}
}

// FuzzPrefiltersSound: on any line, a regexp match implies the prefilter
// lets the line through.
func FuzzPrefiltersSound(f *testing.F) {
	for _, l := range prefilterLines {
		f.Add(l)
	}
	pats := prefilteredPatterns()
	f.Fuzz(func(t *testing.T, l string) {
		for name, p := range pats {
			if p.re.MatchString(l) && !p.need(l) {
				t.Errorf("%s: prefilter rejects %q, which the regexp matches", name, l)
			}
		}
		checkHints(t, l)
	})
}

// prefilteredPatterns is every pattern built with prefiltered.
func prefilteredPatterns() map[string]*prefilteredRegexp {
	return map[string]*prefilteredRegexp{
		"stockLine": stockLine, "cookieLine": cookieLine, "subscribeLine": subscribeLine,
		"contactLine": contactLine, "joinPlea": joinPlea, "affiliateNote": affiliateNote,
		"updatedStamp": updatedStamp, "imageCredit": imageCredit, "readingTime": readingTime,
		"creditedCaption": creditedCaption, "relatedPrefix": relatedPrefix, "enjoyedPlea": enjoyedPlea,
		"tagLine": tagLine, "bylineLabel": bylineLabel, "widgetLine": widgetLine, "onSiteLine": onSiteLine,
		"formStatus": formStatus, "labelLine": labelLine, "icpLine": icpLine, "noticeHead": noticeHead,
		"pagerLine": pagerLine, "photoCredit": photoCredit, "copyNotice": copyNotice,
		"disclaimerLine": disclaimerLine, "toolLine": toolLine, "urlLine": urlLine, "stamp": stamp,
	}
}

// prefilterLines hold lines each pattern matches (invented), the letters
// (?i) folds from outside ASCII (ſ for s, K for k), and prose none
// matches.
var prefilterLines = []string{
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
}

// TestHintPrefiltersSound: the cheap word and character tests that guard
// the Chinese credit patterns and the date finder pass every line those
// match.
func TestHintPrefiltersSound(t *testing.T) {
	lines := append([]string{
		"本报记者 王若溪", "（通訊員 周明遠）", "实习生 许青禾 记者 林晓舟", "推动发展。（记者 林晓舟）",
		"作者：周明远", "来源：湖畔日报 点击量：123", "发布时间：2024-09-05 08:56", "3月4日 08:56",
		"Posted 6 hours ago", "March 4, 2021", "4 March 2021", "Sept. 5, 2021", "2021-03-04T08:56:00Z",
	}, prefilterLines...)
	for _, l := range lines {
		checkHints(t, l)
	}
}

func checkHints(t *testing.T, l string) {
	t.Helper()
	if zhReporterRe.MatchString(l) && !zhHasReporterWord(l) {
		t.Errorf("zhHasReporterWord rejects %q, which zhReporterRe matches", l)
	}
	if zhTrailParenRe.MatchString(l) && !endsParen(l) {
		t.Errorf("endsParen rejects %q, which zhTrailParenRe matches", l)
	}
	if len(zhLabelMatches(l)) > 0 && !hasHanLabelHint(l) {
		t.Errorf("hasHanLabelHint rejects %q, which holds a label", l)
	}
	for _, year := range []int{0, 2021} {
		if _, _, ok := date.Find(l, date.Context{Year: year}); ok && !mMayHoldDate(l, year > 0) {
			t.Errorf("mMayHoldDate(%q, %v) rejects a line date.Find reads", l, year > 0)
		}
	}
}
