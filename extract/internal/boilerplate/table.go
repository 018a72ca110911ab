package boilerplate

// Matcher is what a row's pattern answers.
type Matcher interface{ MatchString(string) bool }

// Row is one line rule: its name, its pattern, and an invented line it
// matches (TestRows checks that each example is matched, and that each
// prefilter passes its example).
type Row struct {
	Name    string
	Match   Matcher
	Example string
}

// Rows are the line rules the pruner judges a line's text by, one row
// each, in the order of lines.go.
var Rows = []Row{
	{"labelLine", LabelLine, "来源：湖畔日报 作者：林晓舟"},
	{"icpLine", IcpLine, "湖ICP备12345678号"},
	{"copyLine", CopyLine, "© 2024 The Lakeside Courier"},
	{"attachBox", AttachBox, "附件下载："},
	{"blockHead", BlockHead, "相关阅读"},
	{"dateOnly", DateOnly, "2024-09-05 08:56"},
	{"noticeHead", NoticeHead, "免责声明："},
	{"pagerLine", PagerLine, "上一篇：湖畔码头恢复通航"},
	{"creditLine", CreditLine, "（责编：许青禾）"},
	{"imageCredit", ImageCredit, "Photo: Jane Roe"},
	{"creditedCaption", CreditedCaption, "The pier at dawn. (credit: Jane Roe)"},
	{"reporterLine", ReporterLine, "本报记者 王若溪"},
	{"photoCredit", PhotoCredit, "湖畔码头晨景 林晓舟 摄"},
	{"siteLine", SiteLine, "湖畔市政府门户网站 www.example.gov.cn"},
	{"columnTag", ColumnTag, "【湖畔观察】"},
	{"stockLine", StockLine, "Advertisement"},
	{"cookieLine", CookieLine, "This website uses cookies to count visitors."},
	{"subscribeLine", SubscribeLine, "Subscribe to our weekly newsletter"},
	{"joinPlea", JoinPlea, "Join our newsletter"},
	{"affiliateNote", AffiliateNote, "This post may contain affiliate links."},
	{"updatedStamp", UpdatedStamp, "Updated at 1:23 p.m."},
	{"agoStamp", AgoStamp, "Posted 6 hours ago"},
	{"contactLine", ContactLine, "Write to Jane Roe at jane@example.com"},
	{"contactAddr", ContactAddr, "jane@example.com"},
	{"enjoyedPlea", EnjoyedPlea, "If you enjoyed this article, share it"},
	{"onSiteLine", OnSiteLine, "Also on example.com: harbour news"},
	{"tagLine", TagLine, "Tags: harbour, ferries"},
	{"relatedPrefix", RelatedPrefix, "Related post: Harbour reopens"},
	{"bylineLabel", BylineLabel, "Written by Jane Roe"},
	{"readingTime", ReadingTime, "5 min read"},
	{"widgetLine", WidgetLine, "Oops! Something went wrong while submitting the form."},
	{"copyNotice", CopyNotice, "未经许可不得转载"},
	{"disclaimerLine", DisclaimerLine, "本文仅代表作者本人观点"},
	{"toolLine", ToolLine, "【打印】【关闭】"},
	{"urlLine", UrlLine, "www.example.com"},
	{"stamp", Stamp, "2024-09-05"},
	{"formStatus", FormStatus, "form-success"},
}
