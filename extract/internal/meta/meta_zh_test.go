package meta

import (
	"reflect"
	"strings"
	"testing"
)

// zhLines makes visible lines from plain strings (one per line), as
// metaLines would from a page.
func zhLines(texts ...string) []metaLine {
	out := make([]metaLine, len(texts))
	for i, t := range texts {
		// "## 留言": a heading line.
		h, ok := strings.CutPrefix(t, "## ")
		out[i] = metaLine{text: h, runes: len([]rune(h))}
		if ok {
			out[i].heading = 2
		}
	}
	return out
}

func TestReadZhLabels(t *testing.T) {
	tests := []struct {
		name     string
		lines    []string
		authors  []string
		reporter []string
		editors  []string
		source   string
		views    int64
	}{
		{
			name:    "one line, full-width colons",
			lines:   []string{"来源：化工网 作者：张三 点击量：123"},
			authors: []string{"张三"}, source: "化工网", views: 123,
		},
		{
			name:    "half-width colons and spaces, traditional",
			lines:   []string{"來源: 化工儀器網  作者: 陳大文  點擊量: 4567"},
			authors: []string{"陳大文"}, source: "化工儀器網", views: 4567,
		},
		{
			name:     "reporter without colon, several names",
			lines:    []string{"本报记者 王若溪 周明远"},
			reporter: []string{"王若溪", "周明远"},
		},
		{
			name:     "reporter then place",
			lines:    []string{"湖畔晚报记者 方远 湖畔县报道"},
			reporter: []string{"方远"},
		},
		{
			name:     "closing credit after the last sentence",
			lines:    []string{"推动高质量发展。（记者 林晓舟）"},
			reporter: []string{"林晓舟"},
		},
		{
			name:     "closing names without a label",
			lines:    []string{"过一个平安祥和的新春佳节。（何春生 赵明月 ）"},
			reporter: []string{"何春生", "赵明月"},
		},
		{
			name:  "parenthesis after a link title is no credit",
			lines: []string{"· 某某明星的家：充满个性色彩(组图) (房产)"},
		},
		{
			name:    "editor credit and source with trailing counter",
			lines:   []string{"来源：湖畔日报 编辑：苏禾"},
			editors: []string{"苏禾"}, source: "湖畔日报",
		},
		{
			name:    "editor credit in parentheses is no reporter",
			lines:   []string{"（湖畔网编辑 孙若兰）"},
			editors: []string{"孙若兰"},
		},
		{
			name:    "责任编辑 is an editor",
			lines:   []string{"责任编辑：孙一鸣"},
			editors: []string{"孙一鸣"},
		},
		{
			name:    "label alone, value on the next line",
			lines:   []string{"作者：", "罗远山"},
			authors: []string{"罗远山"},
		},
		{
			name:  "interview question is not a credit",
			lines: []string{"记者：首先感谢你抽空接受我们的采访，请问你怎样看待渔业？"},
		},
		{
			name:  "reporter as subject of a sentence is not a credit",
			lines: []string{"记者看到，这些码头上没有船。"},
		},
		{
			name:   "source in brackets, a lone name before it is no credit",
			lines:  []string{"[ 黄青 ] 来源：[ 湖畔金融报 ]"},
			source: "湖畔金融报",
		},
		{
			name:   "date before the source is no name",
			lines:  []string{"2005-04-05 06:40更新 来源：新闻晨报"},
			source: "新闻晨报",
		},
		{
			name:  "views written after the number",
			lines: []string{"2024-09-05 1234次浏览"},
			views: 1234,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := readZhLabels(zhLines(tc.lines...))
			if !reflect.DeepEqual(r.authors, tc.authors) || !reflect.DeepEqual(r.reporter, tc.reporter) ||
				!reflect.DeepEqual(r.editors, tc.editors) || r.source != tc.source || r.views != tc.views {
				t.Errorf("got authors=%q reporter=%q editors=%q source=%q views=%d\nwant authors=%q reporter=%q editors=%q source=%q views=%d",
					r.authors, r.reporter, r.editors, r.source, r.views, tc.authors, tc.reporter, tc.editors, tc.source, tc.views)
			}
		})
	}
}

// zhLabelMatches must find what the label pattern finds.
func TestZhLabelMatchesRegexp(t *testing.T) {
	for _, s := range []string{
		"来源：化工网 作者：张三 点击量：123",
		"责任编辑：李四", "发布时间 ： 2024-09-05 08:56", "原文：x 文：王五",
		"时间:2020-01-01 来源: 新华网|编辑:赵六", "作者：", "：：作者::", "无标签：内容",
		"文章来源：人民日报  發佈時間：2021年3月4日", "abc: def", "编辑 ：x 编辑：y",
		"转载自：某网  浏览次数：5", "",
	} {
		want := zhLabelRe.FindAllStringSubmatchIndex(s, -1)
		got := zhLabelMatches(s)
		if len(want) != len(got) {
			t.Errorf("%q: got %v want %v", s, got, want)
			continue
		}
		for i := range want {
			if want[i][0] != got[i][0] || want[i][1] != got[i][1] || want[i][2] != got[i][2] || want[i][3] != got[i][3] {
				t.Errorf("%q: got %v want %v", s, got, want)
			}
		}
	}
}
