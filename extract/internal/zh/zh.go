// Package zh holds the Chinese words the extractor reads metadata by: the
// label table (作者, 记者, 来源, 发布时间, 点击量 …) and the word lists the
// line patterns test for. Each word is written once, in simplified
// characters; its traditional spellings are derived from one character
// table, so that the two scripts can never drift apart.
package zh

import (
	"regexp"

	"newsarchive/extract/internal/alt"
)

// Role is what a label says its value is.
type Role int

const (
	None     Role = iota
	Author        // 作者, 撰文, 执笔, 文
	Reporter      // 记者, 通讯员, 实习生
	Editor        // 编辑, 责任编辑
	Source        // 来源, 出处
	Date          // 发布时间, 日期
	Views         // 点击量, 阅读
	Other         // 摄影, 审核… (ends the previous value)
)

// labels is the one label table, in simplified characters.
var labels = []struct {
	role  Role
	words []string
}{
	{Author, []string{"作者", "发文机关", "撰文", "执笔人", "执笔", "文", "撰稿", "撰稿人"}},
	{Reporter, []string{"记者", "通讯员", "实习生", "特约记者"}},
	{Editor, []string{"编辑", "责任编辑", "责编", "编者", "小编"}},
	{Source, []string{"来源", "文章来源", "信息来源", "新闻来源", "稿件来源", "稿源", "出处", "来自", "转载自"}},
	{Date, []string{"发布时间", "发表时间", "发布日期", "发表日期", "发文日期", "成文日期", "发稿时间", "更新时间", "时间", "日期", "发布", "发布于", "发表于"}},
	{Views, []string{"点击量", "点击数", "点击", "阅读量", "阅读数", "阅读", "浏览量", "浏览次数", "浏览", "访问量", "人气", "访问统计"}},
	{Other, []string{"摄影", "审核", "校对", "主编", "监制", "字号", "字体", "分享到", "标签", "关键词", "发布人", "楼层", "能力值"}},
}

// traditional maps a simplified character to its traditional spellings
// (布 is written both 布 and 佈 in 发布). Characters the same in both
// scripts are absent.
var traditional = map[rune]string{
	'来': "來", '记': "記", '编': "編", '辑': "輯", '责': "責", '讯': "訊", '员': "員",
	'实': "實", '习': "習", '约': "約", '点': "點", '击': "擊", '阅': "閱", '读': "讀",
	'浏': "瀏", '览': "覽", '访': "訪", '问': "問", '气': "氣", '发': "發", '布': "布佈",
	'时': "時", '间': "間", '于': "於", '闻': "聞", '报': "報", '导': "導", '摄': "攝",
	'审': "審", '对': "對", '监': "監", '制': "製", '号': "號", '数': "數", '关': "關",
	'键': "鍵", '词': "詞", '标': "標", '签': "籤", '楼': "樓", '层': "層", '统': "統",
	'计': "計", '处': "處", '转': "轉", '载': "載", '执': "執", '笔': "筆", '机': "機",
	'体': "體", '资': "資", '链': "鏈", '觉': "覺", '观': "觀",
	'采': "採", '获': "獲", '现': "現", '绍': "紹", '认': "認", '为': "為", '说': "說",
	'称': "稱", '还': "還", '随': "隨", '调': "調", '询': "詢", '联': "聯", '系': "繫",
	'们': "們", '团': "團", '节': "節", '会': "會", '证': "證", '从': "從", '后': "後",
	'译': "譯", '视': "視", '广': "廣", '电': "電", '专': "專", '栏': "欄", '个': "個",
	'网': "網", '腾': "騰", '厅': "廳", '厂': "廠", '办': "辦", '杂': "雜", '志': "誌",
	'创': "創", '频': "頻", '线': "線", '价': "價", '书': "書", '张': "張", '贴': "貼", '页': "頁", '装': "裝", '帧': "幀",
}

// Both returns each word followed by its traditional spellings, without
// repeats, in the order given.
func Both(words ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range words {
		for _, v := range spellings(w) {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

// spellings is w and every traditional spelling of it (the product of
// its characters' spellings), w first.
func spellings(w string) []string {
	out := []string{""}
	for _, r := range w {
		alts := []string{string(r)}
		for _, t := range traditional[r] {
			if t != r {
				alts = append(alts, string(t))
			}
		}
		next := make([]string, 0, len(out)*len(alts))
		for _, p := range out {
			for _, a := range alts {
				next = append(next, p+a)
			}
		}
		out = next
	}
	return out
}

// Alt is the regexp alternation of words in both scripts, longest first.
func Alt(words ...string) string {
	both := Both(words...)
	for i, w := range both {
		both[i] = regexp.QuoteMeta(w)
	}
	return alt.Longest(both)
}

// Labels maps every label, in both scripts, to its role.
var Labels = func() map[string]Role {
	m := map[string]Role{}
	for _, l := range labels {
		for _, w := range Both(l.words...) {
			m[w] = l.role
		}
	}
	return m
}()
