package body

import (
	"strings"
	"testing"

	"newsarchive/extract/internal/boilerplate"
)

func TestSiteLine(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"某某县人民政府门户网站 www.example.gov.cn", true},
		{"示例新闻网：news.example.com", true},
		{"晨光在线 https://chenguang.example.org/", true},
		{"详情请访问 www.example.com", false},
		{"我们在网上看到了 example.com 的消息", false},
		{"示例新闻网", false},
	} {
		if got := boilerplate.SiteLine.MatchString(c.line); got != c.want {
			t.Errorf("siteLine(%q) = %v, want %v", c.line, got, c.want)
		}
	}
	body := `<ul><li>某某县人民政府门户网站 www.example.gov.cn</li></ul><p>今年春耕比往年提前了一周，农技人员下田指导播种。</p><p>合作社的负责人说，新买的播种机效率高了不少。</p>`
	text := boilerplateText(t, body)
	if strings.Contains(text, "门户网站") || !strings.Contains(text, "春耕") || !strings.Contains(text, "播种机") {
		t.Errorf("got %q", text)
	}
}
