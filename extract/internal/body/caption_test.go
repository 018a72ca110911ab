package body

import (
	"strings"
	"testing"

	"newsarchive/extract/internal/boilerplate"
)

func TestPhotoCredit(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"清晨的码头上渔船陆续归港 王小明/摄", true},
		{"志愿者在社区分发口罩 本报记者 赵某 摄", true},
		{"孩子们在雪地里打雪仗（周某某 摄）", true},
		{"这部纪录片由他们用三年时间拍摄", false},
		{"他说，这张照片是去年冬天拍摄的。", false},
	} {
		if got := boilerplate.PhotoCredit.MatchString(c.line); got != c.want {
			t.Errorf("photoCredit(%q) = %v, want %v", c.line, got, c.want)
		}
	}
	body := `<p>清晨的码头上渔船陆续归港 王小明/摄</p><p>今年开海以来，渔民的收获比往年多了两成。</p><p>这部纪录片由他们用三年时间拍摄</p>`
	text := boilerplateText(t, body)
	if strings.Contains(text, "王小明") || !strings.Contains(text, "两成") || !strings.Contains(text, "三年时间拍摄") {
		t.Errorf("got %q", text)
	}
}
