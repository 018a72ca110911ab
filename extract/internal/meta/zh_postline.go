package meta

import (
	"strings"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/date"

	"newsarchive/extract/internal/zh"
)

// Which post-byline patterns (zh_thread.go) a line is offered to, and
// the reading of one line by all of them.

// The words the post-byline patterns open with or hold, tested before
// the patterns run: most lines of a page hold none of them
// (FuzzZhThreadPrefilters checks each is sound).
var (
	zhPostedAtFirst      = append([]string{"posted"}, zh.Both("发表于", "发布于")...)
	zhAuthorWords        = zh.Both("作者")
	zhStarterWords       = zh.Both("楼主", "发帖人", "帖主", "张贴者")
	zhFooterStarterWords = zh.Both("张贴者")
	zhPublisherWords     = zh.Both("发布者", "发布人")
	zhOriginalWords      = zh.Both("原创")
	zhBloggerWords       = zh.Both("博主")
	zhPostHeadWords      = zh.Both("由")
	zhRepostWords        = zh.Both("转载", "转自", "原文")
)

// hasAnyPrefix reports whether s opens with one of words, after blanks.
func hasAnyPrefix(s string, words []string) bool {
	s = strings.TrimLeft(s, " \t\u00a0\u3000")
	for _, w := range words {
		if len(s) >= len(w) && strings.EqualFold(s[:len(w)], w) {
			return true
		}
	}
	return false
}

// zhRepostLine: zhRepostRe behind its prefilter, which wants a repost
// word where the pattern does, at the start after one bracket.
func zhRepostLine(t string) bool {
	s := strings.TrimLeft(t, " \t\n\r\f")
	for _, b := range []string{"[", "【", "(", "（"} {
		s = strings.TrimPrefix(s, b)
	}
	return hasAnyPrefix(s, zhRepostWords) && zhRepostRe.MatchString(t)
}

// The characters the post-byline patterns need, found in one pass over
// a line (zhPostMarks) so that a line is offered only to the patterns it
// may match.
const (
	markAuthor  = 1 << iota // 作 (作者)
	markPost                // 发 發 (发表于, 发帖人)
	markFloor               // 楼 樓 帖 贴 貼 (楼主, 帖主, 张贴者)
	markOrig                // 原 (原创, 原文)
	markBlog                // 博 (博主)
	markBy                  // b B (by)
	markPosted              // p P (posted)
	markOf                  // 的 (X的博客)
	markRepost              // 转 轉 (转载)
	markPublish             // 布 佈 (发布者)
	markFrom                // 由 (由 X »)
)

func zhPostMarks(t string) (m uint16) {
	for _, r := range t {
		switch r {
		case '作':
			m |= markAuthor
		case '发', '發':
			m |= markPost
		case '楼', '樓', '帖', '贴', '貼':
			m |= markFloor
		case '原':
			m |= markOrig
		case '博':
			m |= markBlog
		case 'b', 'B':
			m |= markBy
		case 'p', 'P':
			m |= markPosted
		case '的':
			m |= markOf
		case '转', '轉':
			m |= markRepost
		case '布', '佈':
			m |= markPublish
		case '由':
			m |= markFrom
		}
	}
	return m
}

// readPostLine reads, from line i, what names a post's own byline (see
// pageAuthors): the post's meta line, the blog's owner, the marks of a
// thread and of a repost. It returns the line's marks (zhPostMarks;
// zero for a line over 80 characters).
func (r *zhResult) readPostLine(ln metaLine, i int) uint16 {
	t := ln.text
	var marks uint16
	if ln.runes <= 80 {
		marks = zhPostMarks(t)
	}
	// The post's own byline stands before the sections that follow its
	// text (the comments' "作者 X · 日期", a related story's).
	if r.own == nil && marks != 0 && !r.sectioned && !opensWithTitleLink(ln.node) {
		// The post's meta line may sit in the post's footer block.
		if marks&markAuthor != 0 {
			r.own = zhPostAuthorLine(t)
		}
		if r.own == nil && marks&(markPosted|markPost) != 0 {
			r.own = zhPostedAfterDate(t)
		}
		if r.own == nil && marks&markOrig != 0 && !ln.noise && i < zhOriginalMaxLine {
			if r.own = zhOriginalAuthor(t); r.own != nil && !originalBadge(ln.node, t) {
				r.own = nil // "原创 话剧 《渡口》" in the text: no mark of its own
			}
		}
		if r.own == nil && marks&markBy != 0 {
			r.own = zhByLine(t)
		}
		if r.own == nil && marks&markFrom != 0 && !ln.noise {
			r.own = zhPostHead(t)
		}
		if r.own == nil && marks&(markFloor|markPost) != 0 {
			r.own = zhStarter(t, r.prose) // in the post's footer block too
		}
	}
	if len(r.own) > 0 && zhOrgSuffixRe.MatchString(r.own[0]) {
		r.own = nil // "原创 江城晚报 …", "by 江城日报": the outlet, not a byline
	}
	if r.blogger == nil && ln.runes <= 24 && marks&(markBlog|markOf) != 0 {
		// The profile box sits in the sidebar.
		if r.blogger = zhBlogger(t); r.blogger == nil && i < zhOriginalMaxLine {
			r.blogger = zhBlogName(t)
		}
	}
	if !r.thread && ln.runes <= 60 && marks&(markFloor|markPost) != 0 && containsAnyWord(t, zhThreadWords) {
		r.thread, r.threadAt = true, i+1
	}
	if !r.repost && marks&(markRepost|markOrig) != 0 && zhRepostLine(t) {
		r.repost = true
	}
	return marks
}

// teaserTitleHan: the Han runes of a link that reads as another story's
// title, longer than any name.
const teaserTitleHan = 6

// firstText is the first text node holding more than blanks under
// block, outside hidden and code elements; nil if none.
func firstText(block *html.Node) *html.Node {
	if block == nil {
		return nil
	}
	for c := block.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return c
		}
		if c.Type == html.ElementNode && !skipHidden(c) {
			if t := firstText(c); t != nil {
				return t
			}
		}
	}
	return nil
}

// opensWithTitleLink reports whether the block opens with a link to
// another story ("<a>地铁二号线客流创新高</a> 作者：X 2023-08-12"): an
// item of a related-reading list, whose byline is that story's. A
// post's own meta line opens with its label or the poster's name.
func opensWithTitleLink(block *html.Node) bool {
	first := firstText(block)
	if first == nil {
		return false
	}
	for p := first.Parent; p != nil && p != block; p = p.Parent {
		if p.Type == html.ElementNode && p.Data == "a" {
			han := 0
			for _, r := range mWords(p) {
				if isHan(r) {
					han++
				}
			}
			return han >= teaserTitleHan
		}
	}
	return false
}

// originalBadge reports whether the 原创 opening line t is the mark of
// a public-account article: 原创 in an element of its own (the badge
// before the writer's name), or a line that dates the post.
func originalBadge(block *html.Node, t string) bool {
	if _, _, ok := date.Find(t, date.Context{}); ok {
		return true
	}
	first := firstText(block)
	if first == nil {
		return false
	}
	s := strings.TrimSpace(first.Data)
	for _, w := range zhOriginalWords {
		if s == w {
			return true
		}
	}
	return false
}
