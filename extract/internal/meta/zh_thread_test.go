package meta

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestForumPoster(t *testing.T) {
	tests := []struct {
		name, page string
		want       []string
	}{
		{
			name: "Discuz! X: the first post's name link",
			page: `<div id="postlist"><table id="pid1"><tr><td class="pls"><div class="authi"><a href="space-uid-3307.html" class="xw1">骑行老张</a></div></td><td class="plc"><div class="authi"><em>发表于 2023-6-2 10:15</em></div><p>正文</p></td></tr></table>
<table id="pid2"><tr><td class="pls"><div class="authi"><a href="space-uid-5120.html">湖边听雨</a></div></td><td class="plc"><em>发表于 2023-6-2 11:20</em></td></tr></table></div>`,
			want: []string{"骑行老张"},
		},
		{
			name: "avatar link without text, then the name",
			page: `<table><tr><td class="postauthor"><a href="space.php?uid=884"><img src="a.jpg"></a><cite><a href="space.php?uid=884">阿木</a></cite></td><td class="postcontent"><div class="postinfo">发表于 2008-3-14 21:02</div></td></tr></table>`,
			want: []string{"阿木"},
		},
		{
			name: "phpwind profile link",
			page: `<table><tr><td class="floot_left"><div class="readName b"><a href="u.php?uid=2231">青禾</a></div></td><td class="floot_right"><span>楼主</span> <span>发表于: 2024-06-02</span></td></tr></table>`,
			want: []string{"青禾"},
		},
		{
			name: "phpBB profile link, Latin name",
			page: `<div class="postbody"><p class="author">by <a href="./memberlist.php?mode=viewprofile&amp;u=58">lakeside88</a> » 2024-03-05 09:20</p></div>`,
			want: []string{"lakeside88"},
		},
		{
			name: "the member's own link in the navigation is skipped",
			page: `<nav><a href="home.php?mod=space&amp;uid=9">我的空间</a> 2023-6-2</nav><div class="post"><div class="authi"><a href="space-uid-3307.html">骑行老张</a></div><em>发表于 2023-6-2 10:15</em></div>`,
			want: []string{"骑行老张"},
		},
		{
			name: "profile links only in a sidebar",
			page: `<div class="sidebar"><a href="space-uid-12.html">活跃会员</a></div><p>正文</p>`,
		},
		{
			name: "a floor mark with a profile link",
			page: `<div class="post"><a href="space-uid-12.html">楼主</a><a href="space-uid-12.html">山风</a> 发表于 2023-6-2</div>`,
			want: []string{"山风"},
		},
		{
			name: "Discuz! profile by user name",
			page: `<div class="post"><div class="authi"><a href="home.php?mod=space&amp;username=qingshan">青山客</a> 发表于 2023-6-2 10:15</div></div>`,
			want: []string{"青山客"},
		},
		{
			name: "a group board's people link",
			page: `<div class="topic-doc"><h3><span class="from">来自: <a href="https://www.group.example/people/qinghe/">青禾</a></span><span class="create-time">2023-06-02 10:15:31</span></h3></div>`,
			want: []string{"青禾"},
		},
		{
			name: "a junk name first stops the search",
			page: `<div class="post"><p><a href="space-uid-1.html">admin</a> 发表于 2023-6-2</p></div><div class="post"><a href="space-uid-7.html">湖边听雨</a> 发表于 2023-6-2</div>`,
		},
		{
			name: "members' links under a story's prose are its comments'",
			page: `<div class="article"><p>今年以来，江城利用街角空地和拆违腾出的零星地块新建口袋公园二十处，市民步行五分钟左右就能走到一处。</p></div><div class="pl-item"><a href="home.php?mod=space&amp;uid=3381">湖畔散步者</a> <span>发表于 2023-06-05 10:02</span></div>`,
		},
		{
			name: "the starter's link before the first post's prose",
			page: `<table><tr><td class="pls"><a href="space-uid-3307.html">骑行老张</a></td><td class="plc"><em>发表于 2023-6-2 10:15</em><p>上周末骑车去了湖边，路上车不多，风景很好，推荐大家周末也去转转。</p></td></tr></table>`,
			want: []string{"骑行老张"},
		},
		{
			name: "a portal's publisher account is no starter",
			page: `<p class="xg1">2023-07-11 16:40 | 发布者: <a href="space-uid-7.html">青川小编</a> | 查看: 1532</p>`,
		},
		{
			name: "a publisher account, traditional, before a post's starter",
			page: `<p>2023-07-11 發佈者：<a href="space-uid-7.html">社區小編</a></p><div class="post"><a href="space-uid-9.html">河邊慢跑人</a> 發表於 2023-07-11</div>`,
			want: []string{"河邊慢跑人"},
		},
		{
			name: "a people link in the crumbs, away from any post head",
			page: `<div class="crumbs"><a href="/">首页</a> &gt; <a href="/people/renwu/">人物</a></div><h1>标题</h1><div class="src">发表于：2023-10-09</div>`,
		},
		{
			name: "a member's link in a box with no post head",
			page: `<div class="box"><a href="space-uid-7.html">青川小编</a></div><div class="post"><em>发表于 2023-6-2</em></div>`,
		},
		{
			name: "author pages of a news site are no forum profile",
			page: `<a href="/author/qinghe/">青禾</a><a href="/member/12.html">会员中心</a>`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader("<html><body>" + tc.page + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := forumPoster(root); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("forumPoster = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestZhRepostMark(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"转载自：江城规划研究", true},
		{"【转载】江城老街改造方案公布", true},
		{"原文地址：江城老街改造方案公布", true},
		{"轉載自：江城規劃研究", true},
		{"本站文章未经授权禁止转载", false},
		{"转载请注明出处：江城新闻网", false},
		{"轉載請註明出處", false},
		{"转载：江城规划研究", true},
		{"[转载]", true},
		{"转眼又是一年春天", false},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			if got := zhRepostRe.MatchString(tc.line); got != tc.want {
				t.Errorf("zhRepostRe.MatchString(%q) = %v, want %v", tc.line, got, tc.want)
			}
		})
	}
}

func TestZhBlogger(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"博主：苇岸", []string{"苇岸"}},
		{"博主: lakeside88", []string{"lakeside88"}},
		{"版权声明：本文为博主原创文章", nil},
		{"博主推荐", nil},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			if got := zhBlogger(tc.line); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("zhBlogger(%q) = %q, want %q", tc.line, got, tc.want)
			}
		})
	}
}

func TestZhPostHeadAndBlogName(t *testing.T) {
	tests := []struct {
		name string
		f    func(string) []string
		line string
		want []string
	}{
		{"phpBB post head", zhPostHead, "由 银盐时代 » 2024年 4月 8日 21:37", []string{"银盐时代"}},
		{"phpBB post head, Latin name", zhPostHead, "由 lakeside88 » 2024-04-08 21:37", []string{"lakeside88"}},
		{"由 in running text", zhPostHead, "由 此可见 » 下一节", nil},
		{"blog's own name", zhBlogName, "书香阁主的博客", []string{"书香阁主"}},
		{"a platform's blog channel", zhBlogName, "江城日报的博客", nil},
		{"blog name inside a sentence", zhBlogName, "欢迎访问书香阁主的博客，常来看看", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.f(tc.line); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%q: got %q, want %q", tc.line, got, tc.want)
			}
		})
	}
}

func TestForumHrefPrefilter(t *testing.T) {
	for _, h := range []string{
		"space-uid-12.html", "space-username-qinghe.html", "space.php?uid=12", "space.php?action=viewpro&uid=12",
		"home.php?mod=space&amp;uid=12", "home.php?mod=space&username=qinghe", "u.php?uid=12", "u.php?action-show-uid-12",
		"index.php?m=space&uid=12", "./memberlist.php?mode=viewprofile&u=12", "member.php?u=12", "member.php?tab=aboutme&u=12",
		"index.php?showuser=12", "/home/main?un=qinghe", "/home/main/?id=tb.1", "https://www.group.example/people/qinghe/",
	} {
		if !forumUserHrefRe.MatchString(h) {
			t.Errorf("forumUserHrefRe does not match %q", h)
		}
		if !containsAnyWord(h, forumHrefWords) {
			t.Errorf("the prefilter rejects %q, which forumUserHrefRe matches", h)
		}
	}
}

func TestPublicAccountMetaStrip(t *testing.T) {
	tests := []struct {
		name, page string
		want       []string
	}{
		{
			name: "the writer's span",
			page: `<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_text">孔令舒</span><a id="js_name">青川发布</a><em id="publish_time" class="rich_media_meta rich_media_meta_text">2024-03-28 18:05</em></div>`,
			want: []string{"孔令舒"},
		},
		{
			name: "only the date and the place",
			page: `<div id="meta_content" class="rich_media_meta_list"><a id="js_name">青川发布</a><em id="publish_time" class="rich_media_meta rich_media_meta_text">2024-03-28 18:05</em><em class="rich_media_meta rich_media_meta_text">发表于浙江</em></div>`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader("<html><body>" + tc.page + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := visibleAuthors(newPageElems(root), nil); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("visibleAuthors = %q, want %q", got, tc.want)
			}
		})
	}
}
