package extract

import (
	"reflect"
	"testing"
)

// TestZhAuthorLabelBeatsEarlierCredit: an explicit 作者 label names the
// page's author even when an unlabelled 记者 credit stands above it (a
// credit quoted from another story).
func TestZhAuthorLabelBeatsEarlierCredit(t *testing.T) {
	page := `<html><head><title>湖畔码头今起恢复通航</title></head><body><h1>湖畔码头今起恢复通航</h1>
<p>本报记者 王若溪</p>
<p>作者：周明远 来源：湖畔日报</p>
<p>湖畔码头经过两个月的整修，今天上午正式恢复通航，首班渡轮载客一百二十人。</p>
<p>港务部门表示，整修期间共更换了四百米护栏，并新建了候船室和无障碍通道。</p>
</body></html>`
	r, err := Extract([]byte(page), Options{URL: "https://zh.example/news/1.html"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"周明远"}; !reflect.DeepEqual(r.Article.Authors, want) {
		t.Errorf("authors = %q, want %q", r.Article.Authors, want)
	}
}
