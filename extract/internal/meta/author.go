package meta

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"newsarchive/extract/internal/boilerplate"
	"newsarchive/extract/internal/date"
	"newsarchive/extract/internal/dom"
	"newsarchive/extract/internal/zh"
)

var (
	// byPrefixRe strips the "By" / "Written by" / "Analysis by" / "This post
	// was written by" / "作者：" / "Текст:" lead of a byline.
	byPrefixRe = regexp.MustCompile(`(?i)^(?:this (?:post|article|story|piece) was (?:written|contributed) )?(?:(?:written|authored|posted|published|reported|compiled|edited|curated|words|text|story|articles?|photos?|analysis|opinion|commentary|column|essay|interview)\s+(?:and\s+\w+\s+)?)?(?:by|from)\s*[:\-]?\s+|^(?:author|authors|contributors?|written by|authored by|posted by|byline|by|текст|автор)\s*[:：]\s*|^(?:` + zh.Alt("作者", "撰文", "文", "记者", "执笔人", "执笔") + `)\s*[:：/／]\s*`)
	// orgAndRe: an organisation's name joined by "and" ("Department of X
	// and Y"): lower-case function words inside, no comma.
	orgAndRe = regexp.MustCompile(`^[^,;、，]*\b(?:of|for|the|on)\b[^,;、，]*\sand\s[^,;、，]*$`)
	// courtesyRe: photo credits that sit in byline-like elements.
	courtesyRe = regexp.MustCompile(`(?i)^(?:courtesy|photo|image|illustration|source|credit)\b`)
	// monthDayRe: "Dec. 19", "August 28" — a date without a year.
	monthDayRe = regexp.MustCompile(`(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}\b`)
	// weekdayTailRe: a weekday left at the end once the date is cut, as
	// the date's first part ("Monday, November 18"): the comma tells it
	// from a surname ("Ann Sunday September 5").
	weekdayTailRe = regexp.MustCompile(`(?i)[\s,]+(?:on\s+)?(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?\s*,\s*$`)
	// roleLabelRe: a part that starts with a lower-case role label and a
	// colon ("design: …"), as credit lists write them.
	roleLabelRe = regexp.MustCompile(`^\s*([a-z][a-z ]{1,20}):\s*\S`)
	// writingLabelRe: role labels that credit the text itself.
	writingLabelRe = regexp.MustCompile(`^(?:by|words|text|story|authors?|written by|writers?|reporting|reporters?)$`)
	// foreignByRe: the "by" of other languages before a capitalised
	// name ("Von Erika Muster", "par Jean Dupont", "por Ana Ruiz", "door
	// Jan Jansen", "av Anna Berg"); "von der Leyen" keeps its particle.
	foreignByRe = regexp.MustCompile(`^(?:[Vv]on|[Pp]ar|[Pp]or|[Dd]oor|[Aa]v)\s*:?\s+(\p{Lu})`)
	// dateLeadTailRe: the word that led into a date, left at the end
	// once the date is cut ("Von Erika Muster am 3. Mai 2021", "Jane Roe
	// on May 3, 2021").
	dateLeadTailRe = regexp.MustCompile(`\s+(?:on|at|am|um|vom)\s*[,.]?\s*$`)
	// authorSplitRe separates several authors.
	authorSplitRe = regexp.MustCompile(`(?i)\s*(?:,?\s+(?:and|und|et|y|e|with)\s+|,|;|，|、|；|\s&\s|&amp;|\|)\s*`)
	// authorJunkPartRe: phrases that make a whole value junk.
	authorJunkPartRe = regexp.MustCompile(`(?i)\b(?:email the author|follow on|view (?:all )?(?:posts|articles)|updated|minutes? ago|hours? ago|days? ago|min read|read time|reading time|comments?|share this|click here|sign up|subscribe|copyright|all rights reserved|\d+\s*(?:min|mins)\b|https?:|www\.|\.com\b|@\w)`)
	// authorTrailRe cuts what commonly trails a name in a byline.
	authorTrailRe = regexp.MustCompile(`(?i)\s*(?:[|•·–—●⋅]|\s-\s|\b(?:on|at)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|\d)|\bupdated\b|\bpublished\b|\bposted\b|\blast updated\b|\s(?:in|on behalf of|reviewed by|fact[- ]checked by|edited by|medically reviewed by)\s|\d{1,2}:\d{2}|\d{4}-\d{1,2}-\d{1,2}|\(\s*(?:opens|@)).*$`)
)

// cleanAuthors turns one raw author value (a meta tag, a JSON-LD name, a
// byline element's text) into names: prefix "By" dropped, split on "and",
// commas, 、 and &, junk rejected. It returns nil when nothing is left.
func cleanAuthors(raw string) []string {
	s := dom.Collapse(mFixText(raw))
	if s == "" || len(s) > 300 {
		return nil
	}
	// "Dec. 19, 2025 · Jane Doe": a leading date goes, with its separator.
	if _, pos, end, ok := date.FindSpan(s, date.Context{}); ok && pos == 0 {
		s = strings.TrimLeft(s[end:], " ·•|–—-,:")
	}
	s = stripByPrefix(s)
	s = foreignByRe.ReplaceAllString(s, "$1")
	s = cutAuthorTrail(s)
	// "Jane Doe September 5, 2024" / "Jane Doe Dec. 19": the date ends the name.
	cut := false
	if _, pos, ok := date.Find(s, date.Context{}); ok && pos > 0 {
		// "Jane Doe Monday, November 18, 2019": the weekday goes too.
		s, cut = weekdayTailRe.ReplaceAllString(s[:pos], ""), true
	}
	if loc := monthDayRe.FindStringIndex(s); loc != nil {
		s, cut = s[:loc[0]], true
	}
	if cut {
		s = dateLeadTailRe.ReplaceAllString(s, "")
	}
	s = strings.Trim(s, " :：,;-–—|/()[]【】")
	if s == "" || isAuthorJunkPart(s) {
		return nil
	}
	var out []string
	parts := splitAuthors(s)
	if len(parts) > 1 && orgAndRe.MatchString(s) {
		// "Institute for Coastal Survey and Mapping": one organisation,
		// its "and" is part of the name (lower-case words show it).
		parts = []string{s}
	}
	// "design: Jane Roe, code: John Doe": the credits of the site's
	// makers (humans.txt style), not the article's author.
	// A list that labels the writing ("words: …, photos: …") is a byline.
	roles := 0
	for _, p := range parts {
		if m := roleLabelRe.FindStringSubmatch(p); m != nil {
			if writingLabelRe.MatchString(m[1]) {
				roles = 0
				break
			}
			roles++
		}
	}
	if roles >= 2 {
		return nil
	}
	described := false
	for i, p := range parts {
		p = stripByPrefix(strings.TrimSpace(p))
		p = strings.Trim(p, " :：,;-–—|/.()[]【】\"'“”")
		if !plausibleAuthor(p) {
			continue
		}
		if len(out) > 0 && describesName(p) {
			// "Jane Roe, MD, Senior Editor, Example Corp": what follows
			// the name describes it.
			described = true
			continue
		}
		if described && !(nameLike(p) && i+1 < len(parts) && credentialRe.MatchString(strings.Trim(parts[i+1], " .,"))) {
			// After a description only another name with its own
			// credential is a co-author ("Jane Roe, MD, John Doe, MD").
			continue
		}
		out = appendUniqueFold(out, p)
	}
	return out
}

var (
	// credentialRe: a degree or certification set after a name ("MD",
	// "Ph.D", "RDN"): one short upper-case token.
	credentialRe = regexp.MustCompile(`^(?:[A-Z][A-Za-z]?\.?){1,3}[A-Z]\.?$|^Ph\.?\s?D\.?$`)
	// jobTitleRe: a job title set after a name ("Senior Analyst", "CEO of
	// Example Corp", "Staff Writer").
	jobTitleRe = regexp.MustCompile(`(?i)\b(?:head of|chief|officer|editor(?:-at-large)?|columnist|writer|reporter|correspondent|contributor|analyst|co-?founder|founder|ceo|cto|coo|cfo|director|manager|journalist|coordinator|consultant|specialist|producer|photographer|president)s?\b`)
)

// describesName: a credential or job title, set after a name.
func describesName(p string) bool { return credentialRe.MatchString(p) || jobTitleRe.MatchString(p) }

// plausibleAuthor rejects what cannot be a name: junk words, dates,
// numbers, URLs, sentences.
func plausibleAuthor(s string) bool {
	if s == "" || isAuthorJunk(s) || isAuthorJunkPart(s) || strings.ContainsAny(s, "=<>{}\"") {
		return false
	}
	if strings.HasPrefix(s, "发表于") || strings.HasPrefix(s, "發表於") {
		return false // "发表于浙江": where it was posted from
	}
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 80 {
		return false
	}
	letters, digits, words := 0, 0, len(strings.Fields(s))
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r):
			digits++
		}
	}
	if letters == 0 || digits > 2 || words > 8 {
		return false
	}
	// "page.head.extra.author": a template key, not a name.
	if words == 1 && strings.Count(s, ".") >= 3 {
		return false
	}
	if courtesyRe.MatchString(s) {
		return false
	}
	if _, _, ok := date.Find(s, date.Context{}); ok {
		return false
	}
	return true
}

func appendUniqueFold(list []string, s string) []string {
	for _, e := range list {
		if strings.EqualFold(e, s) {
			return list
		}
	}
	return append(list, s)
}

// lastFirstRe: "Roe, Jane" — the citation convention for one author.
// Compiled on first use: its Unicode classes cost more at start-up than
// all the other patterns of the package, and few pages need it.
var lastFirstRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([\p{Lu}][\p{L}'’-]+),\s*([\p{Lu}][\p{L}.'’ -]{0,30})$`)
})

// authorsFromValues cleans several raw values and merges them.
func authorsFromValues(vals []string) []string {
	var out []string
	for _, v := range vals {
		if looksLikeURL(v) || softwareAuthorRe.MatchString(v) {
			// og article:author is often a profile link: the name is not in it;
			// forum and CMS templates name their own makers.
			continue
		}
		if len(vals) < 2 || !strings.Contains(v, ",") {
			// one value, or no comma: not "Last, First"
		} else if m := lastFirstRe().FindStringSubmatch(strings.TrimSpace(v)); m != nil {
			// Several "Last, First" values (citation_author) are one name each.
			v = strings.TrimSpace(m[2]) + " " + m[1]
		}
		for _, a := range cleanAuthors(v) {
			out = appendUniqueFold(out, a)
		}
	}
	return out
}

// softwareAuthorRe: an author meta a forum or CMS template ships with
// ("Discuz! Team and Comsenz UI Team", "Powered by ExampleCMS", a bare
// "WordPress"). The makers of forum software are never a page's author;
// a general CMS name counts only as the whole value, since a writers'
// team may be named after the software it writes about ("Drupal Gurus").
var softwareAuthorRe = regexp.MustCompile(`(?i)\b(?:discuz|comsenz|phpwind|dedecms|phpcms|empirecms)\b|\bpowered by\b|^\s*(?:wordpress|joomla!?|drupal|typecho|z-blog)(?:\.(?:org|com))?(?:\s+team)?\s*$`)

func looksLikeURL(s string) bool {
	s = strings.TrimSpace(strings.ToLower(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "www.")
}

// ---- Chinese names ----

// hanSurnames are common Chinese family names (simplified and traditional),
// so that a bare "记者 王若溪" or "（何春生 赵明月）" can be told from
// "记者看到…" in running text.
var hanSurnames = func() map[rune]bool {
	const s = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由" +
		"張劉陳楊黃趙吳孫馬郭羅鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒龔錢嚴湯聶魯歐蘭寧紀畢塗駱藍靳飽喬龐莊顏閻閆雲鄺師閔欒鄔邊佘竇蔣賀顧鄔麥饒鮑閻於" +
		// The traditional spellings of the rest, and 赖 (賴), common in Taiwan.
		"龍萬溫齊關單華陽時農繆車項連蘆婁黨費衛應榮叢鞏遲談荊樂儲勞諶藺樓盤滿聞厲區闞權強帥樸蓋練豐國計晉門來闕烏況鮮諸戰銀賓陰堯閉赖賴"
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}()

var hanDoubleSurnames = []string{"欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "东方", "東方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙", "宇文", "端木", "申屠", "西门"}

// isHan is unicode.Is(unicode.Han, r), the CJK Unified Ideographs block
// (all Han) first: most characters of a Chinese page are in it
// (TestIsHan checks every code point).
func isHan(r rune) bool {
	if r >= 0x4e00 && r <= 0x9fff {
		return true
	}
	return r >= 0x2e80 && unicode.Is(unicode.Han, r)
}

// allHan reports whether s is non-empty and only Han characters (and the
// middle dot of transliterated foreign names).
func allHan(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isHan(r) && r != '·' && r != '•' {
			return false
		}
	}
	return true
}

// hanName reports whether s reads as a Chinese personal name: two to four
// Han characters starting with a common surname.
func hanName(s string) bool {
	n := utf8.RuneCountInString(s)
	if !allHan(s) || n < 2 || n > 4 {
		return false
	}
	for _, d := range hanDoubleSurnames {
		if strings.HasPrefix(s, d) && n >= 3 {
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return hanSurnames[r]
}

// authorJunkWords are values that are not a person or organisation, in
// lower case: a value that is one of them in any letter case is junk.
var authorJunkWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"by", "staff", "admin", "administrator", "editor", "editors", "author", "authors", "guest",
		"anonymous", "unknown", "none", "null", "undefined", "published", "updated", "posted", "share",
		"follow", "email", "e-mail", "contact", "facebook", "twitter", "instagram", "linkedin", "youtube",
		"tiktok", "more", "read more", "view all posts", "see all", "all posts", "home", "news",
		"reporter", "correspondent", "contributor", "writer", "team", "the", "a", "an", "and", "in", "on",
		"at", "of", "photo", "photos", "image", "video", "comment", "comments", "subscribe", "sign in",
		"login", "log in", "post by", "posts by", "article by", "articles by", "more from", "about",
		"bio", "profile", "rss", "n/a", "ed", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
		"sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"written by", "learn more", "read bio", "see bio", "full bio", "member login", "about the author",
		"the author", "meet the author", "our team", "原创", "原創", "本文", "此文", "该文", "該文", "转载", "轉載", "本站",
		"佚名", "匿名", "网友", "網友", "编辑部", "小编", "管理员",
		"未知", "不详", "不詳", "暂无", "暫無", "网络", "網絡", "網路", "互联网", "互聯網", "网络整理", "網絡整理",
		"综合", "綜合", "综合整理", "綜合整理", "发表于", "發表於", "发布于", "發布於", "發佈於",
		"发表", "發表", "发布", "發布", "發佈", "楼主", "樓主",
	} {
		m[w] = true
	}
	return m
}()

// isAuthorJunk reports a value that is not a person or organisation: one
// of authorJunkWords in any letter case ((?i): the Kelvin sign is a k, ſ
// an s), or nothing but punctuation, symbols and white space (\s). It is
// the regexp its reference test keeps, read without the regexp engine:
// the engine tried a hundred words at once on every name.
func isAuthorJunk(s string) bool {
	if len(s) > authorJunkMaxLen {
		return onlyPunctSymbolSpace(s)
	}
	var buf [authorJunkMaxLen]byte
	key := buf[:0]
	for _, r := range s {
		switch {
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r == '\u212a':
			r = 'k'
		case r == 'ſ':
			r = 's'
		}
		key = utf8.AppendRune(key, r)
	}
	return authorJunkWords[string(key)] || onlyPunctSymbolSpace(s)
}

// authorJunkMaxLen bounds the bytes of a value that can be one of the
// words (the longest is "about the author"; a Kelvin sign or ſ takes more
// bytes than the letter it stands for, never more than three).
const authorJunkMaxLen = 64

// onlyPunctSymbolSpace: every rune of s is punctuation, a symbol or ASCII
// white space; an invalid byte reads as U+FFFD, a symbol.
func onlyPunctSymbolSpace(s string) bool {
	for _, r := range s {
		if !(r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' || unicode.IsPunct(r) || unicode.IsSymbol(r)) {
			return false
		}
	}
	return true
}

// authorJunkPartCores: every match of authorJunkPartRe holds one of
// these, in some letter case ("min" stands for the minutes and "min read",
// "view" for "view all posts").
var authorJunkPartCores = []string{"email the author", "follow on", "view", "updated", "min", "hour", "day",
	"read time", "reading time", "comment", "share this", "click here", "sign up", "subscribe", "copyright",
	"all rights reserved", "http", "www.", ".com", "@"}

// isAuthorJunkPart is authorJunkPartRe.MatchString, with a cheap test
// first: most names hold none of its words. A Kelvin sign or ſ, which
// (?i) reads as k and s, lets the value through to the regexp.
func isAuthorJunkPart(s string) bool {
	if !strings.Contains(s, "\u212a") && !strings.Contains(s, "ſ") && !containsAnyFold(s, authorJunkPartCores) {
		return false
	}
	return authorJunkPartRe.MatchString(s)
}

// containsAnyFold reports whether s holds one of the lower-case ASCII
// words in any letter case.
func containsAnyFold(s string, words []string) bool {
	for _, w := range words {
		if boilerplate.FoldContains(s, w) {
			return true
		}
	}
	return false
}
