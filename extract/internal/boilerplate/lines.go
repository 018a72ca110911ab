package boilerplate

import (
	"regexp"
	"strings"
)

// The rules pruneBoilerplate judges a line's text by. Each is a Rule,
// prefiltered where it runs on every line: a cheap test that every match
// must pass comes first.

var (
	// LabelLine is a metadata line shown above or below the article:
	// 来源/作者/编辑/点击量/发布时间 and their traditional forms.
	LabelLine = &Rule{Name: "labelLine", Example: "来源：湖畔日报 作者：林晓舟", Re: regexp.MustCompile(`^[\s【\[(（]*(来源|來源|作者|记者|記者|编辑|編輯|责任编辑|責任編輯|责编|責編|编审|審核|审核|校对|點擊量|点击量|點擊數|点击数|点击|點擊|浏览量|瀏覽量|浏览次数|阅读量|閱讀量|阅读数|發佈時間|发布时间|發布時間|发表时间|發表時間|发布日期|發布日期|更新时间|更新時間|稿源|文章来源|文章來源|字号|字號|当前位置|當前位置|您的位置|你的位置|您现在的位置|您現在的位置|所在位置)\s*[:：]`), Need: func(s string) bool {
		// It ends in a colon.
		return strings.Contains(s, ":") || strings.Contains(s, "：")
	}}
	// IcpLine is a Chinese site licence or police registration number.
	IcpLine = &Rule{Name: "icpLine", Example: "湖ICP备12345678号", Re: regexp.MustCompile(`ICP[备證证许]|ICP\s*\d|公网安备|公網安備|网安备|增值电信业务`), Need: func(s string) bool {
		return strings.Contains(s, "ICP") || strings.Contains(s, "安备") || strings.Contains(s, "安備") || strings.Contains(s, "增值电信业务")
	}}
	// CopyLine is a copyright notice.
	CopyLine = &Rule{Name: "copyLine", Example: "© 2024 The Lakeside Courier", Re: regexp.MustCompile(`(?i)^\s*(©|\(c\)|copyright\b|版权所有|版權所有|all rights reserved)`), Need: func(s string) bool { return copyLineNeed(s) }}
	// copyLineFirst: "(c)" starts with no letter; ©, 版权 pass.
	copyLineFirst = []string{"", "all", "copyright"}
	copyLineNeed  = FirstWordIn(copyLineFirst...)
	// AttachBox is an attachments box title (often left empty).
	AttachBox = &Rule{Name: "attachBox", Example: "附件下载：", Re: regexp.MustCompile(`^\s*(相关资料下载|相關資料下載|附件下载|附件下載|相关附件|相關附件)\s*[:：]?\s*$`), Need: func(s string) bool {
		// It runs on lines of any length: the cheap test spares the
		// regexp most of them.
		return strings.Contains(s, "附件") || strings.Contains(s, "资料下载") || strings.Contains(s, "資料下載")
	}}
	// BlockHead is the heading of a block that follows the article and is
	// not part of it: related reading, disclaimers, comments, newsletters,
	// a feedback widget ("Was this article helpful?", "Rate this post").
	BlockHead = &Rule{Name: "blockHead", Example: "相关阅读", Re: regexp.MustCompile(`(?i)^\s*(相关阅读|相關閱讀|相关文章|相關文章|相关新闻|相關新聞|相关报道|相關報道|相关链接|相關鏈接|延伸阅读|延伸閱讀|推荐阅读|推薦閱讀|热门推荐|熱門推薦|热点推荐|猜你喜欢|猜你喜歡|为你推荐|為你推薦|更多阅读|版权与免责声明|版權與免責聲明|免责声明|免責聲明|版权声明|版權聲明|网友评论|網友評論|发表评论|發表評論|related\b|read more\b|more on this story|tags\s*:?\s*$|more (\S+ ){0,3}stories\s*$|you may also like|you might also like|recommended( for you| reading| stories)?\s*$|more from\b|most (popular|read)|(latest|recent|popular) (news|posts|articles|stories)\s*:?\s*$|also read\b|see also\b|further reading|comments?\s*(\(\d+\))?\s*$|leave a (comment|reply)|tell us what you think\W*$|help us improve\b.{0,40}$|how (was|did we do|would you rate) (this|our)\b.{0,30}$|(was|did you find) this (article|page|post|information) (helpful|useful)\b.{0,20}$|rate this (article|post|page|story|issue)\b.{0,20}$|tell us how we can improve( this (post|article|page|story))?\W*$|have your say\W*$|join the discussion\W*$|share this( article| story| post| page)?( with (others|friends))?( on)?\s*:?\s*$|sign up for|subscribe to|about the (author|writer)s?\s*:?\s*$)`), Need: func(s string) bool { return blockHeadNeed(s) }}
	// blockHeadFirst are the first words of BlockHead's English forms (the
	// Chinese ones start beyond ASCII and pass).
	blockHeadFirst = []string{"about", "also", "comment", "comments", "did", "further", "have", "help", "how", "join",
		"latest", "leave", "more", "most", "popular", "rate", "read", "recent", "recommended", "related", "see", "share",
		"sign", "subscribe", "tags", "tell", "was", "you"}
	blockHeadNeed = FirstWordIn(blockHeadFirst...)
	// DateOnly matches a line that is a date and time and little else.
	DateOnly = &Rule{Name: "dateOnly", Example: "2024-09-05 08:56", Re: regexp.MustCompile(`^[\s\p{P}]*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}\s*[-/月]\s*\d{1,2}\s*日?)[\sT]*(\d{1,2}\s*[:：时]\s*\d{1,2}(\s*[:：分]\s*\d{1,2}\s*秒?)?)?`)}
)

var (
	// NoticeHead is a short heading that ends in "statement"/"notice":
	// 著作权声明, 版權聲明, 反侵权公告 introduce legal boilerplate.
	NoticeHead = &Rule{Name: "noticeHead", Example: "免责声明：", Re: regexp.MustCompile(`^\s*\S{0,12}(声明|聲明|公告|须知|須知)\s*[:：]?\s*$`), Need: func(s string) bool {
		for _, w := range [...]string{"声明", "聲明", "公告", "须知", "須知"} {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}}
	// PagerLine is a page switcher: 上一页/下一页, 第1页/共3页, prev/next.
	PagerLine = &Rule{Name: "pagerLine", Example: "上一篇：湖畔码头恢复通航", Re: regexp.MustCompile(`(?i)上一页|下一页|上一頁|下一頁|上一篇|下一篇|第\s*\d+\s*页\s*/\s*共|^\s*(«|<)?\s*(previous|prev)\b.*\b(next)\b`), Need: func(s string) bool {
		return strings.Contains(s, "上一") || strings.Contains(s, "下一") || strings.Contains(s, "第") || FoldContains(s, "prev")
	}}
	// CreditLine credits the source or the editor of the text: 来源：某报,
	// (责编：某某), 责任编辑：某某.
	CreditLine = &Rule{Name: "creditLine", Example: "（责编：许青禾）", Re: regexp.MustCompile(`^[\s【\[(（]*(信息来源|来源|來源|编辑|編輯|责任编辑|責任編輯|责编|責編)\s*[:：]`)}
	// ImageCredit credits a picture in English: "Photo: Jane Roe", "Image
	// by Jane Roe", "Credit: Example Agency", "Jane Roe/Example Times/Getty
	// Images".
	ImageCredit = &Rule{Name: "imageCredit", Example: "Photo: Jane Roe", Re: regexp.MustCompile(`(?i)^\s*(photo(graph)?|image|picture|credit)s?( by|:)\s*\S|^\s*getty images\b|/ ?(getty images|ap photo|afp|reuters|shutterstock)\)?\s*$`), Need: func(s string) bool {
		return strings.IndexByte(s, '/') >= 0 || strings.IndexByte(s, ':') >= 0 || FoldContains(s, " by") || FoldContains(s, "getty")
	}}
	// CreditedCaption is a picture's caption that ends with its credit in
	// brackets: "The pier at dawn. (credit: Jane Roe)", "… (Picture credit:
	// Example Agency)".
	CreditedCaption = &Rule{Name: "creditedCaption", Example: "The pier at dawn. (credit: Jane Roe)", Re: regexp.MustCompile(`(?i)\(((photo|image|picture)\s*)?credits?\s*:[^)]{1,60}\)\s*$`), Need: func(s string) bool {
		return FoldContains(s, "credit")
	}}
	// ReporterLine names the reporters: 本报记者 张三, 新华社记者 李四.
	ReporterLine = &Rule{Name: "reporterLine", Example: "本报记者 王若溪", Re: regexp.MustCompile(`记者|記者|通讯员|通訊員|特约撰稿|特約撰稿|实习生|實習生`), Need: func(s string) bool {
		// Its words, with the characters they share.
		return strings.Contains(s, "者") || strings.Contains(s, "通") || strings.Contains(s, "特") || strings.Contains(s, "习生") || strings.Contains(s, "習生")
	}}
	// PhotoCredit ends a picture's caption with its photographer: "张三/摄",
	// "记者 张三 摄", "（李四 摄）". 拍摄 in a sentence has no space or slash.
	PhotoCredit = &Rule{Name: "photoCredit", Example: "湖畔码头晨景 林晓舟 摄", Re: regexp.MustCompile(`(\s|/|／)(摄|攝)\s*$|[（(][^（）()]{1,16}(\s|/|／)(摄|攝)[）)]\s*$`), Need: func(s string) bool {
		return strings.Contains(s, "摄") || strings.Contains(s, "攝")
	}}
	// SiteLine is a site's name and address alone on a line: 某某市政府门户网站
	// www.example.gov.cn, 某某网：example.com.
	SiteLine = &Rule{Name: "siteLine", Example: "湖畔市政府门户网站 www.example.gov.cn", Re: regexp.MustCompile(`(?i)^[^\s。，！？]{1,24}(网|網|网站|網站|在线|在線|频道|頻道)\s*[:：]?\s*(https?://)?([a-z0-9-]+\.)+[a-z]{2,}/?\s*$`), Need: func(s string) bool {
		// A site word and a dot in the address.
		return strings.IndexByte(s, '.') >= 0 && (strings.Contains(s, "网") || strings.Contains(s, "網") || strings.Contains(s, "在线") || strings.Contains(s, "在線") || strings.Contains(s, "频道") || strings.Contains(s, "頻道"))
	}}
	// ColumnTag is a column label in lenticular brackets alone on a line.
	ColumnTag = &Rule{Name: "columnTag", Example: "【湖畔观察】", Re: regexp.MustCompile(`^\s*【[^】]{1,20}】\s*$`), Need: func(s string) bool {
		return strings.Contains(s, "【")
	}}
)

var (
	// StockLine is a stock phrase of page furniture in English: ad labels,
	// contents boxes, affiliate and newsletter notices, pleas to follow
	// the site or share the story, a slideshow's
	// counter ("Image 2 of 5") and its no-script notice.
	StockLine = &Rule{Name: "stockLine", Example: "Advertisement", Re: regexp.MustCompile(`(?i)^\s*(advertisement|advertising|advert|sponsored( content)?|(image|photo|picture|slide) \d+ ?(of|/)( /)? ?\d+|this slideshow requires javascript\.?|table of contents|contents|in this article|on this page|jump to:?|about the author|share this( article| story| post)?:?|follow us( on)?.*|follow \S+( \S+)? on|follow (\S+ ){1,6}on (twitter|facebook|instagram|youtube|tiktok|x|telegram|linkedin|threads)\b.*|sharing is caring!?|(like this (story|article|post)\?\s*)?share it( with (a|your) friends?)?!?|this (post|article|page) (may )?contains? affiliate links.*|sign up for our .*newsletter.*|subscribe to our .*newsletter.*|get the latest .* in your inbox.*)\s*$`), Need: FirstWordIn(stockFirst...)}
	// stockFirst are the first words of StockLine's forms.
	stockFirst = []string{
		"advertisement", "advertising", "advert", "sponsored", "image", "photo", "picture", "slide",
		"this", "table", "contents", "in", "on", "jump", "about", "share", "follow", "sharing", "like",
		"sign", "subscribe", "get",
	}
	// AffiliateDisclosure is a line that points to the site's affiliate
	// disclosure: "We may earn from affiliate links. Read our disclosure."
	// It was a form of StockLine, the only one with no first word: apart,
	// StockLine needs only its first-word prefilter, and the regexp no
	// longer reads every line that passes it through to the end for this
	// form's leading ".*" (a tenth of the line rules' time).
	AffiliateDisclosure = &Rule{Name: "affiliateDisclosure", Example: "We may earn from affiliate links. Read our disclosure.", Re: regexp.MustCompile(`(?i)^\s*(.*affiliate links?\..*disclosure.*)\s*$`), Need: func(s string) bool {
		return FoldContains(s, "affiliate")
	}}
	// CookieLine is a cookie-consent banner left in the page: "This
	// website uses cookies to …", "By continuing to use this site you
	// agree to our use of cookies".
	CookieLine = &Rule{Name: "cookieLine", Example: "This website uses cookies to count visitors.", Re: regexp.MustCompile(`(?i)^\s*((this (web)?site|this page|we|our (web)?site)( also)? uses? cookies\b|the cookie settings on this (web)?site\b|by (continuing to (use|browse)|using) (this|our) (web)?site,? you (agree|consent|accept)\b.{0,40}\bcookies)`), Need: func(s string) bool {
		return FoldContains(s, "coo")
	}}
	// SubscribeLine is a subscription plea or button: "Subscribe", "Sign
	// up for our newsletter", "Thanks for reading! Subscribe for free to
	// receive new posts".
	SubscribeLine = &Rule{Name: "subscribeLine", Example: "Subscribe to our weekly newsletter", Re: regexp.MustCompile(`(?i)^\s*(subscribe|sign ?up)( now| today| here| for (free|updates))?[.!]?\s*$|^\s*(click here to )?subscribe to (our|the|\w+\W?s) .{0,60}\b(newsletters?|youtube channel)\b|\bsubscribe for free to receive new posts\b|\bsign up for (our|the|a) (free )?(\S+ ){0,4}newsletters?\b|\bsubscribe to (our|the) .{0,40}newsletters?\b`), Need: func(s string) bool {
		return FoldContains(s, "cribe") || FoldContains(s, "ign")
	}}
	// JoinPlea asks readers to join the site's newsletter, forum or club,
	// or to turn on its notifications: "Join our newsletter", "Become a
	// Member", "Get the daily newsletter …".
	JoinPlea = &Rule{Name: "joinPlea", Example: "Join our newsletter", Re: regexp.MustCompile(`(?i)^\s*(join (our|the) ([\w’'-]+ ){0,3}(newsletter|mailing list|community|forums?|club|conversation)\b|become a (member|subscriber|patron|supporter)\b|get the ([\w’'-]+ ){0,3}newsletter\b)|turn on (push |browser )?notifications`), Need: func(s string) bool {
		return FoldContains(s, "join") || FoldContains(s, "become") || FoldContains(s, "letter") || FoldContains(s, "notification")
	}}
	// AffiliateNote discloses affiliate links: "This post may contain
	// affiliate and/or referral links.", "Example may earn an affiliate
	// commission if you buy …", "Some of the links in this article are
	// affiliate ones.", "When you buy through our links, we may earn a
	// commission.", "Deal pricing and availability subject to change."
	AffiliateNote = &Rule{Name: "affiliateNote", Example: "This post may contain affiliate links.", Re: regexp.MustCompile(`(?i)^(disclosure:\s*|note:\s*)?(this|the|our|some) (post|article|page|story|blog|posts)s? (may )?(contains?|includes?|uses?) (some )?affiliate\b|^[\w.’'-]+( [\w.’'-]+)? may earn an? (small )?(affiliate )?commission\b|^some of the links (in|on) this (post|article|page) are affiliate|\b(we|i) (may|might) (earn|receive|get|make) (a |an )?(small )?(affiliate )?(commission|compensation)s?\b|\bwhen you (buy|purchase|click|shop)\b.{0,40}\b(through|via) (the |our |my |these )?links?\b|\bbuying through (the |our )?links\b.{0,30}\bsupports\b|\bmay contain affiliate links\b|\bpricing and availability (are )?subject to change\b`), Need: affiliateNeed}
	// affiliateNeed: each form holds "affiliate", "commission" (with ſ
	// for an s, "commi" only), "compensation" or "subject to change", or
	// — the two forms about links — "link" with "when you" or "buying
	// through". A line that names a link alone, or "committed", is common
	// and long (TestNarrowedNeeds).
	affiliateNeed = func(s string) bool {
		return FoldContains(s, "affiliate") || FoldContains(s, "commission") || strings.Contains(s, "ſ") && FoldContains(s, "commi") || FoldContains(s, "compens") ||
			FoldContains(s, "link") && (FoldContains(s, "when you") || FoldContains(s, "buying through")) || FoldContains(s, "subject to change")
	}
	// UpdatedStamp is a publication or update Stamp anywhere in the body:
	// "Updated at 1:23 p.m.", "Last updated on November 24, 2025",
	// "Published 6 hours ago". It needs a date with its day, a clock time
	// (see Stamp) or a time ago: "Last Updated: March 2021" may be the
	// text's own note.
	UpdatedStamp = &Rule{Name: "updatedStamp", Example: "Updated at 1:23 p.m.", Re: regexp.MustCompile(`(?i)^\s*(last )?(updated|published|posted)( on| at)?\s*:?\s*.{0,30}\b\d{1,2}\b.{0,30}$`), Need: func(s string) bool {
		return FoldContains(s, "ted") || FoldContains(s, "hed")
	}}
	// AgoStamp is a time ago: "6 hours ago".
	AgoStamp = &Rule{Name: "agoStamp", Example: "Posted 6 hours ago", Re: regexp.MustCompile(`(?i)\b\d+ (minutes?|hours?|days?|weeks?|months?) ago\b`)}
	// ContactLine asks readers to write to the reporter: "Write to Jane
	// Roe at …", "Email Jane at …", "Have a tip? Jane may be reached at …".
	// It goes only with an address in it (see ContactAddr).
	ContactLine = &Rule{Name: "contactLine", Example: "Write to Jane Roe at jane@example.com", Re: regexp.MustCompile(`(?i)^\s*(have a tip\?\s*)?((write to|e-?mail|reach|contact) .{1,60}?\b(at|on twitter|via)\b|.{1,40} (may|can) be reached at\b)`), Need: contactNeed}
	// contactNeed: every form holds "at", "twitter" or "via", and one of
	// its verbs: "write to", "mail" (email, e-mail), "reach" (reached),
	// "contact" (TestNarrowedNeeds).
	contactNeed = func(s string) bool {
		return (FoldContains(s, "at") || FoldContains(s, "twitter") || FoldContains(s, "via")) &&
			(FoldContains(s, "write to") || FoldContains(s, "mail") || FoldContains(s, "reach") || FoldContains(s, "contact"))
	}
	// ContactAddr is an e-mail address, a Twitter link or an @handle.
	ContactAddr = &Rule{Name: "contactAddr", Example: "jane@example.com", Re: regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.]+|(^|\s)@\w{2,}|twitter\.com/`)}
	// EnjoyedPlea opens a request for support or a list of more posts:
	// "If you enjoyed this article, …", "If you liked this post you might
	// also like:".
	EnjoyedPlea = &Rule{Name: "enjoyedPlea", Example: "If you enjoyed this article, share it", Re: regexp.MustCompile(`(?i)^\s*if you (enjoyed|liked) this (article|post|story|piece)\b`), Need: func(s string) bool {
		return FoldContains(s, "if you")
	}}
	// OnSiteLine points to another story on the site, named by its
	// address: "Also on example.com …", "On Example.com: …".
	OnSiteLine = &Rule{Name: "onSiteLine", Example: "Also on example.com: harbour news", Re: regexp.MustCompile(`(?i)^\s*(also )?on [\w-]+(\.[\w-]+)*\.(com|org|net|co\.uk)\b:?`), Need: func(s string) bool {
		return onSiteLineNeed(s)
	}}
	onSiteLineFirst = []string{"also", "on"}
	onSiteLineNeed  = FirstWordIn(onSiteLineFirst...)
	// TagLine lists the post's tags or categories: "Filed under: Politics
	// |", "Tags: ferries, harbour", "Category: News".
	TagLine = &Rule{Name: "tagLine", Example: "Tags: harbour, ferries", Re: regexp.MustCompile(`(?i)^\s*(filed (under|in)|tags?|tagged( with)?|categories|category|topics?)\s*:`), Need: func(s string) bool {
		return strings.IndexByte(s, ':') >= 0 && tagLineNeed(s)
	}}
	tagLineFirst = []string{"categories", "category", "filed", "tag", "tagged", "tags", "topic", "topics"}
	tagLineNeed  = FirstWordIn(tagLineFirst...)
	// RelatedPrefix opens a link to another story: "Related post: …",
	// "[Read more: …]", "» Related Reading: …", "Recommended: …".
	RelatedPrefix = &Rule{Name: "relatedPrefix", Example: "Related post: Harbour reopens", Re: regexp.MustCompile(`(?i)^\s*[\[»]?\s*(related( posts?| stor(y|ies)| articles?| reading)?|read more|also read|read also|see also|recommended( reading)?)\s*:`), Need: func(s string) bool {
		return strings.IndexByte(s, ':') >= 0 && relatedPrefixNeed(s)
	}}
	// relatedPrefixFirst: "[" opens with no letter; "»" passes.
	relatedPrefixFirst = []string{"", "also", "read", "recommended", "related", "see"}
	relatedPrefixNeed  = FirstWordIn(relatedPrefixFirst...)
	// BylineLabel is a byline in English with nothing else: "Written by",
	// "Written by: Jane Roe, Senior Analyst", "Posted by Jane at 11:15 AM".
	// ("Published by" names a book's or a game's publisher: not one.)
	BylineLabel = &Rule{Name: "bylineLabel", Example: "Written by Jane Roe", Re: regexp.MustCompile(`(?i)^\s*(written|posted|reviewed|fact[- ]checked|edited) by\b[^.!?]{0,50}$`), Need: func(s string) bool {
		return FoldContains(s, " by")
	}}
	// ReadingTime is a reading-time note: "5 min read", "Reading time: 8
	// minutes", "Tempo de leitura: 2 minutos".
	ReadingTime = &Rule{Name: "readingTime", Example: "5 min read", Re: regexp.MustCompile(`(?i)^\s*((estimated )?(reading|read) time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit)\s*:?\s*(about |approx\.? )?\d+\s*(min\w*|minutos?|minuten)\.?\s*$|^\s*\d+\s*(min|mins|minutes?)\.?\s+(read|reading)\s*$`), Need: func(s string) bool {
		return FoldContains(s, "min")
	}}
	// WidgetLine is the text of a page widget: a form's status messages,
	// the consent line under a sign-up button, an author box's link.
	WidgetLine = &Rule{Name: "widgetLine", Example: "Oops! Something went wrong while submitting the form.", Re: regexp.MustCompile(`(?i)^\s*(oops! something went wrong|thank you! your submission has been received|view all posts by\b|by clicking\b.{0,80}\byou (agree|confirm|consent)\b)`), Need: func(s string) bool {
		return FoldContains(s, "went wrong") || FoldContains(s, "received") || FoldContains(s, "view all") || FoldContains(s, "clic")
	}}
	// CopyNotice is a reprint/copyright notice line.
	CopyNotice = &Rule{Name: "copyNotice", Example: "未经许可不得转载", Re: regexp.MustCompile(`(版权|版權|著作权|著作權).{0,20}(所有|禁止|声明|聲明)|(禁止|谢绝|謝絕|严禁|嚴禁|未经|未經|不得).{0,12}(转载|轉載)|(转载|轉載).{0,12}(请|請|须|須|联系|聯繫)`), Need: func(s string) bool {
		return strings.Contains(s, "版权") || strings.Contains(s, "版權") || strings.Contains(s, "著作权") || strings.Contains(s, "著作權") || strings.Contains(s, "转载") || strings.Contains(s, "轉載")
	}}
	// DisclaimerLine is a platform's disclaimer under a reprinted post:
	// 声明：该文观点仅代表作者本人，本平台仅提供信息存储空间服务.
	DisclaimerLine = &Rule{Name: "disclaimerLine", Example: "本文仅代表作者本人观点", Re: regexp.MustCompile(`(观点|觀點|立场|立場).{0,8}(仅代表|僅代表|不代表)|(仅代表|僅代表)(作者|本人|个人|個人)|不代表本(网|網|站|平台|报|報|刊)|(仅|僅)提供信息(存储|存儲)空间服务|系信息(发布|發佈|發布)平台`), Need: func(s string) bool {
		return strings.Contains(s, "代表") || strings.Contains(s, "信息存") || strings.Contains(s, "信息发布") || strings.Contains(s, "信息發")
	}}
	// ToolLine is a page tool: print, close, share, font size, QR code.
	ToolLine = &Rule{Name: "toolLine", Example: "【打印】【关闭】", Re: regexp.MustCompile(`打印本页|打印本頁|关闭窗口|關閉窗口|扫一扫|掃一掃|分享到|收藏本页|收藏本頁|返回顶部|返回頂部|【打印】|【关闭】|【關閉】|\[打印\]|\[关闭\]|字号[:：]|字體[:：]|字号：|【字体|【字號`), Need: func(s string) bool {
		// Every form holds one of these.
		for _, w := range [...]string{"打印", "关闭", "關閉", "扫一扫", "掃一掃", "分享到", "收藏本", "返回", "字号", "字體", "字体", "字號"} {
			if strings.Contains(s, w) {
				return true
			}
		}
		return false
	}}
	// UrlLine is a bare web address on a line of its own.
	UrlLine = &Rule{Name: "urlLine", Example: "www.example.com", Re: regexp.MustCompile(`(?i)^\s*(https?://)?([a-z0-9-]+\.)+[a-z]{2,}(/\S*)?\s*$`), Need: func(s string) bool {
		// A dot, and after the leading white space (\s) a letter, a digit,
		// "-" or the first byte of the other runes (?i)[a-z] takes: K, ſ.
		if strings.IndexByte(s, '.') < 0 {
			return false
		}
		i := 0
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
			i++
		}
		return i < len(s) && (IsWordByte(s[i]) && s[i] != '_' || s[i] == '-' || s[i] == 0xE2 || s[i] == 0xC5)
	}}
)

// Stamp finds a date or a clock time: 2019-11-20, 20.11.2019, 2019年11月,
// 5:27, "March 4, 2021", "4 de março de 2021". A bare year (a
// caption "2025 survey map") is not one.
var Stamp = &Rule{Name: "stamp", Example: "2024-09-05", Re: regexp.MustCompile(`\d{4}\s*[-/.年]\s*\d{1,2}|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b|\b\d{1,2}:\d\d\b|\d月\d|\b\d{1,2}\.?(\s+\p{L}+){1,3},?\s+(19|20)\d\d\b|\p{L}\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+(19|20)\d\d\b`), Need: stampNeed}

// stampNeed is Stamp's prefilter: every form holds four ASCII digits in a
// row (a year), or a digit, one of - / . : or 月, and a digit. A line
// with a count ("5 comments", "Top 10") has neither (TestNarrowedNeeds,
// FuzzNarrowedNeeds).
func stampNeed(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			run = 0
			continue
		}
		if run++; run == 4 {
			return true
		}
		if i+2 < len(s) && isDigit(s[i+2]) && strings.IndexByte("-/.:", s[i+1]) >= 0 ||
			strings.HasPrefix(s[i+1:], "月") && i+4 < len(s) && isDigit(s[i+4]) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// FormStatus matches the class of a form's status message, hidden until
// the form is sent: w-form-done, form-success, error-message.
var FormStatus = &Rule{Name: "formStatus", Example: "form-success", Re: regexp.MustCompile(`(?i)form[-_]*(done|fail|success|error)|(success|error)[-_]*(message|msg)`), Need: formStatusWords.In}

// formStatusWords: every match holds one of them; FormStatus runs on the
// class of every element, and one pass finds them where a FoldContains
// per word made three (TestFormStatusNeed, FuzzFormStatusNeed).
var formStatusWords = NewScan(nil, []string{"form", "success", "error"})

// FoldContains reports whether s contains the lower-case ASCII word
// sub in any letter case. Used only for words whose letters fold to ASCII
// alone, so that it is a sound prefilter for a (?i) regexp.
func FoldContains(s, sub string) bool {
	n := len(sub)
	if n == 0 {
		return true
	}
	// Jump from one place the first byte of sub, in either case, starts
	// to the next (IndexByte is vectorised); compare the rest there.
	lo := sub[0]
	if 'A' <= lo && lo <= 'Z' {
		return false // no byte lowers to an upper-case letter
	}
	up := lo
	if 'a' <= lo && lo <= 'z' {
		up = lo - ('a' - 'A')
	}
	nextLo, nextUp := -2, -2 // -2: not searched yet; -1: none left
	for i := 0; i+n <= len(s); {
		if nextLo != -1 && nextLo < i {
			if nextLo = strings.IndexByte(s[i:], lo); nextLo >= 0 {
				nextLo += i
			}
		}
		if up != lo && nextUp != -1 && nextUp < i {
			if nextUp = strings.IndexByte(s[i:], up); nextUp >= 0 {
				nextUp += i
			}
		}
		at := nextLo
		if up != lo && nextUp >= 0 && (at < 0 || nextUp < at) {
			at = nextUp
		}
		if at < 0 || at+n > len(s) {
			return false
		}
		if FoldHasPrefix(s[at+1:], sub[1:]) {
			return true
		}
		i = at + 1
	}
	return false
}

// FoldHasPrefix reports whether s starts with the lower-case ASCII sub in
// any letter case.
func FoldHasPrefix(s, sub string) bool {
	if len(s) < len(sub) {
		return false
	}
	for j := 0; j < len(sub); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != sub[j] {
			return false
		}
	}
	return true
}

// FirstWordIn returns a Need for a rule whose every form starts, after
// white space (\s), with one of words (lower case ASCII; "" for the forms
// that start with another ASCII character). The line's first word is its
// ASCII letters up to the first other byte; a byte beyond ASCII within it
// may be a letter that (?i) reads as an ASCII one (ſ as s, K as k), and
// such a line passes. FirstWords lists the words a regexp may start with;
// the soundness tests check each list with it.
func FirstWordIn(words ...string) func(string) bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return func(s string) bool {
		i := 0
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
			i++
		}
		var w [16]byte
		n := 0
		for ; i < len(s) && n < len(w); i++ {
			c := s[i]
			if c >= 0x80 {
				return true
			}
			if c |= 0x20; c < 'a' || c > 'z' {
				break // not an ASCII letter
			}
			w[n] = c
			n++
		}
		if n == len(w) {
			return false // longer than any listed word
		}
		return set[string(w[:n])]
	}
}

// Rule is one line rule, whole in its own definition: its name, an
// invented line it matches (TestRows checks it), its regexp, and Need, a
// cheap test that every match must pass, run first where the rule runs on
// every line (nil: none). TestPrefiltersSound checks each Need.
type Rule struct {
	Name    string
	Example string
	Re      *regexp.Regexp
	Need    func(string) bool
}

// MatchString reports whether s passes Need and matches Re.
func (r *Rule) MatchString(s string) bool {
	return (r.Need == nil || r.Need(s)) && r.Re.MatchString(s)
}

// IsWordByte reports whether c is a byte of a \w word.
func IsWordByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
