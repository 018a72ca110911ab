package extract

import (
	"reflect"
	"testing"
)

// TestZhAuthorPrecedence: which credit names a Chinese page's author when
// several stand on it.
func TestZhAuthorPrecedence(t *testing.T) {
	tests := []struct {
		name, url, page string
		want            []string
	}{
		{
			// An explicit 作者 label beats an unlabelled 记者 credit above
			// it (a credit quoted from another story).
			name: "author label beats an earlier credit",
			url:  "https://zh.example/news/1.html",
			page: `<html><head><title>湖畔码头今起恢复通航</title></head><body><h1>湖畔码头今起恢复通航</h1>
<p>本报记者 王若溪</p>
<p>作者：周明远 来源：湖畔日报</p>
<p>湖畔码头经过两个月的整修，今天上午正式恢复通航，首班渡轮载客一百二十人。</p>
<p>港务部门表示，整修期间共更换了四百米护栏，并新建了候船室和无障碍通道。</p>
</body></html>`,
			want: []string{"周明远"},
		},
		{
			// On a blog the post is the owner's, even when the text it
			// reposts carries a reporter's or editor's credit.
			name: "blog owner beats credits in reposted text",
			url:  "https://blog.example.cn/s/blog_1.html",
			page: `<html><head><title>湖畔码头恢复通航（转载）_青禾_新浪博客</title></head><body><h1>湖畔码头恢复通航（转载）</h1>
<p>原文地址：湖畔码头恢复通航</p>
<p>本报记者 王若溪</p>
<p>湖畔码头经过两个月的整修，今天上午正式恢复通航，首班渡轮载客一百二十人。</p>
<p>港务部门表示，整修期间共更换了四百米护栏，并新建了候船室和无障碍通道。（编辑：周明远）</p>
</body></html>`,
			want: []string{"青禾"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Extract([]byte(tc.page), Options{URL: tc.url})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(r.Article.Authors, tc.want) {
				t.Errorf("authors = %q, want %q", r.Article.Authors, tc.want)
			}
		})
	}
}
