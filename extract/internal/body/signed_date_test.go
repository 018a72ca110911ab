package body

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/render"
)

func TestSignedDate(t *testing.T) {
	body := `<p>为保障春季防汛工作顺利开展，现将有关事项通知如下：各单位要落实值班制度。</p>`
	for _, c := range []struct {
		name string
		tail string
		keep bool
	}{
		{"notice signer and date", `<p>特此通知。</p><p>某某县水利局</p><p>2023年4月6日</p>`, true},
		{"date after a credit line", `<p>特此通知。</p><p>（编辑：某某）</p><p>2023年4月6日</p>`, false},
		{"date with no signer", `<p>特此通知。</p><p>2023年4月6日</p>`, false},
		{"date with a clock time", `<p>特此通知。</p><p>某某县水利局</p><p>2023年4月6日 10:30</p>`, false},
		{"signer is a sentence", `<p>特此通知。</p><p>各单位要按时上报。</p><p>2023年4月6日</p>`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body><div id=box>" + body + c.tail + "</div></body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			box := findByID(doc, "box")
			pruneBoilerplate(box, NewScorer(box), "")
			text := render.BodyText(box)
			if got := strings.Contains(text, "2023年4月6日"); got != c.keep {
				t.Errorf("date kept = %v, want %v in %q", got, c.keep, text)
			}
			if !strings.Contains(text, "防汛") {
				t.Errorf("body lost: %q", text)
			}
		})
	}
}
