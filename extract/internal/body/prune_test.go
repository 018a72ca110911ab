package body

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/dom"
	"newsarchive/extract/internal/render"
)

// TestBoilerplateLines checks each line rule on lines that must go and on
// article sentences that look a little like them and must stay.
func TestBoilerplateLines(t *testing.T) {
	cases := []struct {
		name string
		body string
		gone []string
		kept []string
	}{
		{
			name: "zh credit lines under the text",
			body: `<p>这是一段正文，讲述了产业发展的新动向，也提到来源于企业的数据。</p><p>来源：新华网 编辑：王五</p><p>(责编：赵六)</p>`,
			kept: []string{"这是一段正文", "来源：新华网 编辑：王五", "(责编：赵六)"},
		},
		{
			name: "zh label lines",
			body: `<div>当前位置：<a href="/">首页</a> &gt; 新闻</div><p>来源：新华网</p><p>作者：张三 李四</p><p>點擊量：2301</p><p>責任編輯：王五</p><p>这是一段正文，讲述了产业发展的新动向，也提到来源于企业的数据。</p>`,
			gone: []string{"当前位置", "新华网", "张三", "2301", "王五"},
			kept: []string{"这是一段正文"},
		},
		{
			name: "date lines",
			body: `<p>2024年09月05日 08:56:39</p><div>2024-09-05 08:56</div><p>发布时间：2024/9/5</p><p>2024年9月5日，市场监管总局发布了新的检测标准，自十月起实施。</p>`,
			gone: []string{"08:56:39", "2024-09-05 08:56", "2024/9/5"},
			kept: []string{"市场监管总局发布了新的检测标准"},
		},
		{
			name: "icp copyright attachments",
			body: `<p>正文第一段，说明了这次评选的背景和意义，内容比较长。</p><p>京ICP备12345678号</p><p>Copyright © 2024 Example Media</p><div>相關資料下載：</div><p>沪公网安备 31010402000001号</p>`,
			gone: []string{"ICP", "Copyright", "相關資料下載", "公网安备"},
			kept: []string{"正文第一段"},
		},
		{
			name: "platform disclaimer under a reprint",
			body: `<p>这是一段正文，讲述了产业发展的新动向，也提到作者本人的看法和企业的数据。</p><p>声明：该文观点仅代表作者本人，本平台系信息发布平台，仅提供信息存储空间服务。</p><p>本文观点不代表本站立场。</p>`,
			gone: []string{"声明", "不代表本站"},
			kept: []string{"作者本人的看法"},
		},
		{
			name: "related block at the end",
			body: `<p>The first paragraph of the story is long enough to be the article body here.</p><p>The second paragraph keeps going with more details about the decision.</p><h3>Related</h3><ul><li><a href="/a">Another story</a></li><li><a href="/b">Yet another</a></li></ul>`,
			gone: []string{"Related", "Another story"},
			kept: []string{"first paragraph", "second paragraph"},
		},
		{
			// The writer's bio under an "About the author" heading is
			// the same on all their pages; a sentence about an author
			// in the text stays.
			name: "about the author block at the end",
			body: `<p>The first paragraph of the review praises the author of the novel for its pace.</p><p>The second paragraph finds the ending weak but worth the wait.</p><div><h3>About the Author</h3><p>Jo Park reviews fiction for the paper and teaches writing at night school.</p></div>`,
			gone: []string{"About the Author", "Jo Park"},
			kept: []string{"first paragraph", "author of the novel", "second paragraph"},
		},
		{
			// A date in a column under a header row is data; the same
			// date as a line of a layout table is a dateline.
			name: "dates in a data table kept",
			body: `<p>The index rose in most months of the year, as the table below shows in full.</p><table><thead><tr><th>Month</th><th>Change</th></tr></thead><tbody><tr><td>1/1/2023</td><td>+1.5%</td></tr><tr><td>2/1/2023</td><td>+1.5%</td></tr><tr><td>3/1/2023</td><td>-0.4%</td></tr></tbody></table><table><tr><td>2023-03-05 08:56</td></tr><tr><td>The council met again in March and agreed the plan without a vote.</td></tr></table>`,
			gone: []string{"08:56"},
			kept: []string{"1/1/2023 +1.5%", "2/1/2023 +1.5%", "3/1/2023", "agreed the plan"},
		},
		{
			name: "disclaimer block",
			body: `<p>正文内容第一段，介绍行业协会年度报告的主要结论和数据来源。报告显示，全年行业营收同比增长百分之八，出口保持稳定，研发投入占比继续提高。</p><div><h4>版权与免责声明</h4><p>1、凡本网注明来源的作品，版权均属本网所有。</p><p>2、转载作品仅为传递信息。</p></div>`,
			gone: []string{"免责声明", "凡本网注明", "转载作品"},
			kept: []string{"正文内容第一段"},
		},
		{
			name: "pager and stamp lines",
			body: `<p>Updated 5:27 am, March 4, 2021</p><p>Officials said on Tuesday that the plan would go ahead despite objections from residents.</p><p>上一篇：某某新闻 下一篇：另一条新闻</p>`,
			gone: []string{"Updated", "上一篇"},
			kept: []string{"Officials said"},
		},
		{
			name: "notice as one paragraph with breaks",
			body: `<p>正文内容第一段，介绍行业协会年度报告的主要结论和数据来源。报告显示，全年行业营收同比增长百分之八。</p><p><b>某某网版权与免责声明：</b><br>① 凡本网注明来源的作品，版权均属本网。<br>② 转载作品仅为传递更多信息。</p>`,
			gone: []string{"免责声明", "凡本网注明", "转载作品"},
			kept: []string{"正文内容第一段"},
		},
		{
			name: "notice heading after a rule",
			body: `<p>正文内容第一段，介绍行业协会年度报告的主要结论和数据来源。报告显示，全年行业营收同比增长百分之八，出口保持稳定，研发投入占比继续提高，企业数量也在增加。</p><table><tr><td><hr><b>某某网著作权声明</b></td></tr><tr><td>本网所有内容均由合作方提供，转载须注明出处。</td></tr></table>`,
			gone: []string{"著作权声明", "合作方提供"},
			kept: []string{"正文内容第一段"},
		},
		{
			name: "english stock lines",
			body: `<p>Advertisement</p><p>Table of Contents</p><p>This post may contain affiliate links. Please see my disclosure page.</p><p>The committee met for six hours before agreeing on the final wording of the report.</p><p>Sign up for our weekly newsletter</p>`,
			gone: []string{"Advertisement", "Table of Contents", "affiliate", "newsletter"},
			kept: []string{"The committee met"},
		},
		{
			// A headline linked on its own line between paragraphs is a
			// teaser for another story; a linked sentence or a cited
			// address is part of the text.
			name: "linked teaser headlines",
			body: `<p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p><a href="/news/other">RIVER TOWN MAYOR SAYS NEW BRIDGE PLAN WILL GO AHEAD DESPITE THE COST</a></p><p>Repairs are expected to take four months, the board said in a statement.</p><p><a href="/give">You can help keep the ferry running by making a gift to the harbour trust.</a></p><p><a href="http://example.org/2011/05/harbour-board-minutes-on-the-ferry-pier-repairs-and-the-winter-timetable.html">http://example.org/2011/05/harbour-board-minutes-on-the-ferry-pier-repairs-and-the-winter-timetable.html</a></p>`,
			gone: []string{"RIVER TOWN MAYOR"},
			kept: []string{"harbour board voted", "Repairs are expected", "making a gift", "harbour-board-minutes"},
		},
		{
			// A slideshow leaves its counter and its no-script notice in
			// the text; a sentence about images stays.
			name: "slideshow furniture",
			body: `<p>Advert</p><p>Image 1 of 12</p><p>Photo 3/7</p><p>Image 1 of / 9</p><p>This slideshow requires JavaScript.</p><p>The museum showed image 1 of the series next to the original sketches for the first time.</p>`,
			gone: []string{"Advert", "Image 1 of 12", "Photo 3/7", "Image 1 of / 9", "slideshow"},
			kept: []string{"The museum showed image 1 of the series"},
		},
		{
			// A consent banner caught in the body goes; a sentence about
			// cookies stays.
			name: "cookie banners",
			body: `<p>This website uses cookies to improve your experience. Accept Read More</p><p>We use cookies to count visitors. See our privacy policy.</p><p>By continuing to use this site, you agree to our use of cookies.</p><p>The bakery sells cookies and cakes, and this site uses its recipes with permission.</p>`,
			gone: []string{"This website uses", "We use cookies", "By continuing"},
			kept: []string{"The bakery sells cookies"},
		},
		{
			// Pleas to follow the outlet on social networks or to share the
			// story; "follow up on" in a sentence stays.
			name: "follow and share pleas",
			body: `<p>Follow Metro News on</p><p>Follow The Herald on Facebook, Instagram and YouTube.</p><p>Follow The Daily Harbour Opinion section on Facebook and Instagram.</p><p>Sharing is caring!</p><p>Like this story? Share it with a friend!</p><p>Follow up on the invitations a week before the party and confirm the number of guests.</p>`,
			gone: []string{"Metro News", "The Herald", "Opinion section", "Sharing", "Like this story"},
			kept: []string{"Follow up on the invitations"},
		},
		{
			// A <span> standing alone among blocks is a line of its own
			// (a date, a gallery counter); words inside a sentence are not.
			name: "loose inline lines among blocks",
			body: `<h2>Harbour works</h2><span class="stamp">Tuesday, 5 March 2024 at 9:40</span><p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><div><span>Image 2 of 4</span><figure><img src="/a.jpg"></figure></div>Ferry times change from <a href="/times">next week</a>, the board said.<p>Repairs are expected to take four months, the board said in a statement.</p>`,
			gone: []string{"5 March 2024", "Image 2 of 4"},
			kept: []string{"harbour board voted", "Ferry times change from next week", "Repairs are expected"},
		},
		{
			// The date of a story card in a listing is the card's, and the
			// evidence that the page lists stories: it stays.
			name: "card dates stay",
			body: `<ul><li><h3><a href="/news/1">Harbour board closes the old ferry pier for winter repairs</a></h3><p>Repairs are expected to take four months.</p><span>2024-06-03 10:21</span></li><li><h3><a href="/news/2">River town approves the new bridge plan despite its cost</a></h3><p>Work starts next spring, the mayor said.</p><span>2024-05-30 09:15</span></li></ul>`,
			kept: []string{"2024-06-03 10:21", "2024-05-30 09:15"},
		},
		{
			// "More … stories" heads a list of links to other stories.
			name: "more stories block",
			body: `<p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>Repairs are expected to take four months, the board said in a statement.</p><h4>More Great Harbour Stories</h4><ul><li><a href="/a">Tides are rising</a></li><li><a href="/b">New ferry named</a></li></ul>`,
			gone: []string{"More Great", "Tides are rising", "New ferry named"},
			kept: []string{"harbour board voted", "Repairs are expected"},
		},
		{
			// Subscription buttons and pleas go; a sentence about
			// subscribing stays.
			name: "subscribe pleas",
			body: `<p>SUBSCRIBE</p><p>Sign up</p><p>Click here to subscribe to The Harbour Newsletter</p><p>Thanks for reading Harbour Notes! Subscribe for free to receive new posts.</p><p>Want more? Sign up for our weekly newsletter and never miss a ferry.</p><p>Readers who subscribe to the print edition also get the ferry timetable every spring.</p>`,
			gone: []string{"SUBSCRIBE", "Sign up", "Click here", "Thanks for reading", "Want more"},
			kept: []string{"Readers who subscribe"},
		},
		{
			// Requests to write to the reporter, with an address; an
			// invitation without one stays.
			name: "contact lines",
			body: `<p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>Write to Jane Roe at jane.roe@example.com</p><p>Have a tip? John Smith may be reached at jsmith@example.org. Follow him on Twitter @jsmith.</p><p>Reach the reporters on Twitter at http://twitter.com/janeroe</p><p>Contact the harbour office at the pier for the new timetable.</p>`,
			gone: []string{"Write to", "Have a tip", "Reach the reporters"},
			kept: []string{"harbour board voted", "Contact the harbour office"},
		},
		{
			// A plea for support after the text; a sentence that only
			// mentions liking a story stays.
			name: "enjoyed this article pleas",
			body: `<p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>If you enjoyed this article, please consider becoming a member of the Harbour Club.</p><p>If you liked this post you might also like:</p><p>Readers who liked this story wrote in to ask about the winter timetable.</p>`,
			gone: []string{"If you enjoyed", "If you liked"},
			kept: []string{"harbour board voted", "Readers who liked this story"},
		},
		{
			// A teaser for another story on the site, named by its address;
			// a sentence starting so stays.
			name: "also on the site",
			body: `<p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>Also on harbour.com River town approves the new bridge plan</p><p>On Harbour.com: Winter timetable for the ferries</p><p>On example.com, readers voted the pier the town's best view.</p>`,
			gone: []string{"Also on", "Winter timetable"},
			kept: []string{"harbour board voted", "readers voted the pier"},
		},
		{
			// Picture credits go with the captions; a sentence about a
			// photo stays.
			name: "english picture credits",
			body: `<p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>Photo by Jane Roe/Getty Images</p><p>John Smith/Daily Harbour/Getty Images</p><p>Credit: Harbour Archive</p><p>Getty Images / Jane Roe</p><p>Photo: https://example.com/pier.jpg</p><p>Photographs of the pier from 1920 show the same wooden posts.</p>`,
			gone: []string{"Jane Roe", "John Smith", "Harbour Archive", "Getty"},
			kept: []string{"harbour board voted", "https://example.com/pier.jpg", "Photographs of the pier"},
		},
		{
			// The post's tags and categories; a sentence about topics
			// stays.
			name: "tag lines",
			body: `<p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>Filed under: Harbour |</p><p>Category: Local news</p><h4>Tags</h4><p>ferry pier, harbour board, winter repairs</p>`,
			gone: []string{"Filed under", "Category", "Tags", "winter repairs"},
			kept: []string{"harbour board voted"},
		},
		{
			name: "topics sentence stays",
			body: `<p>Topics include the ferry timetable, the pier repairs and the new bridge plan.</p>`,
			kept: []string{"Topics include"},
		},
		{
			// Links to other stories after a label, however long the
			// title; a sentence with a colon later on stays.
			name: "related prefixes",
			body: `<p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>Related post: How the harbour board plans to pay for the repairs of all three old piers</p><p>[Read more: River town approves the new bridge plan despite objections over its cost]</p><p>Recommended: The best ferry crossings to take this winter along the coast</p><p>Related to this, the board said: the pier will reopen in spring.</p>`,
			gone: []string{"Related post", "Read more", "Recommended"},
			kept: []string{"harbour board voted", "Related to this"},
		},
		{
			// "Share this" heads a share bar; a heading that only starts
			// so is the author's own section and stays with its text.
			name: "share headings",
			body: `<p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><h3>Share this information, please?</h3><p>Would you take a moment to tell your neighbours about the closure?</p><p>Repairs are expected to take four months, the board said in a statement.</p><h4>Share this story on</h4><ul><li><a href="/s/1">Facebook</a></li><li><a href="/s/2">Email</a></li></ul>`,
			gone: []string{"Share this story", "Facebook"},
			kept: []string{"Share this information", "tell your neighbours", "Repairs are expected"},
		},
		{
			// A byline label alone on its line goes; a publisher's credit
			// and a sentence stay.
			name: "english byline labels",
			body: `<p>Written by</p><p>Posted by Jane at December 16, 2025 11:15 AM</p><p>Written by: John Smith, Senior Analyst</p><p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>Published by Harbour Games</p><p>Written by hand, the old timetable hung at the pier for forty years.</p>`,
			gone: []string{"Written by:", "Posted by", "John Smith"},
			kept: []string{"harbour board voted", "Published by Harbour Games", "Written by hand"},
		},
		{
			// Reading-time notes; a sentence about minutes stays.
			name: "reading time",
			body: `<p>5 min read</p><p>Reading Time: 8 minutes</p><p>Tempo de leitura: 2 minutos</p><p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>10 minutes read like an hour at the meeting.</p>`,
			gone: []string{"5 min read", "Reading Time", "Tempo de leitura"},
			kept: []string{"harbour board voted", "10 minutes read like an hour"},
		},
		{
			// Form messages, sign-up consent and author-box links; a
			// sentence about clicking stays.
			name: "widget text",
			body: `<p>Thank you! Your submission has been received!</p><p>Oops! Something went wrong while submitting the form.</p><p>By clicking Sign Up, you agree to our Terms of Use.</p><p>View all posts by Jane Roe</p><p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>By clicking through the old photos, visitors can see the pier change.</p>`,
			gone: []string{"Thank you!", "Oops!", "By clicking Sign Up", "View all posts"},
			kept: []string{"harbour board voted", "By clicking through the old photos"},
		},
		{
			// Pleas to join the site's newsletter or forums; an invitation
			// to an event stays.
			name: "join pleas",
			body: `<p>Join our Harbour Forums to keep talking ferries!</p><p>Become a Member</p><p>Get the free daily newsletter read by sailors</p><p>GET BREAKING NEWS IN YOUR BROWSER. CLICK HERE TO TURN ON NOTIFICATIONS.</p><p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>Join us at the pier on Saturday for the last crossing of the season.</p>`,
			gone: []string{"Harbour Forums", "Become a Member", "daily newsletter", "NOTIFICATIONS"},
			kept: []string{"harbour board voted", "Join us at the pier"},
		},
		{
			// A caption closed by its credit goes with the pictures; a
			// sentence that mentions a credit stays.
			name: "captions with a credit",
			body: `<p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>The old ferry pier at dawn, a week before the closure. (credit: Jane Roe/Harbour Archive)</p><p>The board gave credit: the divers found the cracks (and reported them) early.</p>`,
			gone: []string{"at dawn"},
			kept: []string{"harbour board voted", "The board gave credit"},
		},
		{
			// A prompt for comments heads the comment form; a question to
			// the reader inside the text stays.
			name: "comment prompts",
			body: `<p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>Tell us what you think about the new timetable, the board asked residents in a letter.</p><p>Repairs are expected to take four months, the board said in a statement.</p><h3>Tell us what YOU think...</h3><form><p>Name</p></form>`,
			gone: []string{"Tell us what YOU think..."},
			kept: []string{"harbour board voted", "Tell us what you think about the new timetable"},
		},
		{
			// Affiliate disclosures; an article about affiliate programs
			// stays.
			name: "affiliate notes",
			body: `<p>This post may contain affiliate and/or referral links. Please see my disclosure page.</p><p>Harbour News may earn an Affiliate Commission if you purchase something through links in this article.</p><p>Some of the links in this article are affiliate ones.</p><p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>Affiliate programs let small ferry operators sell tickets through travel sites.</p>`,
			gone: []string{"referral links", "Affiliate Commission", "affiliate ones"},
			kept: []string{"harbour board voted", "Affiliate programs let"},
		},
		{
			// Publication stamps anywhere in the body; a month alone and
			// a sentence stay.
			name: "updated stamps",
			body: `<p>The harbour board voted on Monday to close the old ferry pier for repairs over the winter.</p><p>Updated at 1:23 p.m.</p><p>Published 6 hours ago</p><p>Last updated: January 12, 2026.</p><p>Last Updated: March 2021</p><p>Published in 12 languages, the guide is free.</p>`,
			gone: []string{"1:23", "6 hours ago", "January 12"},
			kept: []string{"harbour board voted", "March 2021", "Published in 12 languages"},
		},
		{
			name: "interview questions stay",
			body: `<p>记者：请问您如何看待今年的农机市场？</p><p>答：今年市场总体平稳，农民购机意愿较强，补贴政策起了很大作用。</p>`,
			gone: []string{},
			kept: []string{"记者：请问您如何看待今年的农机市场？"},
		},
		{
			name: "reprint notice, tools, bare address",
			body: `<p>正文第一段，说明本次会议的主要议程和参会人员情况。</p><p>原创稿件 版权所有 禁止商业转载</p><p>打印本页</p><p>扫一扫在手机打开当前页</p><p>www.example.gov.cn</p>`,
			gone: []string{"禁止商业转载", "打印本页", "扫一扫", "www.example.gov.cn"},
			kept: []string{"正文第一段"},
		},
		{
			// A box of links set into the text under a heading of
			// another language goes; the article's paragraphs after it
			// stay.
			name: "related box inside the text, German",
			body: `<p>Der Hafen wurde am Montag nach drei Wochen Bauzeit wieder für den Fährverkehr geöffnet, teilte die Stadt mit.</p><p>Am ersten Tag legten sechs Fähren an, die meisten von ihnen mit Pendlern und Schülern an Bord, die den Umweg über die Brücke leid waren.</p><p>Die Stadt will den Fahrplan im Frühjahr erweitern und prüft eine zusätzliche Abendverbindung für die Schichtarbeiter der Werft.</p><h3>Auch interessant</h3><p><a href="/a">Neue Fährlinie zur Insel geplant</a></p><p>Die Arbeiten an der Kaimauer hatten sich wegen des Hochwassers verzögert, wie ein Sprecher des Hafenamts am Dienstag erklärte.</p>`,
			gone: []string{"Auch interessant", "Neue Fährlinie"},
			kept: []string{"Der Hafen wurde", "Die Arbeiten an der Kaimauer"},
		},
		{
			// After a comments heading nothing of the article follows:
			// the comment, prose or not, goes with it.
			name: "comments heading, German",
			body: `<p>Der Hafen wurde am Montag nach drei Wochen Bauzeit wieder für den Fährverkehr geöffnet, teilte die Stadt mit.</p><p>Die Arbeiten an der Kaimauer hatten sich wegen des Hochwassers verzögert, wie ein Sprecher des Hafenamts am Dienstag erklärte.</p><h3>Kommentare</h3><p>Endlich! Wir haben lange genug auf die Fähre gewartet, und der Umweg über die Brücke kostete jeden Tag eine Stunde.</p>`,
			gone: []string{"Kommentare", "Endlich!"},
			kept: []string{"Der Hafen wurde", "Die Arbeiten an der Kaimauer"},
		},
		{
			name: "related-link prefix, Spanish",
			body: `<p>El puerto reabrió el lunes tras tres semanas de obras en el muelle principal, informó el ayuntamiento.</p><p><a href="/a">Lea también: Nueva ruta de ferry a la isla</a></p><p>Las obras se retrasaron por las inundaciones de octubre, según explicó un portavoz de la autoridad portuaria.</p>`,
			gone: []string{"Lea también"},
			kept: []string{"El puerto reabrió", "Las obras se retrasaron"},
		},
		{
			// A paywall box goes with the offer under it; sentences about
			// accounts and sign-ins, and a note to subscribers, stay.
			name: "paywall box",
			body: `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring.</p><p>If you already have an account with the ferry company, bring its number to the ticket office.</p><p>Already a subscriber? View your reports here</p><div><p>This article is exclusive to Courier+ subscribers</p><p>Already have an account? Sign in</p><ul><li>Monthly</li><li>$9 a month, billed yearly</li></ul></div>`,
			gone: []string{"exclusive to", "Already have an account", "Monthly", "billed yearly"},
			kept: []string{"reopen the old pier", "If you already have an account with the ferry company", "Already a subscriber? View your reports"},
		},
		{
			name: "login wall under a comment thread",
			body: `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring.</p><p>Sign in to your account to see your tickets.</p><p>Sign up for free to join this conversation. Already have an account? Sign in to comment</p>`,
			gone: []string{"join this conversation"},
			kept: []string{"reopen the old pier", "Sign in to your account to see your tickets."},
		},
		{
			name: "calls to action",
			body: `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring.</p><div>Book a demo</div><p>Learn more</p><span>Share:</span><p>12 Comments</p><h2>Get started</h2><p>Learn more about the ferries at the ticket office.</p>`,
			gone: []string{"Book a demo", "Learn more\n", "Share:", "12 Comments"},
			kept: []string{"reopen the old pier", "Get started", "Learn more about the ferries at the ticket office."},
		},
		{
			// A disclosure of the site's affiliate income goes wherever it
			// stands; a sentence of the story about commissions stays.
			name: "affiliate disclosures",
			body: `<p>We independently review everything we recommend. When you buy through our links, we may earn a commission.</p><p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring.</p><p>Deal pricing and availability subject to change after time of publication.</p><p>The agents said they earn a commission on every ticket sold at the pier.</p>`,
			gone: []string{"we may earn a commission", "subject to change"},
			kept: []string{"reopen the old pier", "The agents said they earn a commission on every ticket sold at the pier."},
		},
		{
			// An organisation's blurb at the tail goes; a section headed
			// the same way inside a review stays.
			name: "about the publisher at the tail",
			body: `<h2>About the Harbour Pass</h2><p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs and two rounds of public hearings.</p><p>The board's engineers said the new deck would carry twice the load of the old one, and that the work had come in under budget by almost a tenth.</p><p>Ferry operators welcomed the decision, though two of them asked for longer berths than the plan allows, and the board promised to look again in May.</p><p>Tickets go on sale in March at the harbour office and online, and season passes cost the same as last year.</p><h3>About Harbour Media Group</h3><p>Harbour Media Group publishes news for the coast.</p>`,
			gone: []string{"About Harbour Media Group", "publishes news for the coast"},
			kept: []string{"About the Harbour Pass", "reopen the old pier", "season passes cost the same"},
		},
		{
			name: "latest news rail and page widgets",
			body: `<p>On this page</p><p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs.</p><p>The latest news from the pier is good, the engineers said.</p><p>No items found.</p><h3>Latest News</h3><p>Ferry fares frozen</p><p>Lighthouse open to visitors</p>`,
			gone: []string{"On this page", "No items found", "Latest News", "Ferry fares frozen"},
			kept: []string{"reopen the old pier", "The latest news from the pier is good, the engineers said."},
		},
		{
			name: "feedback widget at the tail",
			body: `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs and two rounds of public hearings.</p><p>Was this article helpful?</p><p>Yes No</p>`,
			gone: []string{"Was this article helpful?", "Yes No"},
			kept: []string{"reopen the old pier"},
		},
		{
			name: "de widgets, labels and credits",
			body: `<p>Von:</p><p>Der Hafenrat hat am Montag beschlossen, die alte Mole im Frühjahr wieder für Fähren zu öffnen, nach drei Jahren Reparaturen und zwei Anhörungen.</p><p>Foto: Jana Muster/Hafenbild</p><p>Aktualisiert am 17.03.2021</p><p>War dieser Artikel hilfreich?</p><p>Artikel teilen</p>`,
			gone: []string{"Von:", "Jana Muster", "Aktualisiert", "hilfreich", "teilen"},
			kept: []string{"die alte Mole im Frühjahr"},
		},
		{
			name: "de contact block at the tail",
			body: `<h2>Kontakt</h2><p>Der Hafenrat hat am Montag beschlossen, die alte Mole im Frühjahr wieder für Fähren zu öffnen, nach drei Jahren Reparaturen und zwei Anhörungen.</p><p>Die Ingenieure sagten, das neue Deck trage doppelt so viel wie das alte, und die Arbeiten seien fast ein Zehntel billiger ausgefallen als geplant.</p><p>Die Fährbetreiber begrüßten den Beschluss, obwohl zwei von ihnen längere Liegeplätze verlangten, als der Plan vorsieht.</p><p>Kontakt:</p><p>Jana Muster</p><p>Telefon 040 123456</p>`,
			gone: []string{"Jana Muster", "Telefon"},
			kept: []string{"Kontakt\n\nDer Hafenrat", "längere Liegeplätze"},
		},
		{
			name: "caption credited after a copyright sign",
			body: `<p>Der Hafenrat hat am Montag beschlossen, die alte Mole im Frühjahr wieder für Fähren zu öffnen, nach drei Jahren Reparaturen.</p><p>Die Mole im Jahr 1975. | © Jana Muster/Hafenbild</p><p>Die Fährbetreiber begrüßten den Beschluss, obwohl zwei von ihnen längere Liegeplätze verlangten.</p>`,
			gone: []string{"Jana Muster"},
			kept: []string{"die alte Mole", "längere Liegeplätze"},
		},
		{
			name: "app pleas",
			body: `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs.</p><p>Riders can download the harbour app to buy tickets before boarding.</p><p>For the latest stories and breaking news download the Harbour News apps for iOS and Android.</p><p>Get the latest news straight to your phone with the Harbour app.</p>`,
			gone: []string{"Harbour News apps", "straight to your phone"},
			kept: []string{"reopen the old pier", "Riders can download the harbour app to buy tickets before boarding."},
		},
		{
			name: "de ad word in a table of contents",
			body: `<p>Der Hafenrat hat am Montag beschlossen, die alte Mole im Frühjahr wieder für Fähren zu öffnen, nach drei Jahren Reparaturen.</p><table><tr><td>14</td><td>Werbung</td><td>S. 208</td></tr><tr><td>15</td><td>Handel</td><td>S. 213</td></tr></table>`,
			kept: []string{"Werbung", "die alte Mole"},
		},
		{
			name: "caption with a year is no stamp",
			body: `<p>2025年度产业基地分布图</p><p>The 2019 season in numbers</p><p>Officials said on Tuesday that the plan would go ahead despite objections from residents.</p>`,
			gone: []string{},
			kept: []string{"2025年度产业基地分布图", "The 2019 season in numbers"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := boilerplateText(t, tc.body)
			for _, g := range tc.gone {
				if strings.Contains(text, g) {
					t.Errorf("%q kept in %q", g, text)
				}
			}
			for _, k := range tc.kept {
				if !strings.Contains(text, k) {
					t.Errorf("%q dropped from %q", k, text)
				}
			}
		})
	}
}

// prunedText runs prune on body set in a <div> box and returns the text
// left.
func prunedText(t *testing.T, body string) string {
	t.Helper()
	return prunedOn(t, body, "")
}

// boilerplateText runs pruneBoilerplate alone on body set in a <div> box
// and returns the text left.
func boilerplateText(t *testing.T, body string) string {
	t.Helper()
	box := parseBox(t, body)
	pruneBoilerplate(box, NewScorer(box), "")
	return render.BodyText(box)
}

// parseBox parses body set in a <div id=box> and returns the box.
func parseBox(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<html><body><div id=box>" + body + "</div></body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	return findByID(doc, "box")
}

func findByID(n *html.Node, id string) *html.Node {
	if n.Type == html.ElementNode && dom.Attr(n, "id") == id {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findByID(c, id); f != nil {
			return f
		}
	}
	return nil
}

func TestMeasure(t *testing.T) {
	cases := []struct {
		name          string
		in            string
		length, punct int
	}{
		{"latin", "Hello, world. ", 12, 2},
		{"no break in host names", "example.com,b", 13, 0},
		{"cjk counts triple", "你好，世界。", 6*dom.CJKWeight - 2*(dom.CJKWeight-1), 2},
		{"spaces ignored", " \t\n", 0, 0},
		{"zero-width space and BOM are white space", "a\u200bb\ufeffc\u00a0d", 4, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l, p := dom.Measure(tc.in)
			if l != tc.length || p != tc.punct {
				t.Errorf("measure(%q) = %d, %d; want %d, %d", tc.in, l, p, tc.length, tc.punct)
			}
		})
	}
}

func TestTextClean(t *testing.T) {
	cases := []struct {
		name string
		in   []string
		want []string
	}{
		{"repeated caption and credit", []string{"Pier at dawn", "Photo: AP", "Body one.", "Pier at dawn", "Photo: AP", "Body two."}, []string{"Pier at dawn", "Photo: AP", "Body one.", "Body two."}},
		// Interviews repeat a question, spec tables a heading: a single
		// paragraph that comes back among new ones stays.
		{"a lone repeat stays", []string{"What inspired you?", "The sea.", "What inspired you?", "My father."}, []string{"What inspired you?", "The sea.", "What inspired you?", "My father."}},
		{"a copy right after", []string{"Body one.", "Body one.", "Body two."}, []string{"Body one.", "Body two."}},
		{"a block printed twice", []string{"Harbour works", "The board voted to close the pier.", "Repairs take four months.", "Harbour works", "The board voted to close the pier.", "Repairs take four months."}, []string{"Harbour works", "The board voted to close the pier.", "Repairs take four months."}},
		{"lead repeated in body", []string{"【导读】今年全国共有一百个集群入选名单，覆盖多个重点产业领域。", "【本网讯】近日，今年全国共有一百个集群入选名单，覆盖多个重点产业领域。其余内容。"}, []string{"【本网讯】近日，今年全国共有一百个集群入选名单，覆盖多个重点产业领域。其余内容。"}},
		{"labelled summary, other punctuation", []string{"摘要：日前, 湖畔省市场监管部门公布首批绿色低碳检测实验室名单, 共有37家实验室入选.", "【本网讯】日前，湖畔省市场监管部门公布首批绿色低碳检测实验室名单，共有37家实验室入选。", "据介绍，此次遴选自去年9月启动。"}, []string{"【本网讯】日前，湖畔省市场监管部门公布首批绿色低碳检测实验室名单，共有37家实验室入选。", "据介绍，此次遴选自去年9月启动。"}},
		{"summary cut short", []string{"The council approved the riverside tram extension on Tuesday after a long debate over…", "The council approved the riverside tram extension on Tuesday after a long debate over its cost.", "Work starts next year."}, []string{"The council approved the riverside tram extension on Tuesday after a long debate over its cost.", "Work starts next year."}},
		{"summary over two paragraphs", []string{"Summary: The council approved the tram extension. Work starts next spring.", "The council approved the tram extension.", "Work starts next spring, the mayor said."}, []string{"The council approved the tram extension.", "Work starts next spring, the mayor said."}},
		{"a first paragraph not repeated stays", []string{"The council approved the riverside tram extension on Tuesday.", "Work starts next year, the mayor said, and ends in three."}, []string{"The council approved the riverside tram extension on Tuesday.", "Work starts next year, the mayor said, and ends in three."}},
		{"distinct paragraphs stay", []string{"One.", "Two."}, []string{"One.", "Two."}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := render.DropRepeatedLead(render.Dedupe(append([]string(nil), tc.in...)))
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPictureLinks checks that a gallery of pictures linking to other pages
// goes, and pictures linking to their larger copies stay.
func TestPictureLinks(t *testing.T) {
	para := `<p>正文第一段，说明了这次评选的背景和意义，内容比较长，也介绍了评审的过程和结果。</p>`
	gallery := `<div><table><tr><td><a href="/s/1.html"><img src="/a.jpg"></a></td></tr></table><div>打开你的窗</div>` +
		`<table><tr><td><a href="/s/2.html"><img src="/b.jpg"></a></td></tr></table><div>男人的玩物</div>` +
		`<table><tr><td><a href="/s/3.html"><img src="/c.jpg"></a></td></tr></table><div>世界上十大怪鱼</div></div>`
	photos := `<div><a href="/big/1.jpg"><img src="/a.jpg"></a><p>湖畔</p><a href="/big/2.jpg"><img src="/b.jpg"></a><p>码头</p><a href="/big/3.jpg"><img src="/c.jpg"></a><p>渡轮</p></div>`
	for _, tc := range []struct {
		name, body, probe string
		kept              bool
	}{
		{"gallery of stories", para + gallery, "打开你的窗", false},
		{"photos of the story", para + photos, "码头", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, _ := html.Parse(strings.NewReader("<html><body><div id=box>" + tc.body + "</div></body></html>"))
			box := findByID(doc, "box")
			prune(box, NewScorer(box), "")
			if got := strings.Contains(render.BodyText(box), tc.probe); got != tc.kept {
				t.Errorf("%q kept = %v, want %v", tc.probe, got, tc.kept)
			}
		})
	}
}

// TestHoverCard checks that a card popping up over a name inside a
// paragraph goes while the name and the sentence stay, and that a
// paragraph's own links and pictures stay.
func TestHoverCard(t *testing.T) {
	card := `<p>The harbour board chair <span class="pop"><a href="/people/jane-roe">Jane Roe</a><span class="card"><img src="/jr.jpg"><a href="/people/jane-roe">Jane Roe</a><a href="/news/1">Board approves new bridge plan despite its cost</a> <a href="/news/2">Ferry timetable changes for the winter season</a> <a href="/people/jane-roe">MORE</a></span></span> said on Monday that the old pier would close for repairs.</p>`
	own := `<p>The board published <span><a href="/plan.pdf">the plan</a>, <img src="/icon.png"> <a href="/map.pdf">a map</a> and <a href="/costs.pdf">the costs</a> of the repairs, which will take four months</span> before the crossing reopens.</p>`
	for _, tc := range []struct {
		name, body string
		gone, kept []string
	}{
		{"hover card", card, []string{"bridge plan", "timetable", "MORE"}, []string{"The harbour board chair Jane Roe said on Monday"}},
		{"a paragraph's own links", own, nil, []string{"the plan, a map and the costs of the repairs"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, _ := html.Parse(strings.NewReader("<html><body><div id=box>" + tc.body + "</div></body></html>"))
			box := findByID(doc, "box")
			prune(box, NewScorer(box), "")
			text := render.BodyText(box)
			for _, g := range tc.gone {
				if strings.Contains(text, g) {
					t.Errorf("%q kept in %q", g, text)
				}
			}
			for _, k := range tc.kept {
				if !strings.Contains(text, k) {
					t.Errorf("%q dropped from %q", k, text)
				}
			}
		})
	}
}

// TestAuthorBox checks which class/id values name a box about the writer.
func TestAuthorBox(t *testing.T) {
	cases := []struct {
		el   string
		want bool
	}{
		{`<div class="author-bio">`, true},
		{`<section class="about-author box">`, true},
		{`<div id="post-author-info">`, true},
		{`<div class="bio">`, true},
		{`<div class="entry author-box">`, false},       // "entry" may wrap the article
		{`<div class="author__content">`, false},        // names the content
		{`<div class="has-author-avatar wrap">`, false}, // a layout modifier
		{`<div class="biology-notes">`, false},          // not a bio
		{`<div class="summary">`, false},
		{`<div class="post-contributor-box">`, true},
		{`<div class="written-by">`, true},
		{`<div class="saboxplugin-wrap">`, true}, // a widely used author-box plugin
	}
	for _, tc := range cases {
		doc, err := html.Parse(strings.NewReader("<html><body>" + tc.el + "x</div></body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		n := doc.FirstChild.LastChild.FirstChild // html > body > el
		if got := authorBox(n); got != tc.want {
			t.Errorf("%s: authorBox = %v, want %v", tc.el, got, tc.want)
		}
	}
}

// TestHeaderRow checks which tables open with a row of column headers.
func TestHeaderRow(t *testing.T) {
	cases := []struct {
		table string
		want  bool
	}{
		{`<table><thead><tr><td>A</td></tr></thead><tr><td>1</td></tr></table>`, true},
		{`<table><tr><th>Name</th><th>Price</th></tr><tr><td>a</td><td>1</td></tr></table>`, true},
		{`<table><tr><th>Born</th><td>1976</td></tr><tr><th>Died</th><td>2020</td></tr></table>`, false}, // label and value rows
		{`<table><tr><th>Only one</th></tr><tr><td>a</td></tr></table>`, false},
		{`<table><tr><td>layout</td><td>grid</td></tr></table>`, false},
		{`<table><tr><td><table><tr><th>x</th><th>y</th></tr></table></td></tr></table>`, false}, // the header row is a nested table's
	}
	for _, tc := range cases {
		doc, err := html.Parse(strings.NewReader("<html><body>" + tc.table + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		tbl := doc.FirstChild.LastChild.FirstChild
		if got := headerRow(tbl); got != tc.want {
			t.Errorf("%s: headerRow = %v, want %v", tc.table, got, tc.want)
		}
	}
}

// TestDedupeLong checks that a copy of the text (three or more long
// paragraphs said again) goes, while one long paragraph repeated on
// purpose stays.
func TestDedupeLong(t *testing.T) {
	long := func(s string) string { return strings.Repeat(s+" ", 40) }
	a, b, c, d := long("The dam holds back the river."), long("Fish ladders let salmon pass."), long("The lake feeds the town."), long("Boats may not enter the dam zone.")
	cases := []struct {
		name string
		in   []string
		want int
	}{
		{"copy for another screen", []string{a, b, c, "Short line", a, b, c, "Short line"}, 4},
		{"one quote repeated", []string{a, b, d, a}, 4},
		{"a repeated run of two goes", []string{a, b, c, a, b}, 3},
		{"a lone short repeat stays", []string{a, "Photo: River Trust", b, "Photo: River Trust"}, 4},
		{"three long repeats apart: all go", []string{a, b, c, d, c, "Short line", a, "Other line", b}, 6},
	}
	for _, tc := range cases {
		got := render.Dedupe(append([]string(nil), tc.in...))
		if len(got) != tc.want {
			t.Errorf("%s: %d paragraphs kept, want %d", tc.name, len(got), tc.want)
		}
	}
}
