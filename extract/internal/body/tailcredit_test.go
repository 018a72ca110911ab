package body

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/render"
)

func TestCreditAboveCopyright(t *testing.T) {
	prose := `<p>今年夏粮收购工作已经全面展开，各地粮库敞开收购，农民卖粮顺畅。</p>`
	for _, c := range []struct {
		name, tail string
		keep       bool
	}{
		{"credit above a copyright notice", `<div><span>编辑:王某</span></div><div>本站原创内容，未经授权禁止转载，违者必究，如需转载请与本站联系获取授权。</div>`, true},
		{"credit at the end", `<div>编辑：王某</div>`, true},
		{"credit above more prose", `<div>编辑：王某</div><p>下一篇文章的一段导语，内容和本文无关，讲的是另外一件事情的来龙去脉和后续进展情况。</p>`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body><div id=box>" + prose + c.tail + "</div></body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			box := findByID(doc, "box")
			pruneBoilerplate(box, NewScorer(box), "")
			text := render.BodyText(box)
			if got := strings.Contains(text, "王某"); got != c.keep {
				t.Errorf("credit kept = %v, want %v: %q", got, c.keep, text)
			}
			if strings.Contains(text, "禁止转载") {
				t.Errorf("copyright notice kept: %q", text)
			}
		})
	}
}
