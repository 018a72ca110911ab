package meta

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/alt"
	"newsarchive/extract/internal/boilerplate"
	"newsarchive/extract/internal/date"
	"newsarchive/extract/internal/zh"
)

// Chinese news pages put their metadata in label lines rather than tags:
// "来源：化工网 作者：张三 点击量：123", "发布时间：2024-09-05 08:56",
// "本报记者 王若溪", "（记者 林晓舟）" at the end of the body. This file
// reads them, simplified and traditional alike.

// The roles and the label table live in package zh, written once for
// both scripts.
type zhRole = zh.Role

const (
	zhNone     = zh.None
	zhAuthor   = zh.Author
	zhReporter = zh.Reporter
	zhEditor   = zh.Editor
	zhSource   = zh.Source
	zhDate     = zh.Date
	zhViews    = zh.Views
	zhOther    = zh.Other
)

var zhLabelRoles = zh.Labels

// zhLabelRe finds "label：" (colon required; full or half width). The
// alternation is built longest first so 责任编辑 wins over 编辑.
var zhLabelRe = func() *regexp.Regexp {
	keys := make([]string, 0, len(zhLabelRoles))
	for k := range zhLabelRoles {
		keys = append(keys, k)
	}
	return regexp.MustCompile(`(` + alt.Longest(keys) + `)\s*[:：]`)
}()

// zhLabelMaxLen is the longest label in bytes.
var zhLabelMaxLen = func() int {
	n := 0
	for k := range zhLabelRoles {
		n = max(n, len(k))
	}
	return n
}()

// zhLabelMatches finds what zhLabelRe.FindAllStringSubmatchIndex would,
// by hand: each colon is looked up backwards for the longest label ending
// before it. The alternation of ~120 labels run on every line of a
// Chinese page cost more than the rest of the extraction together.
// Each match is {start, end (after the colon), label start, label end}.
func zhLabelMatches(line string) [][4]int {
	var out [][4]int
	prev := 0
	for i := 0; i < len(line); {
		c := indexColon(line[i:])
		if c < 0 {
			break
		}
		c += i
		colonEnd := c + 1
		if line[c] != ':' {
			colonEnd = c + len("：")
		}
		i = colonEnd
		e := c
		for e > prev && isRegexSpace(line[e-1]) {
			e--
		}
		best := -1
		for s := max(prev, e-zhLabelMaxLen); s < e; s++ {
			if !utf8.RuneStart(line[s]) {
				continue
			}
			if _, ok := zhLabelRoles[line[s:e]]; ok {
				best = s
				break // the earliest start is the longest label
			}
		}
		if best < 0 {
			continue
		}
		out = append(out, [4]int{best, colonEnd, best, e})
		prev = colonEnd
	}
	return out
}

// indexColon is strings.IndexAny(s, ":：") by bytes: IndexAny decodes
// every character of s when one it seeks is not ASCII, and the byte EF
// that opens "：" is never inside another character.
func indexColon(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == ':' || c == 0xEF && strings.HasPrefix(s[i:], "：") {
			return i
		}
	}
	return -1
}

func isRegexSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f'
}

// zhReporterRe finds reporter labels written without a colon: "本报记者
// 许青禾", "湖畔晚报记者 方远", "（记者 林晓舟）".
var zhReporterRe = regexp.MustCompile(`(` + zh.Alt("记者", "通讯员", "实习生") + `)\s*`)

// zhBareEditorRe: "（湖畔网编辑 孙若兰）" — an editor credit without a colon.
var zhBareEditorRe = regexp.MustCompile(`(?:` + zh.Alt("编辑") + `)\s+([^\s）)]{2,4})\s*$`)

// zhPostedRe: "lakeside88 发表于 2006-3-14 09:20:00", a blog or forum post's
// author before its date.
var zhPostedRe = regexp.MustCompile(`^(?:作者[:：]?\s*)?([^\s:：]{2,20})\s*(?:` + zh.Alt("发表于", "发布于", "发表在") + `|posted)`)

// zhTrailParenRe: a parenthesised credit closing a paragraph.
var zhTrailParenRe = regexp.MustCompile(`[（(]\s*([^（()）]{2,40}?)\s*[)）]\s*$`)

// zhViewsRe: "点击量：123", "阅读 1234", "123次浏览".
var zhViewsRe = regexp.MustCompile(`(?:` + zh.Alt("点击量", "点击数", "点击", "阅读量", "阅读数", "阅读", "浏览量", "浏览次数", "浏览", "访问量", "人气") + `)\s*[:：]?\s*[（(]?\s*(\d{1,9})|(\d{1,9})\s*(?:` + zh.Alt("次浏览", "次阅读", "人阅读", "次点击") + `)`)

// zhCreditSuffixRe: what follows the names in a credit ("湖畔县报道", "摄").
var zhCreditSuffixRe = regexp.MustCompile(`(?:` + zh.Alt("报道", "报导", "摄影", "摄", "整理", "编译", "发自") + `)$`)

// zhField is one labelled value on a line.
type zhField struct {
	role  zhRole
	label string
	value string
}

// zhFields splits a line into its labelled values. The value of a label
// runs to the next label or a separator (| 丨 【 】 [ ] are common).
func zhFields(line string) []zhField {
	ms := zhLabelMatches(line)
	if ms == nil {
		return nil
	}
	out := make([]zhField, 0, len(ms))
	for i, m := range ms {
		label := line[m[2]:m[3]]
		// 文 is a label only as a credit of its own ("文：张三"), not the
		// tail of 原文：, 正文：, 全文：.
		if label == "文" && m[0] > 0 {
			r, _ := utf8.DecodeLastRuneInString(line[:m[0]])
			if isHan(r) {
				continue
			}
		}
		end := len(line)
		if i+1 < len(ms) {
			end = ms[i+1][0]
		}
		v := line[m[1]:end]
		if j := strings.IndexAny(v, "|丨｜【】"); j >= 0 {
			v = v[:j]
		}
		v = strings.Trim(v, " []［］()（）<>《》")
		out = append(out, zhField{role: zhLabelRoles[label], label: label, value: strings.TrimSpace(v)})
	}
	return out
}

// zhNames reads names from a credit value. The first token may be any
// short name (pen names, organisations); further ones must read as
// Chinese personal names, so the value stops before places, dates and
// other trailing text. Latin-script values are cleaned as bylines.
func zhNames(v string, liberal bool) []string {
	v = strings.NewReplacer("　", " ", "&nbsp;", " ", "、", " ", "，", " ", ",", " ", "/", " ", "／", " ").Replace(v)
	if zhVerbAfterLabel(v) || zhSentence(v) {
		return nil
	}
	toks := strings.Fields(v)
	if len(toks) == 0 {
		return nil
	}
	for i, t := range toks {
		toks[i] = zhCutGlued(zhCutCode(t))
	}
	toks = strings.Fields(strings.Join(toks, " "))
	first := []rune(toks[0])
	if !isHan(first[0]) {
		// A Latin or mixed pen name: take the value up to the first Han text.
		var parts []string
		for _, t := range toks {
			r, _ := utf8.DecodeRuneInString(t)
			if isHan(r) {
				break
			}
			parts = append(parts, t)
		}
		if len(parts) > 4 {
			return nil
		}
		return cleanAuthors(strings.Join(parts, " "))
	}
	var out []string
	for i, t := range toks {
		t = zhNameToken(t)
		lead := len(out) == 0 // the first name may be any short one
		if lead && i+1 < len(toks) {
			// "本报记者 王若溪", "江城晚报记者 王若溪", "江城大学 王若溪": a role
			// or an affiliation before the name is none.
			next := zhNameToken(toks[i+1])
			if zhRoleTailRe.MatchString(t) || liberal && zhOrgSuffixRe.MatchString(t) && (hanName(next) || zhRoleTailRe.MatchString(next)) {
				continue
			}
		}
		if s := zhCreditSuffixRe.ReplaceAllString(t, ""); s != t {
			// "韩松湖畔报道" is rare; a token ending in 报道 is a place.
			if lead && hanName(s) {
				out = append(out, s)
			}
			break
		}
		ok := hanName(t)
		if !ok && lead && liberal {
			n := utf8.RuneCountInString(t)
			ok = n >= 2 && n <= 12 && plausibleAuthor(t) && !strings.ContainsAny(t, "0123456789") && !zhSpeechRe.MatchString(t)
		}
		if !ok {
			break
		}
		out = append(out, t)
	}
	return out
}

// zhNameToken is a credit's token without its brackets, and without the
// affiliation a bracket adds to a name ("王若溪（江城大学教授）").
func zhNameToken(t string) string {
	if j := strings.IndexAny(t, "（("); j > 0 {
		t = t[:j]
	}
	return strings.Trim(t, "()（）[]【】<>《》:：。.")
}

// zhRoleTailRe: a token that is a role, not a name ("本报记者",
// "江城晚报记者", "特约通讯员").
var zhRoleTailRe = regexp.MustCompile(`(?:` + zh.Alt("记者", "通讯员", "实习生", "评论员", "编辑") + `)$`)

// zhBookLineRe: the labels of a book's record ("作者：X 出版社：Y ISBN：…"),
// which a review or a catalogue page shows: its 作者 wrote the book, not
// the page.
var zhBookLineRe = regexp.MustCompile(`(?:` + zh.Alt("出版社", "出版时间", "出版日期", "定价", "书号", "译者", "页数", "装帧") + `)\s*[:：]|ISBN`)

func zhBookLine(t string) bool { return zhBookLineRe.MatchString(t) }

// zhSpeechRe: the particles and question words of a spoken sentence,
// which a pen name does not hold ("记者：现在年轻人学这个的多吗", "作者：
// 您觉得怎么样"). Pronouns are left out: pen names use them ("他山之石").
var zhSpeechRe = regexp.MustCompile(`[吗呢吧啊嘛您]|什么|怎么|为何|是否|请问|一下|多少`)

// zhReporterNames reads a 记者： value: a reporter is credited by a
// personal name (at most four characters) or a Latin one, never by the
// pen names and organisations a 作者 label may carry.
func zhReporterNames(v string) []string {
	names := zhNames(v, true)
	if len(names) > 0 && isHan(firstRune(names[0])) && utf8.RuneCountInString(names[0]) > 4 {
		return nil
	}
	return names
}

// zhCutCode drops the staff code some CMSs join to a Han name
// ("孙若兰_NB1234", "孙若兰_NF").
func zhCutCode(t string) string {
	if i := strings.IndexByte(t, '_'); i > 0 && allHan(t[:i]) {
		return t[:i]
	}
	return t
}

// zhResult is what the label lines of a page say.
type zhResult struct {
	authors  []string // 作者
	reporter []string // 记者, 通讯员
	editors  []string // 编辑
	poster   []string // "网名 发表于 2006-3-14", "由 网名 于 … 发布"
	owner    []string // the blog's owner, from the title or the path
	blogger  []string // the blog's owner, from a "博主：" line
	own      []string // the post's own byline: its dated 作者 line, "posted @ 日期 X", "原创 X"
	forum    []string // a forum thread's starter (see forumPoster)
	thread   bool     // the page shows forum-thread marks (楼主, 发表于)
	threadAt int      // one more than the index of the first such line
	blogHost bool     // the page's host is a blog host (blog.*)
	prose    bool     // a line of prose (zhProse) outside noise came before
	proseAt  int      // one more than the index of that line
	// sectioned: a heading followed the prose, opening another section
	// (comments, related stories, a sidebar's box).
	sectioned bool
	proseBox  *html.Node // the element holding that prose line's block
	repost    bool       // a line marks the text as reposted (转载自, 原文地址)
	// posterAt and creditAt are one more than the index of the line the
	// poster, and the first 作者 or 记者 credit, was read from (0: none).
	posterAt, creditAt int
	source             string
	views              int64
	dateLine           []int // indexes of lines with a date label
}

// readZhLabels reads the label lines. Lines in navigation, footers and
// comment blocks are skipped for names but not for the credit closing the
// body (which often sits in a footer-like div).
func readZhLabels(lines []metaLine) zhResult {
	var r zhResult
	var photo []string // a photographer's credit: the reporter only if no other
	for i, ln := range lines {
		t := ln.text
		if !hasHanLabelHint(t) {
			continue
		}
		hadReporter := r.reporter != nil
		short := ln.runes <= 120
		// Whether t holds a reporter's word, once known (two credit
		// readers ask).
		var reporterWord, reporterKnown bool
		if short {
			fields := zhFields(t)
			// "作者：" alone, the value in the next element.
			if len(fields) == 1 && fields[0].value == "" && i+1 < len(lines) && lines[i+1].runes <= 30 && zhFields(lines[i+1].text) == nil {
				fields[0].value = lines[i+1].text
			}
			for _, f := range fields {
				switch f.role {
				case zhAuthor:
					if r.authors == nil && !ln.noise && !zhBookLine(t) && !opensWithTitleLink(ln.node) {
						r.authors = zhNames(f.value, true)
					}
				case zhReporter:
					if r.reporter == nil && !ln.noise {
						r.reporter = zhReporterNames(f.value)
					}
				case zhEditor:
					if r.editors == nil {
						r.editors = zhNames(f.value, true)
					}
				case zhSource:
					if r.source == "" && !ln.noise {
						r.source = zhSourceValue(f.value)
					}
				}
			}
			if r.reporter == nil && !ln.noise {
				reporterWord, reporterKnown = zhHasReporterWord(t), true
				if reporterWord {
					r.reporter = zhBareCredit(t)
				}
			}
			// A poster after a heading that follows the prose is a
			// comment's (see zhResult.sectioned).
			if r.poster == nil && !ln.noise && !r.sectioned && ln.runes <= 60 && zhPostedSet.In(t) {
				if m := zhPostedRe.FindStringSubmatch(t); m != nil && !zhFloorRe.MatchString(m[1]) {
					r.poster = cleanAuthors(m[1])
				}
			}
			marks := r.readPostLine(ln, i)
			if r.poster == nil && !ln.noise && !r.sectioned && ln.runes <= 80 {
				if r.poster = zhByPoster(t); r.poster == nil && marks&markPublish != 0 {
					r.poster = zhPublisher(t)
				}
			}
			if r.authors == nil && !ln.noise && ln.runes <= 40 {
				r.authors = zhSlashCredit(t)
			}
		}
		if r.views == 0 && !ln.noise && ln.runes <= 200 && strings.ContainsAny(t, "0123456789") && zhViewsSet.In(t) {
			if m := zhViewsRe.FindStringSubmatch(t); m != nil {
				n := m[1]
				if n == "" {
					n = m[2]
				}
				r.views, _ = strconv.ParseInt(n, 10, 64)
			}
		}
		if r.editors == nil && !ln.noise && ln.runes <= 40 && zhEditorSet.In(t) {
			if m := zhBareEditorRe.FindStringSubmatch(strings.TrimRight(t, "）) ")); m != nil && hanName(m[1]) {
				r.editors = []string{m[1]}
			}
		}
		// The credit that opens a lead paragraph: "本报讯（记者
		// 林晓舟）…", "本报记者林晓舟发自湖畔 …" (a short lead too, whose
		// sentences keep the whole line from reading as a credit).
		if r.reporter == nil && !ln.noise && (reporterKnown && reporterWord || !reporterKnown && zhHasReporterWord(t)) {
			r.reporter = zhLeadCredit(t)
		}
		// The credit that closes the body: "……。（记者 林晓舟）".
		if r.reporter == nil && !ln.noise && ln.links*2 < ln.runes && endsParen(t) {
			if m := zhTrailParenRe.FindStringSubmatchIndex(t); m != nil && zhParenEndsText(t[:m[0]]) {
				r.reporter = zhParenCredit(t[m[2]:m[3]])
			}
		}
		if !hadReporter && r.reporter != nil && zhPhotoCreditRe.MatchString(t) {
			// "记者 李雨桐 摄" under a picture credits the photograph.
			if photo == nil {
				photo = r.reporter
			}
			r.reporter = nil
		}
		if !r.prose && !ln.noise && zhProse(t, ln.runes) {
			r.prose, r.proseAt = true, i+1
			if ln.node != nil {
				r.proseBox = ln.node.Parent
			}
		}
		if r.prose && ln.heading > 0 && !under(ln.node, r.proseBox) {
			r.sectioned = true // not a subheading of the text
		}
		if r.posterAt == 0 && r.poster != nil {
			r.posterAt = i + 1
		}
		if r.creditAt == 0 && (r.authors != nil || r.reporter != nil) {
			r.creditAt = i + 1
		}
	}
	if r.reporter == nil {
		r.reporter = photo
	}
	return r
}

// zhPhotoCreditRe: a line that ends in a photographer's credit.
var zhPhotoCreditRe = regexp.MustCompile(`(?:` + zh.Alt("摄", "摄影") + `)\s*[)）]?\s*$`)

// The words the patterns below need, tested with strings.Contains before
// the patterns run: most lines hold none of them.
var (
	zhPostedWords = append(zh.Both("发表", "发布于"), "posted")
	zhViewsWords  = zh.Both("点击", "阅读", "浏览", "访问", "人气")
	zhReportWords = zh.Both("记者", "通讯员", "实习生")
	zhEditorWords = zh.Both("编辑")

	// The same lists as one-pass scans (TestWordScans, FuzzWordScans):
	// a Contains per word stopped at nearly every Han character.
	zhPostedSet, zhViewsSet  = boilerplate.NewScan(zhPostedWords, nil), boilerplate.NewScan(zhViewsWords, nil)
	zhReportSet, zhEditorSet = boilerplate.NewScan(zhReportWords, nil), boilerplate.NewScan(zhEditorWords, nil)
)

// containsAnyWord reports whether s holds one of words.
func containsAnyWord(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func zhHasReporterWord(s string) bool { return zhReportSet.In(s) }

// endsParen: the line ends with a closing parenthesis (zhTrailParenRe).
func endsParen(s string) bool {
	s = strings.TrimRight(s, " \t\n\r\f")
	return strings.HasSuffix(s, ")") || strings.HasSuffix(s, "）")
}

// hasHanLabelHint is a cheap filter before the label patterns: a line
// needs Han text (or digits for views) to hold a label.
//
// It is the loop "any r >= 0x3400 in range s" (an invalid byte reads as
// U+FFFD and passes) with ASCII skipped eight bytes at a time: on a page
// in a Latin script the rune loop cost more than the labels
// (TestHanLabelHint, FuzzHanLabelHint).
func hasHanLabelHint(s string) bool {
	i := 0
	for i < len(s) {
		if i+8 <= len(s) && s[i]|s[i+1]|s[i+2]|s[i+3]|s[i+4]|s[i+5]|s[i+6]|s[i+7] < utf8.RuneSelf {
			i += 8
			continue
		}
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x3400 {
			return true
		}
		i += n
	}
	return false
}

// zhBareCredit reads "本报记者 许青禾", "记者 叶青 李雨桐" (no colon) in a
// short line. Several groups ("实习生 … 记者 …") are merged.
func zhBareCredit(t string) []string {
	var out []string
	for _, m := range zhReporterRe.FindAllStringSubmatchIndex(t, -1) {
		if m[1] < len(t) && (t[m[1]] == ':' || strings.HasPrefix(t[m[1]:], "：")) {
			continue // read by zhFields
		}
		rest := t[m[1]:]
		if zhVerbAfterLabel(rest) {
			continue // "记者了解到", running text
		}
		if j := strings.IndexAny(rest, ")）】"); j >= 0 {
			rest = rest[:j] // "（记者 林晓舟 周明远）湖畔码头…", "【江城晚报记者 林晓舟】…"
		}
		rest = strings.TrimLeft(rest, " |｜丨") // "记者丨林晓舟"

		if j := zhReporterRe.FindStringIndex(rest); j != nil {
			rest = rest[:j[0]]
		}
		for _, n := range zhNames(rest, false) {
			out = appendUniqueFold(out, n)
		}
	}
	return out
}

// zhParenCredit reads the inside of a closing parenthesis: "记者 林晓舟",
// "何春生 赵明月", "韩松 湖畔报道", "编辑：叶舟".
func zhParenCredit(s string) []string {
	if zhBareEditorRe.MatchString(s) {
		return nil // an editor's, not the article's credit
	}
	for _, f := range zhFields(s) {
		if f.role == zhAuthor || f.role == zhReporter {
			return zhNames(f.value, true)
		}
		return nil
	}
	if n := zhBareCredit(s); n != nil {
		return n
	}
	if zhReporterRe.MatchString(s) {
		return nil
	}
	toks := strings.Fields(s)
	var out []string
	for i, t := range toks {
		if i > 0 && zhCreditSuffixRe.MatchString(t) {
			break
		}
		if !hanName(t) {
			return nil
		}
		out = append(out, t)
	}
	return out
}

// zhSourceValue keeps the publisher from a 来源 value: the first token,
// without the trailing credit or counter some CMSs run into it.
func zhSourceValue(v string) string {
	v = strings.Trim(v, " []［］")
	if v == "" {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(v)
	if isHan(r) {
		if f := strings.Fields(v); len(f) > 0 {
			v = f[0]
		}
	} else if i := strings.Index(v, "  "); i >= 0 {
		v = v[:i]
	}
	v = strings.Trim(v, " ,，;；。")
	if _, _, ok := date.Find(v, date.Context{}); ok || utf8.RuneCountInString(v) > 40 || strings.ContainsAny(v, "=<>\"{}") {
		return ""
	}
	return v
}

// zhParenEndsText: a closing credit follows the end of a sentence (or
// stands alone), unlike "(房产)" after a link title.
func zhParenEndsText(before string) bool {
	before = strings.TrimSpace(before)
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune("。！？.!?”」』…", r)
}

// under reports whether n is box or inside it (false for a nil box).
func under(n, box *html.Node) bool {
	if box == nil {
		return false
	}
	for p := n; p != nil; p = p.Parent {
		if p == box {
			return true
		}
	}
	return false
}
