package render

import (
	"reflect"
	"testing"
)

func TestDropTrailer(t *testing.T) {
	body := "河边的柳树今年发芽很早，村民们都说这是个好兆头。"
	for _, c := range []struct {
		name string
		in   []string
		want []string
	}{
		{"related heading", []string{body, "推荐阅读"}, []string{body}},
		{"european related heading", []string{body, "Das könnte Sie auch interessieren"}, []string{body}},
		{"european sentence kept", []string{body, "Lesen Sie auch den Bericht von gestern."}, []string{body, "Lesen Sie auch den Bericht von gestern."}},
		{"qr tool", []string{body, "扫一扫在手机上阅读本文"}, []string{body}},
		{"follow plea", []string{body, "（欲知后事请继续关注 某某小站 example.org）"}, []string{body}},
		{"stacked", []string{body, "（更多精彩敬请关注本站）", "相关文章"}, []string{body}},
		{"blog footer", []string{body, "（本文发表于随笔，已被阅读52次）", "引用通告(Trackback)地址: /tb.php?id=9"}, []string{body}},
		{"read count in brackets", []string{body, "阅读 ()"}, []string{body}},
		{"count in a sentence kept", []string{body, "这篇帖子三天里被浏览 900 次。"}, []string{body, "这篇帖子三天里被浏览 900 次。"}},
		{"sentence kept", []string{body, "记者将继续关注此事进展。"}, []string{body, "记者将继续关注此事进展。"}},
		{"middle kept", []string{"推荐阅读", body}, []string{"推荐阅读", body}},
		{"only line kept", []string{"推荐阅读"}, []string{"推荐阅读"}},
		{"long line kept", []string{body, "请大家关注" + body + body}, []string{body, "请大家关注" + body + body}},
	} {
		if got := DropTrailer(append([]string(nil), c.in...)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestDropReadTime(t *testing.T) {
	body := "山里的小学新修了操场，孩子们终于可以踢球了。"
	for _, c := range []struct {
		name string
		in   []string
		want []string
	}{
		{"bare", []string{"12 分钟", body}, []string{body}},
		{"labelled", []string{"阅读时间：约4分钟", body}, []string{body}},
		{"suffix", []string{"9分钟读完", body}, []string{body}},
		{"second", []string{body, "预计阅读 3 分钟", body + "又"}, []string{body, body + "又"}},
		{"sentence kept", []string{"比赛只剩5分钟了。", body}, []string{"比赛只剩5分钟了。", body}},
		{"late kept", []string{body, "a", "b", "6 分钟"}, []string{body, "a", "b", "6 分钟"}},
	} {
		if got := DropReadTime(append([]string(nil), c.in...)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
