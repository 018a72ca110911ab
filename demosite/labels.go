package demosite

// labels are the words of a page's furniture, per chrome.
type labels struct {
	SiteName, Home, Position, BodyCrumb       string
	Source, Author, Views, Downloads, Related string
	RelatedEn, More, Disclaimer, Hot, Latest  string
	Prev, Next, PageOf, Mobile, MobileSub     string
	Share, ICP, Copyright, DemoNote, About    string
	Contact, Ads, SitemapLabel                string
	RelatedTitles                             bool // related items show a title above the teaser
	DisclaimerParas                           []string
}

var labelSets = map[string]labels{
	"en": {
		SiteName: "The Lakeside Courier", Home: "Home", Hot: "Most read", Latest: "Latest",
		Prev: "« Newer stories", Next: "Older stories »", Related: "Related",
	},
	"zh-hans": {
		SiteName: "湖畔产业资讯网", Home: "首页", Position: "当前位置：", BodyCrumb: "正文",
		Source: "来源", Author: "作者", Views: "点击量", Downloads: "相关资料下载:",
		Related: "相关阅读", RelatedEn: "Related Reading", More: "查看更多+",
		Disclaimer: "版权与免责声明", Hot: "热门文章", Latest: "最新资讯",
		Prev: "上一页", Next: "下一页", PageOf: "页", Mobile: "湖畔产业资讯网手机版", MobileSub: "移动端访问更便捷",
		Share: "分享到：微信 微博 QQ空间", ICP: "湖ICP备2025031401号-1",
		Copyright: "Copyright 2025 湖畔产业资讯网 版权所有", DemoNote: "本站为 newsarchive 演示站点，文中机构与数据均为虚构。",
		About: "关于我们", Contact: "联系方式", Ads: "广告服务", SitemapLabel: "网站地图",
		RelatedTitles: true,
		DisclaimerParas: []string{
			"1、凡本网注明“来源：湖畔产业资讯网”的所有作品，版权均属于湖畔产业资讯网，转载请与本网联系授权，并注明出处。",
			"2、本网转载并注明自其他来源的作品，目的在于传递更多行业信息，不代表本网赞同其观点或对其真实性负责。",
			"3、如涉及作品内容、版权等问题，请在作品发表之日起两周内与本网联系，否则视为放弃相关权利。",
		},
	},
	"zh-hant": {
		SiteName: "湖畔產經網", Home: "首頁", Position: "當前位置：", BodyCrumb: "正文",
		Source: "來源", Author: "作者", Views: "點擊量", Downloads: "相關資料下載:",
		Related: "相關閱讀", RelatedEn: "Related Reading", More: "查看更多+",
		Disclaimer: "版權與免責聲明", Hot: "熱門文章", Latest: "最新資訊",
		Prev: "上一頁", Next: "下一頁", PageOf: "頁", Mobile: "湖畔產經網手機版", MobileSub: "行動裝置瀏覽更便捷",
		Share: "分享到：LINE Facebook", ICP: "",
		Copyright: "Copyright © 2025 湖畔產經網 版權所有", DemoNote: "本站為 newsarchive 示範網站，文中機構與數據均為虛構。",
		About: "關於我們", Contact: "聯絡方式", Ads: "廣告服務", SitemapLabel: "網站地圖",
		DisclaimerParas: []string{
			"1、凡本網註明「來源：湖畔產經網」的所有作品，版權均屬湖畔產經網所有，轉載請聯繫本網取得授權並註明出處。",
			"2、本網轉載自其他來源的作品，僅為傳遞產業資訊之用，不代表本網贊同其觀點，亦不對其真實性負責。",
			"3、如對作品內容或版權有疑問，請於作品刊出後兩週內與本網聯繫。",
		},
	},
}
