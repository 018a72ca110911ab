package extract

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
		{"qr tool", []string{body, "扫一扫在手机上阅读本文"}, []string{body}},
		{"follow plea", []string{body, "（欲知后事请继续关注 某某小站 example.org）"}, []string{body}},
		{"stacked", []string{body, "（更多精彩敬请关注本站）", "相关文章"}, []string{body}},
		{"sentence kept", []string{body, "记者将继续关注此事进展。"}, []string{body, "记者将继续关注此事进展。"}},
		{"middle kept", []string{"推荐阅读", body}, []string{"推荐阅读", body}},
		{"only line kept", []string{"推荐阅读"}, []string{"推荐阅读"}},
		{"long line kept", []string{body, "请大家关注" + body + body}, []string{body, "请大家关注" + body + body}},
	} {
		if got := dropTrailer(append([]string(nil), c.in...)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
