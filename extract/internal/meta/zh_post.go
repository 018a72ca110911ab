package meta

import (
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"newsarchive/extract/internal/zh"
)

// The post's own byline on Chinese blogs and forums: the blog owner
// named by the page title or the path, and "由 X 于 … 发布" lines.

// zhBlogTitleRe: a <title> that names the blog's owner: "青禾的博客",
// "青禾的个人空间", or the owner's segment before a closing platform
// name ("某篇文章_青禾_新浪博客"). A platform's own name ("某某博客 » 文章")
// names no owner.
// The owner's segment before a platform name must follow a separator
// itself: in "Go 语言里的切片_博客" the segment is the post's title.
// "X的博客" must end its segment: in a headline ("退休教师的博客里记满
// 了…_新闻网") it is the story's subject.
var zhBlogTitleRe = regexp.MustCompile(`(?:^|[_|–—－｜»\-]|\s)\s*([^_|–—－｜»\s\-]{2,20}?)\s*的(?:博客|部落格|个人空间|個人空間|空间|空間|专栏|專欄|日志|日誌)(?:$|[_|–—－｜»\-]|\s)|[_|–—－｜»\-]\s*([^_|–—－｜»\s\-]{2,20}?)\s*[_|–—－｜\-]\s*[^_|–—－｜»\s\-的]{0,6}(?:博客|部落格)\s*$`)

// zhBlogHostTitleRe: a title that is the owner's name and the blog
// host ("青禾 | blog.example.com").
var zhBlogHostTitleRe = regexp.MustCompile(`(?i)^\s*([^|_–—－｜\s]{2,20})\s*[|_–—－｜-]\s*[a-z0-9.-]*blog[a-z0-9.-]*\.[a-z]{2,}\s*$`)

// blogOwnerFromTitle reads the blog owner from the page title.
func blogOwnerFromTitle(title string) []string {
	if m := zhBlogHostTitleRe.FindStringSubmatch(title); m != nil {
		if plausibleAuthor(m[1]) && !zhOrgSuffixRe.MatchString(m[1]) {
			return []string{m[1]}
		}
		return nil
	}
	if !strings.Contains(title, "博客") && !strings.Contains(title, "部落格") && !strings.Contains(title, "空间") && !strings.Contains(title, "空間") && !strings.Contains(title, "专栏") && !strings.Contains(title, "專欄") {
		return nil
	}
	m := zhBlogTitleRe.FindStringSubmatch(title)
	if m == nil {
		return nil
	}
	name := m[1]
	if name == "" {
		name = m[2]
	}
	name = strings.Trim(name, " 　:：")
	if !plausibleAuthor(name) || zhOrgSuffixRe.MatchString(name) || utf8.RuneCountInString(name) > 16 {
		return nil
	}
	return []string{name}
}

// blogPathRe: blog hosts that put the owner in the path
// ("blog.example.com/u/qinghe/", "example.com/blog/qinghe/123.html").
// The account may also open the path, before the post's own segment
// ("blog.example.net/qinghe/article/details/123", "/qinghe/p/123.html").
var blogPathRe = regexp.MustCompile(`^/(?:u|user|users|home|space|people|author|blog)/([A-Za-z][A-Za-z0-9_.-]{2,30})(?:/|$)|^/([A-Za-z][A-Za-z0-9_.-]{2,30})/(?:article|articles|archive|archives|p|post|posts|entry)/`)

// blogPathWordRe: a path's first segment that is a section, not an
// account ("/news/article/12", "/blog/p/12").
var blogPathWordRe = regexp.MustCompile(`(?i)^(?:news|blog|blogs|www|cms|index|site|web|static|app|api|archives?|posts?|articles?|p|category|tag|tags|zh|cn|en)$`)

// blogOwnerFromURL reads the owner's account name from a blog URL: the
// host must be a blog host (blog.*, *.blog.*) so that /author/ pages of
// news sites are not read as posts.
func blogOwnerFromURL(pageURL string) []string {
	u, err := url.Parse(pageURL)
	if err != nil || !strings.Contains(strings.ToLower(u.Host), "blog") {
		return nil
	}
	m := blogPathRe.FindStringSubmatch(u.Path)
	if m == nil {
		return nil
	}
	name := m[1]
	if name == "" {
		name = m[2]
	}
	if isAuthorJunk(name) || blogPathWordRe.MatchString(name) {
		return nil
	}
	return []string{name}
}

// zhByPosterRe: "由 青禾 于 2024-03-05 发布", "本文由青禾于2024年3月5日发表",
// "由 青禾 发表于 2024-03-05".
var zhByPosterRe = regexp.MustCompile(`(?:^|[\s，,。])(?:本文|此文|该文|該文|本帖)?由\s*([^\s于於，,。]{2,20}?)\s*(?:(?:于|於)\s*\S.{0,40}?(?:` + zh.Alt("发布", "发表", "编辑", "最后编辑") + `)|(?:` + zh.Alt("发表于", "发布于") + `))`)

// zhByPoster reads the poster of a "由 X 于 … 发布" line.
func zhByPoster(t string) []string {
	if !strings.Contains(t, "由") {
		return nil
	}
	m := zhByPosterRe.FindStringSubmatch(t)
	if m == nil {
		return nil
	}
	return cleanAuthors(m[1])
}

// zhNotNameWords start what follows 记者 or 作者 in running text when it
// is no credit: "记者了解到", "记者表示", "作者介绍说".
var zhNotNameWords = zh.Both("表示", "介绍", "了解", "采访", "获悉", "看到", "发现", "注意到", "从", "在", "随机", "走访", "调查", "问", "询问", "得知", "观察", "联系", "来到", "跟随", "认为", "指出", "说", "称", "也", "还", "又", "就", "一行", "们", "团", "站", "节", "会", "证")

// zhVerbAfterLabel reports whether s (the text after a credit word)
// begins a sentence or a compound rather than a name.
func zhVerbAfterLabel(s string) bool {
	s = strings.TrimLeft(s, " 　")
	for _, w := range zhNotNameWords {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// zhGluedTailRe: what ends a credit glued to the name ("王若溪发自湖畔",
// "王若溪湖畔报道", "王若溪摄"); everything from it on is no name.
var zhGluedTailRe = regexp.MustCompile(zh.Alt("发自", "报道", "报导", "摄影", "摄", "通讯员", "实习生", "记者") + `|[。，,；;：:！？]`)

// zhCutGlued splits a Han run that holds a name glued to its tail at
// the first tail word, keeping the name part.
func zhCutGlued(t string) string {
	if utf8.RuneCountInString(t) <= 4 {
		return t
	}
	if loc := zhGluedTailRe.FindStringIndex(t); loc != nil && loc[0] > 0 {
		head, tail := t[:loc[0]], t[loc[0]:]
		if zhReportedRe.MatchString(tail) {
			// "蒋一帆江城报道": the place sits between the name and 报道.
			if name := zhNameBeforePlace(head); name != "" && name != head {
				return name + " " + head[len(name):] + tail
			}
		}
		return head + " " + tail
	}
	return t
}

// zhReportedRe: the tail that follows the place a report was filed from.
var zhReportedRe = regexp.MustCompile(`^(?:` + zh.Alt("报道", "报导") + `)`)

// zhNameBeforePlace reads the name at the start of a name glued to a
// place. A place is two characters or more, and most names are three
// characters (two with a single surname before a two-character place,
// "王溪江城"); it returns "" when the run does not start with a surname.
func zhNameBeforePlace(head string) string {
	r := []rune(head)
	n := len(r)
	switch {
	case n <= 3:
		return head
	case n == 4:
		for _, d := range hanDoubleSurnames {
			if strings.HasPrefix(head, d) {
				return head // "欧阳若溪报道"
			}
		}
		n = 2
	default:
		n = 3
	}
	if name := string(r[:n]); hanName(name) {
		return name
	}
	return ""
}

// zhSentence: a value that is a sentence, not a credit ("记者：您觉得
// 这次整修怎么样？" in an interview transcript).
func zhSentence(v string) bool {
	v = strings.TrimSpace(v)
	return strings.ContainsAny(v, "？?！!") || strings.Contains(strings.TrimSuffix(v, "。"), "。")
}

// zhLeadParenRe: a parenthesised credit near the start of a lead
// paragraph: "本报讯（记者 林晓舟）", "电（记者林晓舟、周明远）".
var zhLeadParenRe = regexp.MustCompile(`[（(]\s*((?:` + zh.Alt("本报", "特约") + `)?(?:` + zh.Alt("记者", "通讯员", "实习生") + `)[^（()）]{2,60}?)\s*[)）]`)

// zhDatelineEndRe: the end of a dateline ("本报湖畔3月5日电", "湖畔网讯").
var zhDatelineEndRe = regexp.MustCompile(`\d{1,2}日(?:` + zh.Alt("电", "讯") + `)$|(?:` + zh.Alt("本报讯", "网讯") + `)$`)

// zhLeadHeadRunes bounds how far into a paragraph a credit may open it.
const zhLeadHeadRunes = 60

// zhLeadCredit reads the credit that opens a long paragraph.
func zhLeadCredit(t string) []string {
	head, n := t, 0
	for i := range t {
		if n == zhLeadHeadRunes {
			head = t[:i]
			break
		}
		n++
	}
	if m := zhLeadParenRe.FindStringSubmatch(head); m != nil {
		return zhBareCredit(m[1])
	}
	// "……。（记者 林晓舟）据悉……": a story's closing credit inside a
	// paragraph that runs on, after the end of a sentence.
	for _, m := range zhLeadParenRe.FindAllStringSubmatchIndex(t, 4) {
		if m[0] > len(head) && zhParenEndsText(t[:m[0]]) {
			if n := zhBareCredit(t[m[2]:m[3]]); n != nil {
				return n
			}
		}
	}
	// "本报记者林晓舟发自湖畔 今天上午…", "本报湖畔3月5日电 记者林晓舟报道：":
	// the credit is the paragraph's start, or follows its dateline.
	loc := zhReporterRe.FindStringIndex(head)
	if loc == nil {
		return nil
	}
	if pre := strings.TrimRight(head[:loc[0]], " 　"); utf8.RuneCountInString(pre) > 8 && !(utf8.RuneCountInString(pre) <= 24 && zhDatelineEndRe.MatchString(pre)) {
		return nil
	}
	if j := strings.IndexAny(head[loc[1]:], "。，,；;：:"); j >= 0 {
		head = head[:loc[1]+j]
	}
	if !strings.Contains(head, "发自") && !strings.Contains(head, "發自") && !strings.Contains(head, "报道") && !strings.Contains(head, "報道") && !strings.ContainsAny(head[loc[1]:], " 　") {
		return nil
	}
	return zhBareCredit(head)
}

// zhSlashCreditRe: the writer's credit with a slash (or the bar
// magazines and public accounts use), before or after the name:
// "文/林晓舟", "文／林晓舟 图／周明远", "文 | 林晓舟", "林晓舟/文".
var zhSlashCreditRe = regexp.MustCompile(`(?:^|[\s（(])(?:` + zh.Alt("撰文", "文") + `)\s*[/／|｜丨]\s*([^\s/／|｜丨（）()]{2,20})|^\s*([^\s/／|｜丨]{2,4})\s*[/／]\s*文(?:\s|$)`)

// zhSlashCredit reads that credit from a short line.
func zhSlashCredit(t string) []string {
	if !strings.ContainsAny(t, "/／|｜丨") || !strings.Contains(t, "文") {
		return nil
	}
	m := zhSlashCreditRe.FindStringSubmatchIndex(t)
	if m == nil {
		return nil
	}
	if m[2] >= 0 {
		// What follows may be the name after a role ("文/本报记者 王若溪").
		return zhNames(t[m[2]:], true)
	}
	return zhNames(t[m[4]:m[5]], true)
}
