package meta

import (
	"reflect"
	"testing"
)

func TestBlogOwnerFromTitle(t *testing.T) {
	tests := []struct {
		name, title string
		want        []string
	}{
		{"owner's blog", "春天来了 - 青禾的博客", []string{"青禾"}},
		{"owner before a platform", "春天来了_青禾_新浪博客", []string{"青禾"}},
		{"owner's space", "湖边散步记 | 林晓舟的个人空间", []string{"林晓舟"}},
		{"owner and the blog host", "青禾 | blog.example.com", []string{"青禾"}},
		{"site name and a host", "湖畔新闻 | news.example.com", nil},
		{"platform name only", "湖畔博客 » 春天来了", nil},
		{"no blog", "湖畔码头今起恢复通航_湖畔网", nil},
		{"post title before a bare platform name", "Go 语言里的切片扩容_博客", nil},
		{"a headline about someone's blog", "退休教师的博客里记满了学生的故事_江城新闻网", nil},
		{"a headline about someone's blog, traditional", "老校長的部落格成了校友的聚會所_港灣新聞網", nil},
		{"owner's blog before the platform", "春天来了_青禾的博客_湖畔博客", []string{"青禾"}},
		{"owner's diary on a platform", "春日湖畔散记 - 青禾的日志 - 湖畔博客", []string{"青禾"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := blogOwnerFromTitle(tc.title); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("blogOwnerFromTitle(%q) = %q, want %q", tc.title, got, tc.want)
			}
		})
	}
}

func TestBlogOwnerFromURL(t *testing.T) {
	tests := []struct {
		name, url string
		want      []string
	}{
		{"blog host, user path", "https://blog.example.cn/u/qinghe/2024/03/spring.html", []string{"qinghe"}},
		{"news site author page", "https://news.example.cn/author/qinghe/", nil},
		{"blog host, no user", "https://blog.example.cn/2024/03/spring.html", nil},
		{"blog host, account before the post", "https://blog.example.net/gopher_lin/article/details/134180021", []string{"gopher_lin"}},
		{"blog host, section before the post", "https://blog.example.net/news/article/12.html", nil},
		{"news host, account-like path", "https://news.example.cn/qinghe/article/12.html", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := blogOwnerFromURL(tc.url); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("blogOwnerFromURL(%q) = %q, want %q", tc.url, got, tc.want)
			}
		})
	}
}

func TestZhCreditReadsAsName(t *testing.T) {
	tests := []struct {
		name     string
		lines    []string
		reporter []string
		authors  []string
		poster   []string
		own      []string
		editors  []string
	}{
		{name: "reporter word in running text", lines: []string{"记者了解到，码头将于下月恢复通航。"}},
		{name: "reporter then a verb", lines: []string{"记者表示 这次整修"}},
		{name: "interview question after the label", lines: []string{"记者：您觉得这次整修怎么样？"}},
		{name: "name glued to 发自 and the place", lines: []string{"本报记者王若溪发自湖畔"}, reporter: []string{"王若溪"}},
		{name: "name glued to 摄", lines: []string{"记者 周明远摄"}, reporter: []string{"周明远"}},
		{name: "reporter and correspondent", lines: []string{"记者 王若溪 通讯员 周明远"}, reporter: []string{"王若溪", "周明远"}},
		{name: "traditional glued credit", lines: []string{"本報記者王若溪發自湖畔"}, reporter: []string{"王若溪"}},
		{name: "several authors after a label", lines: []string{"作者：张青，李雨桐，周明远"}, authors: []string{"张青", "李雨桐", "周明远"}},
		{
			name:     "credit opening a long lead paragraph",
			lines:    []string{"本报讯（记者 林晓舟 周明远）湖畔码头经过两个月的整修，今天上午正式恢复通航，首班渡轮载客一百二十人，港务部门表示，整修期间共更换了四百米护栏，并新建了候船室和无障碍通道，方便老人和孩子候船。"},
			reporter: []string{"林晓舟", "周明远"},
		},
		{
			name:     "agency dateline credit",
			lines:    []string{"新华社湖畔3月5日电（记者王若溪、周明远）湖畔码头经过两个月的整修，今天上午正式恢复通航，首班渡轮载客一百二十人，港务部门表示，整修期间共更换了四百米护栏，并新建了候船室。"},
			reporter: []string{"王若溪", "周明远"},
		},
		{
			name:     "reporter glued at the start of a long paragraph",
			lines:    []string{"本报记者林晓舟发自湖畔 湖畔码头经过两个月的整修，今天上午正式恢复通航，首班渡轮载客一百二十人，港务部门表示，整修期间共更换了四百米护栏，并新建了候船室和无障碍通道，方便老人和孩子。"},
			reporter: []string{"林晓舟"},
		},
		{name: "slash credit before the name", lines: []string{"文/王若溪"}, authors: []string{"王若溪"}},
		{name: "slash credits for text and photos", lines: []string{"文／王若溪 图／周明远"}, authors: []string{"王若溪"}},
		{name: "slash credit after the name", lines: []string{"王若溪/文"}, authors: []string{"王若溪"}},
		{name: "a path is no credit", lines: []string{"首页/新闻/正文"}},
		{name: "posted by, with the time", lines: []string{"本文由 湖边小舟 于 2024-03-05 10:20 发布"}, poster: []string{"湖边小舟"}},
		{name: "floor mark before 发表于 is no poster", lines: []string{"1楼 发表于: 2024-06-02"}},
		{name: "author label on the post's dated line", lines: []string{"作者：松间客 | 发布于 2022-10-08 21:16 | 分类：杂记"}, authors: []string{"松间客"}, own: []string{"松间客"}},
		{name: "author label without a date is not the post's line", lines: []string{"作者：梁远舟"}, authors: []string{"梁远舟"}},
		{name: "poster after the date of posted @", lines: []string{"posted @ 2023-09-21 22:14 山风 阅读(1532) 评论(7)"}, own: []string{"山风"}},
		{name: "client after 发表于 and the date", lines: []string{"发表于 2024-3-11 21:07 来自手机"}},
		{name: "province after 发布于 and the date", lines: []string{"发布于 2024-03-05 09:20 江苏"}},
		{name: "site name after posted @ and the date", lines: []string{"posted @ 2024-03-05 09:20 江城晚报"}},
		{name: "poster led by 由 after the date", lines: []string{"发布于 2024年3月5日 由 青禾"}, own: []string{"青禾"}},
		{name: "floor link after 发表于 and the date", lines: []string{"发表于 2024-3-11 21:07:45 | 只看该作者"}},
		{name: "writer after the 原创 mark", lines: []string{"原创 周晚晴 河畔人文 2024-04-23 07:30"}, own: []string{"周晚晴"}},
		{name: "date after the 原创 mark", lines: []string{"原创 2024-04-23 河畔人文"}},
		{name: "原创 in a notice", lines: []string{"原创作品，转载请注明出处"}},
		{name: "a tag after the 原创 mark", lines: []string{"原创 首发"}},
		{name: "Blogger's posted-by label", lines: []string{"張貼者： 青禾 於 下午3:20"}, own: []string{"青禾"}},
		{name: "posted by and a Latin handle on an undated line", lines: []string{"Posted by qinghe at 下午3:20"}, own: []string{"qinghe"}},
		{name: "an editor's staff code", lines: []string{"本文来源：江城晚报 责任编辑：孙若兰_NF"}, editors: []string{"孙若兰"}},
		{name: "an outlet after the 原创 mark", lines: []string{"原创 江城晚报 2024-04-23 07:30"}},
		{name: "an outlet after by", lines: []string{"by 江城日报 · 2024-04-23"}},
		{
			name:     "glued credit opening a short lead",
			lines:    []string{"本报记者韦思远发自江城港　五月的江城港，一派繁忙景象。今年前四个月，港口吞吐量创下同期新高。"},
			reporter: []string{"韦思远"},
		},
		{name: "name glued to the place before 报道", lines: []string{"本报记者蒋一帆江城报道"}, reporter: []string{"蒋一帆"}},
		{name: "traditional name glued to the place before 報道", lines: []string{"本報記者蔣一帆江城報道"}, reporter: []string{"蔣一帆"}},
		{name: "traditional thread starter's label", lines: []string{"樓主：青禾 時間：2024-03-05 09:20:11"}, own: []string{"青禾"}},
		{name: "traditional dated 作者 line", lines: []string{"作者：松間客 | 發佈於 2022-10-08 21:16"}, authors: []string{"松間客"}, own: []string{"松間客"}},
		{name: "traditional interview question", lines: []string{"記者：現在年輕人學這個的多嗎"}},
		{name: "two-character name glued to the place", lines: []string{"记者王溪江城报道"}, reporter: []string{"王溪"}},
		{name: "double surname glued to 报道", lines: []string{"记者欧阳若溪报道"}, reporter: []string{"欧阳若溪"}},
		{
			name:     "photo credit gives way to the writer's",
			lines:    []string{"成群的候鸟在湿地浅滩觅食。记者 李雨桐 摄", "本报讯（记者 韦思远）随着气温下降，江城湿地近日迎来首批越冬候鸟。"},
			reporter: []string{"韦思远"},
		},
		{
			name:     "closing credit inside a paragraph that runs on",
			lines:    []string{"江城新闻网5月9日讯 据江城市气象台消息，受冷空气影响，本周后期全市将迎来一次明显降温过程，最低气温将降至五度以下，请市民注意添衣保暖，出行时注意交通安全。（记者 韦思远）据悉，市气象台将根据天气变化及时发布预警信息，并通过短信、广播和电视等渠道向公众推送，提醒农户提前做好大棚蔬菜的防冻措施。"},
			reporter: []string{"韦思远"},
		},
		{
			name:  "a reporter's note inside a paragraph is no credit",
			lines: []string{"江城新闻网5月9日讯 据江城市气象台消息，受冷空气影响，本周后期全市将迎来一次明显降温过程，最低气温将降至五度以下，请市民注意添衣保暖，出行时注意交通安全。（记者注：数据截至五月八日）据悉，市气象台将根据天气变化及时发布预警信息，并通过短信、广播和电视等渠道向公众推送，提醒农户提前做好大棚蔬菜的防冻措施。"},
		},
		{
			name:     "credit after the dateline, glued to 报道",
			lines:    []string{"本报江城5月9日电 记者韦思远报道：受冷空气影响，本周后期全市将迎来一次明显降温过程，最低气温将降至五度以下，请市民注意添衣保暖，出行时注意交通安全。市气象台将根据天气变化及时发布预警信息，并通过短信、广播和电视等渠道向公众推送。"},
			reporter: []string{"韦思远"},
		},
		{
			name:  "reporter word deep in a long paragraph's first sentence",
			lines: []string{"受冷空气影响，本周后期全市将迎来一次明显降温过程，江城市气象台首席预报员接受记者 采访时说，最低气温将降至五度以下，请市民注意添衣保暖，出行时注意交通安全。市气象台将根据天气变化及时发布预警信息，并通过短信、广播和电视等渠道向公众推送信息。"},
		},
		{name: "由 and the poster before 发表于", lines: []string{"由 青禾 发表于 2024年3月5日"}, poster: []string{"青禾"}},
		{name: "thread starter's label on the thread's head", lines: []string{"楼主：青禾 时间：2024-03-05 09:20:11 点击：1234"}, own: []string{"青禾"}},
		{name: "a reply to the starter", lines: []string{"回复 楼主：写得真好"}},
		{name: "poster label", lines: []string{"发帖人：青禾"}, own: []string{"青禾"}},
		{name: "an undated reply to the starter after the story's prose", lines: []string{"城南菜场将迁至三百米外的空地新建，新菜场建筑面积是老菜场的两倍，设有停车场和冷库，预计明年春节前启用。", "楼主：李大姐"}},
		{name: "the starter's dated head after a notice's prose", lines: []string{"本版块只讨论江城本地的事情，发帖前请先看版规，广告帖一律删除，谢谢大家的配合。", "楼主：青禾 时间：2024-03-05 09:20:11"}, own: []string{"青禾"}},
		{name: "a comment's dated 作者 line in a section after the prose", lines: []string{"城南菜场将迁至三百米外的空地新建，新菜场建筑面积是老菜场的两倍，设有停车场和冷库，预计明年春节前启用。", "## 留言", "作者 城南老住户 · 2023-06-07 10:00"}},
		{name: "the post's dated 作者 line after its prose", lines: []string{"每年这个时候都要去湖边看看，今年的候鸟来得早，湖面上到处都是，拍了不少照片，回头整理好了再发上来。", "作者：松间客 | 发布于 2022-10-08 21:16"}, authors: []string{"松间客"}, own: []string{"松间客"}},
		{name: "the CMS account that published the page", lines: []string{"发布者：青禾 发布时间：2024-03-05"}, poster: []string{"青禾"}},
		{name: "writer's credit with a bar", lines: []string{"文 | 青禾"}, authors: []string{"青禾"}},
		{name: "a bar after 正文 is no credit", lines: []string{"正文 | 下一页"}},
		{name: "作者 and a name without a colon on a dated line", lines: []string{"作者 青禾 · 2024-03-05"}, own: []string{"青禾"}},
		{name: "作者 and a word without a date", lines: []string{"作者 简介"}},
		{name: "by and the poster after the date", lines: []string{"2024-03-05 09:20 by 青禾"}, own: []string{"青禾"}},
		{name: "affiliation in brackets after the name", lines: []string{"作者：王若溪（江城大学教授）"}, authors: []string{"王若溪"}},
		{name: "affiliation before the name", lines: []string{"作者：江城大学 王若溪"}, authors: []string{"王若溪"}},
		{name: "an organisation alone is the credit", lines: []string{"作者：江城市文化馆"}, authors: []string{"江城市文化馆"}},
		{name: "a role before the name", lines: []string{"作者：本报记者 王若溪"}, authors: []string{"王若溪"}, reporter: []string{"王若溪"}},
		{name: "an outlet's reporter before the name", lines: []string{"作者：江城晚报记者 王若溪"}, authors: []string{"王若溪"}, reporter: []string{"王若溪"}},
		{name: "a role alone is the credit", lines: []string{"作者：本报评论员"}, authors: []string{"本报评论员"}},
		{name: "a role after the slash credit", lines: []string{"文/本报记者 王若溪"}, authors: []string{"王若溪"}, reporter: []string{"王若溪"}},
		{
			name:     "credit in square brackets opening a long lead",
			lines:    []string{"【江城晚报记者 王若溪】随着气温下降，江城湿地近日迎来首批越冬候鸟。湿地保护站监测数据显示，目前已有小天鹅、灰鹤等十余种候鸟抵达，总数约三千只。保护站工作人员介绍，今年湿地水位适中，浅滩面积较大，食物充足。"},
			reporter: []string{"王若溪"},
		},
		{name: "reporter credit with a bar", lines: []string{"记者丨王若溪"}, reporter: []string{"王若溪"}},
		{name: "a bar and running text after 记者", lines: []string{"记者 | 了解到的情况"}},
		{name: "the web as the writer", lines: []string{"作者：网络 来源：江城晚报"}},
		{name: "an unknown writer", lines: []string{"作者：未知"}},
		{name: "a book's record is not the page's credit", lines: []string{"书名：《湖边的四季》 作者：祝秋白 出版社：江城出版社 出版时间：2023年5月"}},
		{name: "a page's credit beside its source", lines: []string{"作者：祝秋白 来源：江城晚报 时间：2023-05-12"}, authors: []string{"祝秋白"}},
		{name: "interview question without a question mark", lines: []string{"记者：现在年轻人学这个的多吗"}},
		{name: "long reporter value is no name", lines: []string{"记者：江城区融媒体中心"}},
		{name: "pen name after 作者", lines: []string{"作者：他山之石"}, authors: []string{"他山之石"}},
		{name: "Han name after an English by", lines: []string{"Posted by 杜若衡 on 2024-02-18"}, own: []string{"杜若衡"}},
		{name: "English by and a Latin name without a date", lines: []string{"by the lake we walked"}},
		{name: "English by and a Latin handle on a dated line", lines: []string{"Posted by lakeside88 on 2024-03-05 · 分类：随笔"}, own: []string{"lakeside88"}},
		{name: "author label on the post's filing line", lines: []string{"作者：青禾 | 分类：随笔 | 评论(2)"}, authors: []string{"青禾"}, own: []string{"青禾"}},
		{name: "reporter in a short line of running text", lines: []string{"据记者了解，码头将于下月恢复通航。港务部门正在做最后的检查。"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := readZhLabels(zhLines(tc.lines...))
			if !reflect.DeepEqual(r.reporter, tc.reporter) {
				t.Errorf("reporter = %q, want %q", r.reporter, tc.reporter)
			}
			if !reflect.DeepEqual(r.authors, tc.authors) {
				t.Errorf("authors = %q, want %q", r.authors, tc.authors)
			}
			if !reflect.DeepEqual(r.poster, tc.poster) {
				t.Errorf("poster = %q, want %q", r.poster, tc.poster)
			}
			if !reflect.DeepEqual(r.own, tc.own) {
				t.Errorf("own = %q, want %q", r.own, tc.own)
			}
			if tc.editors != nil && !reflect.DeepEqual(r.editors, tc.editors) {
				t.Errorf("editors = %q, want %q", r.editors, tc.editors)
			}
		})
	}
}

func TestSoftwareAuthorMeta(t *testing.T) {
	tests := []struct {
		name string
		vals []string
		want []string
	}{
		{"forum template makers", []string{"Discuz! Team and Comsenz UI Team"}, nil},
		{"powered-by line", []string{"Powered by ExampleCMS"}, nil},
		{"a bare CMS name", []string{"WordPress"}, nil},
		{"a team named after a CMS", []string{"Joomla Builders"}, []string{"Joomla Builders"}},
		{"a person", []string{"林晓舟"}, []string{"林晓舟"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := authorsFromValues(tc.vals); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("authorsFromValues(%q) = %q, want %q", tc.vals, got, tc.want)
			}
		})
	}
}
