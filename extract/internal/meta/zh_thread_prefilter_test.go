package meta

import (
	"strings"
	"testing"

	"newsarchive/extract/internal/boilerplate"
)

// zhThreadSamples match the post-byline patterns of zh_thread.go.
var zhThreadSamples = []string{
	"posted @ 2023-09-21 22:14 山风 阅读(1532)", "Posted on 2024-03-05 由 青禾", "发表于 2024-03-05 由 青禾", "發表於 2024-03-05 由 青禾",
	"  POSTED @ 2024-03-05 青禾", "楼主：青禾 时间：2024-03-05", "樓主：青禾", "发帖人：青禾", "发布者：青禾", "江城 發佈人：青禾",
	"原创 周晚晴 河畔人文", "原創 周晚晴 河畔人文", "Posted by 杜若衡 on 2024-02-18", "bY 杜若衡", "2024-03-05 by 青禾",
	"博主：苇岸", "由 银盐时代 » 2024年4月8日", "书香阁主的博客", "【转载】江城老街", "轉載自：江城", "原文地址：江城老街",
	"作者 青禾 · 2024-03-05", "作者：松间客 | 发布于 2022-10-08 21:16", "文 | 俞知秋", "撰文／青禾", "青禾/文", "張貼者： 青禾 於 下午3:20", "张贴者：青禾",
}

// checkZhThreadPrefilters: each prefilter passes every line its pattern
// matches.
func checkZhThreadPrefilters(t *testing.T, l string) {
	t.Helper()
	checks := []struct {
		name    string
		matches bool
		passes  bool
	}{
		{"postedAtRe", postedAtRe.MatchString(l), hasAnyPrefix(l, zhPostedAtFirst)},
		{"zhStarterRe", zhStarterRe.MatchString(l), hasAnyPrefix(l, zhStarterWords)},
		{"zhPublisherRe", zhPublisherRe.MatchString(l), containsAnyWord(l, zhPublisherWords)},
		{"zhOriginalRe", zhOriginalRe.MatchString(l), hasAnyPrefix(l, zhOriginalWords)},
		{"zhByLineRe", zhByLineRe.MatchString(l), boilerplate.FoldContains(l, "by")},
		{"zhBloggerRe", zhBloggerRe.MatchString(l), hasAnyPrefix(l, zhBloggerWords)},
		{"zhPostHeadRe", zhPostHeadRe.MatchString(l), hasAnyPrefix(l, zhPostHeadWords)},
		{"zhBlogNameRe", zhBlogNameRe.MatchString(l), strings.Contains(l, "的")},
		{"zhRepostRe", zhRepostRe.MatchString(l), zhRepostLine(l)},
		{"zhAuthorSpacedRe", zhAuthorSpacedRe.MatchString(l), containsAnyWord(l, zhAuthorWords)},
		{"zhSlashCreditRe", zhSlashCreditRe.MatchString(l), strings.ContainsAny(l, "/／|｜丨") && strings.Contains(l, "文")},
	}
	m := zhPostMarks(l)
	marked := []struct {
		name    string
		matches bool
		mark    uint16
	}{
		{"postedAtRe", postedAtRe.MatchString(l), markPosted | markPost},
		{"zhStarterRe", zhStarterRe.MatchString(l), markFloor | markPost},
		{"zhPublisherRe", zhPublisherRe.MatchString(l), markPublish},
		{"zhOriginalRe", zhOriginalRe.MatchString(l), markOrig},
		{"zhByLineRe", zhByLineRe.MatchString(l), markBy},
		{"zhBloggerRe", zhBloggerRe.MatchString(l), markBlog},
		{"zhPostHeadRe", zhPostHeadRe.MatchString(l), markFrom},
		{"zhBlogNameRe", zhBlogNameRe.MatchString(l), markOf},
		{"zhRepostRe", zhRepostRe.MatchString(l), markRepost | markOrig},
		{"zhAuthorSpacedRe", zhAuthorSpacedRe.MatchString(l), markAuthor},
		{"zhThreadWords", containsAnyWord(l, zhThreadWords), markFloor | markPost},
	}
	for _, c := range marked {
		if c.matches && m&c.mark == 0 {
			t.Errorf("zhPostMarks(%q) lacks the mark %s needs", l, c.name)
		}
	}
	for _, c := range checks {
		if c.matches && !c.passes {
			t.Errorf("the prefilter of %s rejects %q, which it matches", c.name, l)
		}
	}
}

func TestZhThreadPrefiltersSound(t *testing.T) {
	for _, l := range zhThreadSamples {
		checkZhThreadPrefilters(t, l)
	}
}

func FuzzZhThreadPrefilters(f *testing.F) {
	for _, l := range zhThreadSamples {
		f.Add(l)
	}
	f.Fuzz(checkZhThreadPrefilters)
}
