package extract

import (
	"strings"
	"testing"
)

// What the text leaves out as a repeat or a trailer, the body HTML leaves
// out too.
func TestHTMLFollowsText(t *testing.T) {
	lead := "市里的新图书馆今天开放，藏书二十万册，周末延长开放时间到晚上九点。"
	body := `<p>` + lead + `</p><p>馆长介绍说，新馆设有儿童阅览区和自习室，读者可以在线预约座位，首月办证免费。</p><p>附近居民表示，以前借书要坐半小时公交，现在走路十分钟就到了，非常方便。</p>`
	for _, c := range []struct {
		name, page, gone, kept string
	}{
		{
			name: "summary box repeated by the first paragraph",
			page: `<div class="summary"><p>【导读】` + lead + `</p></div>` + body,
			gone: "导读", kept: "儿童阅览区",
		},
		{
			name: "trailer heading at the end",
			page: body + `<p>推荐阅读</p>`,
			gone: "推荐阅读", kept: "走路十分钟",
		},
		{
			name: "a line of two is no whole block: kept",
			page: body + `<p>读者留言区<br>推荐阅读</p>`,
			kept: "读者留言区",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			page := `<html><head><title>新图书馆开放</title></head><body><article><h1>新图书馆开放</h1>` + c.page + `</article></body></html>`
			res, err := Extract([]byte(page), Options{})
			if err != nil {
				t.Fatal(err)
			}
			a := res.Article
			if c.gone != "" && (strings.Contains(a.Text, c.gone) || strings.Contains(a.HTML, c.gone)) {
				t.Errorf("%q kept:\ntext %q\nhtml %q", c.gone, a.Text, a.HTML)
			}
			if !strings.Contains(a.Text, c.kept) || !strings.Contains(a.HTML, c.kept) {
				t.Errorf("%q lost:\ntext %q\nhtml %q", c.kept, a.Text, a.HTML)
			}
		})
	}
}
