package body

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/render"
)

func TestAddDocInfo(t *testing.T) {
	record := `<table><tr><td>索 引 号：</td><td>000-2023-0042</td><td>发文机关：</td><td>某某县人民政府</td></tr><tr><td>成文日期：</td><td>2023年05月02日</td><td>发文字号：</td><td>某政发〔2023〕7号</td></tr></table>`
	prose := `<p>为做好今年汛期安全工作，现就有关事项通知如下。</p><p>各乡镇要落实巡查责任。</p>`
	for _, c := range []struct {
		name string
		page string
		want bool
	}{
		{"record above the text", `<div>` + record + `<div><div id=top>` + prose + `</div></div></div>`, true},
		{"record below the text", `<div><div id=top>` + prose + `</div>` + record + `</div>`, false},
		{"plain table above", `<div><table><tr><td>姓名：</td><td>张三</td></tr><tr><td>年龄：</td><td>30</td></tr></table><div id=top>` + prose + `</div></div>`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body>" + c.page + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			top := findByID(doc, "top")
			box := &html.Node{Type: html.ElementNode, Data: "div"}
			moveChildren(box, top)
			addDocInfo(box, top)
			text := render.BodyText(box)
			if got := strings.Contains(text, "某政发〔2023〕7号"); got != c.want {
				t.Errorf("record added = %v, want %v: %q", got, c.want, text)
			}
			if !strings.Contains(text, "巡查责任") {
				t.Errorf("body lost: %q", text)
			}
			if c.want && !strings.HasPrefix(text, "索 引 号") {
				t.Errorf("record not first: %q", text)
			}
		})
	}
}
