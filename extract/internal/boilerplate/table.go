package boilerplate

// Rows lists every line rule of lines.go, in its order, so that the tests
// can check each rule against its own example and each prefilter for
// soundness. A rule's name, example, pattern and prefilter live in its
// definition; this is only the index.
var Rows = []*Rule{
	LabelLine, IcpLine, CopyLine, AttachBox, BlockHead, DateOnly,
	NoticeHead, PagerLine, CreditLine, ImageCredit, CreditedCaption, ReporterLine,
	PhotoCredit, SiteLine, ColumnTag, StockLine, AffiliateDisclosure, CookieLine, SubscribeLine,
	JoinPlea, AffiliateNote, UpdatedStamp, AgoStamp, ContactLine, ContactAddr,
	EnjoyedPlea, OnSiteLine, TagLine, RelatedPrefix, BylineLabel, ReadingTime,
	WidgetLine, CopyNotice, DisclaimerLine, ToolLine, UrlLine, Stamp,
	FormStatus, ForeignHead, ForeignPrefix, ReadingHead, PaywallLine,
	CtaLine, AboutHead, EuroLine, EuroNote, EuroStamp, EuroTailHead, SourcesHead, CreditTail, AppPlea,
}
