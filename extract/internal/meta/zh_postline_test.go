package meta

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// blockOf parses page and returns the first element with id "b".
func blockOf(t *testing.T, page string) *html.Node {
	t.Helper()
	root, err := html.Parse(strings.NewReader("<html><body>" + page + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	var find func(n *html.Node) *html.Node
	find = func(n *html.Node) *html.Node {
		if n.Type == html.ElementNode && mAttr(n, "id") == "b" {
			return n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if b := find(c); b != nil {
				return b
			}
		}
		return nil
	}
	b := find(root)
	if b == nil {
		t.Fatal("no element with id b")
	}
	return b
}

func TestOpensWithTitleLink(t *testing.T) {
	tests := []struct {
		name, page string
		want       bool
	}{
		{"a related item: another story's title, then its byline", `<li id="b"><a href="/a/1.html">地铁二号线客流创新高</a> 作者：韩一舟 2023-08-12</li>`, true},
		{"the title link inside a span", `<p id="b"><span><a href="/a/2.html">城北新区公交线路调整</a></span> 作者 罗小岚 · 2023-08-03</p>`, true},
		{"a post's meta line opens with its label", `<div id="b">作者：<a href="/u/1">松间客</a> | 发布于 2022-10-08</div>`, false},
		{"a poster's name link opens the line", `<p id="b"><a href="space-uid-3.html">湖畔散步者</a> 发表于 2023-06-02</p>`, false},
		{"a Latin handle opens the line", `<p id="b"><a href="/u/lakeside88">lakeside88</a> posted @ 2024-03-05</p>`, false},
		{"text before the link", `<li id="b">作者：韩一舟 <a href="/a/1.html">地铁二号线客流创新高</a></li>`, false},
		{"an empty block", `<p id="b"> </p>`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := opensWithTitleLink(blockOf(t, tc.page)); got != tc.want {
				t.Errorf("opensWithTitleLink = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestOriginalBadge(t *testing.T) {
	tests := []struct {
		name, page string
		want       bool
	}{
		{"the public account's badge in its own span", `<div id="b"><span id="copyright_logo">原创</span> <span>周晚晴</span> <a>河畔人文</a></div>`, true},
		{"a dated line", `<p id="b">原创 周晚晴 河畔人文 2024-04-23</p>`, true},
		{"traditional script badge", `<div id="b"><span>原創</span> <span>周晚晴</span> <a>河畔人文</a></div>`, true},
		{"原创 in the text of a paragraph", `<p id="b">原创 话剧 《渡口》</p>`, false},
		{"原创 opening a longer text node", `<div id="b"><span>原创 音乐 专辑</span></div>`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := blockOf(t, tc.page)
			if got := originalBadge(b, mWords(b)); got != tc.want {
				t.Errorf("originalBadge = %v, want %v", got, tc.want)
			}
		})
	}
}
