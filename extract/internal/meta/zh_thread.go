package meta

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/boilerplate"
	"newsarchive/extract/internal/date"
	"newsarchive/extract/internal/zh"
)

// The post's own byline on Chinese forum threads and blog posts, read
// before any credit inside the text the post quotes or reposts: the
// thread starter's profile link, the post's meta line ("posted @ 日期
// 山风 阅读(12)", "作者：松间客 | 发布于 日期"), and the "原创 X" mark of
// public-account articles.

// forumUserHrefRe: the profile links of the common forum engines
// (Discuz! "space-uid-12.html", "space-username-qinghe.html",
// "space.php?uid=12", "home.php?mod=space&uid=12"; phpwind "u.php?uid=12",
// "index.php?m=space&uid=12"; phpBB "memberlist.php?mode=viewprofile&u=12";
// vBulletin "member.php?u=12"; IPB "showuser=12"; Tieba-style "home/main?
// un=qinghe"; "/people/qinghe/" of group boards).
var forumUserHrefRe = regexp.MustCompile(`(?:^|/)(?:space-(?:uid-\d+|username-[^/]+)\.html|space\.php\?(?:action=viewpro&)?uid=\d+|home\.php\?mod=space&(?:amp;)?(?:uid|username)=|u\.php\?(?:action-show-)?uid[=-]\d+|index\.php\?m=space&(?:amp;)?uid=\d+|memberlist\.php\?mode=viewprofile&(?:amp;)?u=\d+|member\.php\?(?:[a-z]+=[a-z]+&(?:amp;)?)?u=\d+|index\.php\?showuser=\d+|home/main/?\?(?:id|un)=|people/[^/?#]+/?$)`)

// forumHrefWords: one of them is in every link forumUserHrefRe matches
// (TestForumHrefPrefilter).
var forumHrefWords = []string{"space", "u.php", "member", "showuser", "home/main", "people/"}

// zhProseRunes: a run of text this long, with a sentence's commas, is
// a story's or a post's prose, not a head, a label or a name line.
const zhProseRunes = 40

// zhProse reports whether s (of n runes) reads as prose.
func zhProse(s string, n int) bool {
	return n >= zhProseRunes && strings.Contains(s, "，") && strings.Contains(s, "。")
}

// forumPosterMaxLinks bounds how many links are looked at.
const forumPosterMaxLinks = 400

// forumPoster is the thread starter on a forum thread: the first link to
// a member's profile that names someone, outside the page's navigation
// (where a logged-in member's own link sits). The first post comes
// first in every thread layout, and its poster's name link with it.
func forumPoster(root *html.Node) []string {
	var out []string
	seen := 0
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.TextNode && zhProse(n.Data, utf8.RuneCountInString(n.Data)) && n.Parent != nil && !mNoiseAncestor(n.Parent) {
			// The story's prose before any member's link: the links
			// below are its comments', not a thread starter's.
			return true
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "head", "nav", "header", "footer":
				return false
			case "a":
				seen++
				if seen > forumPosterMaxLinks {
					return true
				}
				if href := mAttr(n, "href"); containsAnyWord(href, forumHrefWords) && forumUserHrefRe.MatchString(href) && !mNoiseAncestor(n) && !publisherLink(n) && inThreadPost(n) {
					if t := strings.TrimSpace(mWords(n)); t != "" && utf8.RuneCountInString(t) <= 30 && !zhFloorRe.MatchString(t) {
						// The first named member is the starter: a junk
						// name ("admin") ends the search, lest a later
						// member (a reply's, a comment's) stand in.
						if a := cleanAuthors(t); len(a) == 1 {
							out = a
						}
						return true
					}
				}
				return false
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(root)
	return out
}

// forumPostDepth bounds how far above a member's link its post's block
// is looked for.
const forumPostDepth = 8

// inThreadPost reports whether a member's link sits in a post: a block
// near it shows a thread mark (the floor, 发表于) or a date, as the
// post's head or author cell does. A member's link elsewhere (a
// column's link in the crumbs, a news page's "/people/" section) names
// no poster.
func inThreadPost(a *html.Node) bool {
	p := a.Parent
	for d := 0; p != nil && d < forumPostDepth; d, p = d+1, p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		if p.Data == "body" || p.Data == "html" {
			return false
		}
		t := mWords(p)
		if containsAnyWord(t, zhThreadWords) {
			return true
		}
		if _, _, ok := date.Find(t, date.Context{}); ok {
			return true
		}
	}
	return false
}

// publisherLink reports whether the link follows a 发布者/发布人 label
// ("发布者: <a>青川小编</a>"): a portal's account that published an
// article (a weak poster, see zhPublisher), not a thread's starter.
func publisherLink(a *html.Node) bool {
	for p := a.PrevSibling; p != nil; p = p.PrevSibling {
		if p.Type == html.TextNode {
			if t := strings.TrimSpace(p.Data); t != "" {
				t = strings.TrimRight(t, ":： ")
				for _, w := range zhPublisherWords {
					if strings.HasSuffix(t, w) {
						return true
					}
				}
				return false
			}
		} else if p.Type == html.ElementNode {
			return false
		}
	}
	return false
}

// zhFloorRe: the floor marks of a thread ("楼主", "2楼", "沙发", "#1"),
// which sit where a poster's name would.
var zhFloorRe = regexp.MustCompile(`^(?:` + zh.Alt("楼主", "沙发", "板凳", "地板", "地下室", "只看楼主", "只看该作者") + `|#?\d+\s*(?:` + zh.Alt("楼", "层", "樓") + `)?|#\d+)$`)

// zhThreadWords mark a forum thread: the floor of its first post and
// the "发表于" of each post.
var zhThreadWords = zh.Both("楼主", "发表于")

// postedAtRe: a post's meta line that names the poster after the date
// ("posted @ 2023-09-21 22:14 山风 阅读(1532) 评论(7)", "发布于 2023-09-21
// 由 山风"). The date is cut by the date finder; the name runs to the
// counters.
var postedAtRe = regexp.MustCompile(`^(?i:posted\s*@|posted\s+on|` + zh.Alt("发表于", "发布于") + `)\s*[:：]?\s*`)

// zhPostedByRe: the "由"/"by" that leads the name after the date.
var zhPostedByRe = regexp.MustCompile(`^(?:由|(?i:by))\s*[:：]?\s*`)

// zhPostCountersRe ends the name on a post's meta line.
var zhPostCountersRe = regexp.MustCompile(`\s*(?:` + zh.Alt("阅读", "评论", "来自", "浏览", "编辑", "收藏", "举报", "分类", "标签", "点击", "回复", "发布") + `|[|｜(（\[【]).*$`)

// zhPostedAfterDate reads the poster named after the date of a post's
// meta line. After 发表于 and the date other words stand as often
// ("来自手机", a province, the site's name): there only a name led by 由
// or "by" counts; "posted @" lines name the poster bare.
func zhPostedAfterDate(t string) []string {
	if !(hasAnyPrefix(t, zhPostedAtFirst)) {
		return nil
	}
	loc := postedAtRe.FindStringIndex(t)
	if loc == nil {
		return nil
	}
	rest := t[loc[1]:]
	_, pos, end, ok := date.FindSpan(rest, date.Context{})
	if !ok || pos != 0 {
		return nil
	}
	// The span may stop before the 日 of "3月5日".
	rest = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(rest[end:], "日"), "号"), " \u00a0·•|-")
	if by := zhPostedByRe.FindStringIndex(rest); by != nil {
		rest = rest[by[1]:]
	} else if isHan(firstRune(t)) {
		return nil
	}
	rest = zhPostCountersRe.ReplaceAllString(rest, "")
	if rest == "" || strings.ContainsAny(rest, "0123456789") || zhFloorRe.MatchString(rest) || zhOrgSuffixRe.MatchString(rest) {
		return nil
	}
	if isHan(firstRune(rest)) {
		return zhNames(rest, true)
	}
	return cleanAuthors(rest)
}

// zhPostAuthorLine reads "作者：松间客 | 发布于 2022-10-08 21:16", "作者：
// 松间客 | 分类：杂记 | 评论(3)": the 作者 label on the post's meta line
// (the line that dates or files the post) is the post's own byline, even
// in the post's footer block and after a quoted story's own credit.
func zhPostAuthorLine(t string) []string {
	if !(containsAnyWord(t, zhAuthorWords)) {
		return nil
	}
	if m := zhAuthorSpacedRe.FindStringSubmatch(t); m != nil {
		// "作者 青禾 · 2024-03-05": without the colon only a dated line.
		if _, _, ok := date.Find(t, date.Context{}); ok {
			return zhNames(m[1], true)
		}
		return nil
	}
	dated := false
	if containsAnyWord(t, zhPostedWords) {
		_, _, dated = date.Find(t, date.Context{})
	}
	if !dated && !zhPostMetaRe.MatchString(t) {
		return nil
	}
	for _, f := range zhFields(t) {
		if f.role == zhAuthor && containsAnyWord(f.label, zhAuthorWords) {
			return zhNames(f.value, true)
		}
	}
	return nil
}

// zhAuthorSpacedRe: 作者 and the name without a colon, opening the line.
var zhAuthorSpacedRe = regexp.MustCompile(`^(?:` + zh.Alt("作者") + `)\s+([^\s·•|｜:：]{2,12})(?:\s|[·•|｜]|$)`)

// zhStarterRe: the thread starter's label ("楼主：青禾 时间：…", "发帖人：青禾").
// Blogger's Chinese "posted by" (张贴者：) is the post's byline too.
var zhStarterRe = regexp.MustCompile(`^(?:` + zh.Alt("楼主", "发帖人", "帖主", "张贴者") + `)\s*[:：]\s*([^\s|｜]{2,20})`)

// zhStarter reads the thread starter from that label. After the page's
// prose the label stands in the head of a post only with the post's
// date ("楼主：青禾 时间：…"); undated there, it opens a reply to the
// starter ("楼主：说得对"). Blogger's 张贴者 is a footer label.
func zhStarter(t string, afterProse bool) []string {
	if !(hasAnyPrefix(t, zhStarterWords)) {
		return nil
	}
	m := zhStarterRe.FindStringSubmatch(t)
	if m == nil {
		return nil
	}
	if afterProse && !hasAnyPrefix(t, zhFooterStarterWords) {
		if _, _, ok := date.Find(t, date.Context{}); !ok {
			return nil
		}
	}
	return zhNames(m[1], true)
}

// zhPublisherRe: the account a CMS names as the one that published the
// page ("发布者：青禾", "发布人: 青禾"): a poster, weaker than a credit.
var zhPublisherRe = regexp.MustCompile(`(?:^|\s)(?:` + zh.Alt("发布者", "发布人") + `)\s*[:：]\s*([^\s|｜]{2,20})`)

// zhPublisher reads that account.
func zhPublisher(t string) []string {
	if !(containsAnyWord(t, zhPublisherWords)) {
		return nil
	}
	m := zhPublisherRe.FindStringSubmatch(t)
	if m == nil {
		return nil
	}
	return zhNames(m[1], true)
}

// zhPostMetaRe: the labels and counters that file or count a post on its
// meta line ("分类：杂记", "评论(3)", "阅读 12"), not the words in a title
// ("本报评论员").
var zhPostMetaRe = regexp.MustCompile(`(?:` + zh.Alt("分类", "标签", "评论", "阅读", "浏览") + `)\s*(?:[:：(（]|\d)`)

// zhOriginalRe: "原创 周晚晴 河畔人文 2024-04-23": the originality mark of
// public-account articles, the writer's name after it.
var zhOriginalRe = regexp.MustCompile(`^(?:` + zh.Alt("原创") + `)\s+(\S+)`)

// zhOriginalAuthor reads the writer after the 原创 mark. The account's
// name or the date follows the writer's: a lone word after 原创 is a
// tag ("原创 首发").
func zhOriginalAuthor(t string) []string {
	if !(hasAnyPrefix(t, zhOriginalWords)) {
		return nil
	}
	m := zhOriginalRe.FindStringSubmatch(t)
	if m == nil || len(strings.Fields(t)) < 3 {
		return nil
	}
	if _, pos, ok := date.Find(m[1], date.Context{}); ok && pos == 0 {
		return nil // "原创 2024-04-23 …": no name
	}
	return zhNames(m[1], true)
}

// zhRepostRe: a line that marks the text as reposted ("转载自：…", "原文
// 地址：…", "【转载】标题").
// 转载 marks a repost only before its source or the bracket's end: a
// notice's "转载请注明出处" marks none.
var zhRepostRe = regexp.MustCompile(`^\s*[\[【(（]?(?:(?:` + zh.Alt("转载") + `)(?:[自于於:：\]】)）\s]|$)|(?:` + zh.Alt("转自", "原文地址", "原文链接", "原文作者", "原文出处") + `))`)

// zhOriginalMaxLine: the 原创 mark stands under the headline, among the
// first lines of the page.
const zhOriginalMaxLine = 60

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// zhByLineRe: "Posted by 杜若衡 on 2024-02-18", "by 杜若衡 · 2024-02-18":
// the English byline of a Chinese blog theme, whose Han name the
// capital-letter byline rules cannot see.
var zhByLineRe = regexp.MustCompile(`^(?i:posted by|written by|by)\s*[:：]?\s*(\p{Han}[^\s·•|,，]{1,11}|[A-Za-z][\w.-]{2,29})(?:\s|$|[·•|,，])`)

// zhPostedByLeadRe: "Posted by", "Written by": unlike a bare "by", they
// name the poster on an undated line too.
var zhPostedByLeadRe = regexp.MustCompile(`^(?i:posted|written) by\b`)

// zhByLine reads the poster of that line, which may follow the date
// ("2024-03-05 09:20 by 杜若衡"). A Latin name counts only on a dated
// line ("Posted by lakeside88 on 2024-03-05"): "by" opens English
// sentences too.
func zhByLine(t string) []string {
	if !(boilerplate.FoldContains(t, "by")) {
		return nil
	}
	if _, pos, end, ok := date.FindSpan(t, date.Context{}); ok && pos == 0 {
		t = strings.TrimLeft(t[end:], " ·•|-")
	}
	m := zhByLineRe.FindStringSubmatch(t)
	if m == nil {
		return nil
	}
	if !isHan(firstRune(m[1])) {
		if _, _, ok := date.Find(t, date.Context{}); !ok && !zhPostedByLeadRe.MatchString(t) {
			return nil
		}
		return cleanAuthors(m[1])
	}
	return zhNames(m[1], true)
}

// zhBloggerRe: "博主：苇岸", the blog owner named in the blog's profile
// box.
var zhBloggerRe = regexp.MustCompile(`^(?:` + zh.Alt("博主") + `)\s*[:：]\s*(\S{2,20})$`)

// zhBlogger reads the owner from that line.
func zhBlogger(t string) []string {
	if !(hasAnyPrefix(t, zhBloggerWords)) {
		return nil
	}
	m := zhBloggerRe.FindStringSubmatch(t)
	if m == nil {
		return nil
	}
	return zhNames(m[1], true)
}

// zhPostHeadRe: "由 青禾 » 2024年3月5日 09:20", the post head of phpBB's
// Chinese translation: the poster before the date.
var zhPostHeadRe = regexp.MustCompile(`^(?:` + zh.Alt("由") + `)\s*(\S{2,20}?)\s*[»›]\s*(\S.*)$`)

// zhPostHead reads the poster of that head.
func zhPostHead(t string) []string {
	if !(hasAnyPrefix(t, zhPostHeadWords)) {
		return nil
	}
	m := zhPostHeadRe.FindStringSubmatch(t)
	if m == nil {
		return nil
	}
	if _, pos, ok := date.Find(m[2], date.Context{}); !ok || pos != 0 {
		return nil
	}
	return cleanAuthors(m[1])
}

// zhBlogNameRe: a header line that is the blog's name, "林间小溪的博客".
var zhBlogNameRe = regexp.MustCompile(`^(\S{2,16}?)\s*的(?:博客|部落格|个人空间|個人空間|专栏|專欄)$`)

// zhBlogName reads the owner from that line.
func zhBlogName(t string) []string {
	if !(strings.Contains(t, "的")) {
		return nil
	}
	m := zhBlogNameRe.FindStringSubmatch(t)
	if m == nil || zhOrgSuffixRe.MatchString(m[1]) {
		return nil
	}
	return zhNames(m[1], true)
}
