package extract

import (
	"fmt"
	"newsarchive/extract/internal/body"
	"newsarchive/extract/internal/meta"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/boilerplate"
	"newsarchive/extract/internal/dom"
)

// TestBodyFinder checks the body finder on small pages: what must be in
// the text and what must not.
func TestBodyFinder(t *testing.T) {
	para := func(s string) string {
		return "<p>" + s + " " + s + " " + s + "</p>"
	}
	// paras makes n distinct paragraphs from a pattern with one %d.
	paras := func(pattern string, n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(para(fmt.Sprintf(pattern, i)))
		}
		return b.String()
	}
	cases := []struct {
		name  string
		page  string
		has   []string
		lacks []string
	}{
		{
			name:  "article beside nav and sidebar",
			page:  `<nav><a href=/a>Home</a><a href=/b>World</a></nav><div class=main>` + para("The council agreed the budget on Monday, after a long debate.") + para("Spending on roads rises, while parks lose some of their grant.") + `</div><div class=sidebar><ul><li><a href=/x>Popular one</a></li><li><a href=/y>Popular two</a></li></ul></div>`,
			has:   []string{"council agreed", "Spending on roads"},
			lacks: []string{"Home", "Popular"},
		},
		{
			name:  "short news item kept",
			page:  `<nav><a href=/a>Home</a></nav><div class=story><p>外交部发言人今天表示，双方将于下周举行会谈。</p></div><footer>版权所有</footer>`,
			has:   []string{"双方将于下周举行会谈"},
			lacks: []string{"版权所有", "Home"},
		},
		{
			name:  "sections of one article are joined",
			page:  `<div class=wrap><section class=part>` + para("First section of the report explains the method, in detail.") + `</section><section class=part>` + para("Second section gives the results, with some caveats.") + `</section></div><div class=foot><a href=/1>One</a> <a href=/2>Two</a></div>`,
			has:   []string{"First section", "Second section"},
			lacks: []string{"One"},
		},
		{
			name:  "comments dropped even when long",
			page:  `<article>` + para("The museum reopens next week after two years of repairs.") + `</article><div id=comments class=comments-area>` + para("I loved this museum as a child, and cannot wait to go back.") + para("Same here, it was always my favourite place in town.") + `</div>`,
			has:   []string{"museum reopens"},
			lacks: []string{"loved this museum", "favourite"},
		},
		{
			name:  "React streamed segment is placed",
			page:  `<div id=root><nav><a href=/>Home</a></nav><template id="B:0"></template></div><div hidden id="S:0">` + para("The streamed article body arrives at the end of the page.") + `</div>`,
			has:   []string{"streamed article body"},
			lacks: []string{"Home"},
		},
		{
			name: "code comments are code",
			page: `<article>` + para("Initialise the repository first, then add the files.") + `<pre><code><span class="hljs-comment"># initialise the repo</span>
git init</code></pre></article>`,
			has: []string{"# initialise the repo", "git init"},
		},
		{
			// data-nosnippet marks what the page keeps out of search
			// snippets: a bio or a disclaimer, not the article.
			name:  "nosnippet box dropped",
			page:  `<article>` + para("The ferry timetable changes on Sunday, with two extra crossings.") + `<div class=excerpt data-nosnippet>Sam is a travel writer who has covered ferries and trains for ten years.</div>` + para("Tickets bought before then remain valid for a month.") + `</article>`,
			has:   []string{"ferry timetable", "Tickets bought"},
			lacks: []string{"travel writer"},
		},
		{
			// "nocontent" tells site search engines to skip a box,
			// even one full of sentences.
			name:  "nocontent box dropped",
			page:  `<div class=page><div class=text>` + paras("The canal towpath reopens to cyclists after the repairs, section %d.", 12) + `</div><div class="nocontent promo-column"><div class=text>` + paras("Our agency brings better results to every client with a careful plan, step %d.", 7) + `</div></div></div>`,
			has:   []string{"canal towpath"},
			lacks: []string{"Our agency"},
		},
		{
			// Customer reviews of the business are the same on every
			// page: a section of them goes whatever its size.
			name:  "testimonials section dropped",
			page:  `<div class=page><div class=text>` + paras("The recycling centre changes its opening hours for the winter, week %d.", 10) + `</div><div class="testimonials-wrapper">` + paras("Great service and friendly staff, I recommend them to everyone, visit %d.", 8) + `</div><div class=testimonial><p>They answered all my questions quickly and kindly. Sam R.</p></div></div>`,
			has:   []string{"recycling centre"},
			lacks: []string{"Great service", "answered all my questions"},
		},
		{
			name:  "form status messages dropped",
			page:  `<article>` + paras("The allotment society opens its waiting list again in April, plot %d.", 5) + `<div class="w-form"><form><p>Sign up for news</p></form><div class="w-form-done"><div>Thank you! Your note has reached us.</div></div><div class="signup-error-message"><div>Sorry, something broke while sending.</div></div></div></article>`,
			has:   []string{"allotment society"},
			lacks: []string{"Thank you!", "something broke"},
		},
		{
			name: "nosnippet on the whole article kept",
			page: `<nav><a href=/a>Home</a></nav><article data-nosnippet>` + para("The library extends its opening hours during the exam weeks in May.") + para("Students can book study rooms online from Monday.") + para("The reading room on the top floor stays open until midnight.") + `</article>`,
			has:  []string{"library extends", "study rooms"},
		},
		{
			// A popup or modal waits for a click: a long one (a company
			// story, a cart) is still not the article.
			name:  "long popup dropped",
			page:  `<div class=page><div class=text>` + paras("The harbour walls are being rebuilt with stone from quarry number %d.", 12) + `</div><div class="builder-location-popup"><div class=text>` + paras("Our studio has told stories for brands across many industries, year %d.", 9) + `</div></div></div>`,
			has:   []string{"harbour walls"},
			lacks: []string{"Our studio"},
		},
		{
			// A closed "republish this story" dialog holds a copy of
			// the article plus its licence terms.
			name:  "closed dialog with a copy of the article dropped",
			page:  `<article>` + paras("The river festival returns in June with boats from town %d.", 4) + `</article><div role=dialog aria-modal=true style="display:none"><h2>Republish this story</h2><p>Copy the text below under our licence terms, with credit.</p>` + paras("The river festival returns in June with boats from town %d.", 4) + `</div>`,
			has:   []string{"river festival"},
			lacks: []string{"Republish", "licence terms"},
		},
		{
			// A closed accordion hides its answers until a click; they
			// and the questions on the toggles are the page's text.
			name: "closed accordion kept",
			page: `<article>` + paras("The county fair opens on Friday with rides and a cattle show, day %d.", 4) + `<h2>Questions</h2><div class=item><h3><button aria-expanded="false">Where can visitors park?</button></h3><div hidden><p>Parking is free in the field behind the main gate, all week long.</p></div></div><div class=item><button class="faq-accordion-button">Are dogs allowed?</button><div style="display:none"><p>Dogs on a lead are welcome everywhere except in the food tents.</p></div></div></article>`,
			has:  []string{"county fair", "Where can visitors park?", "Parking is free", "Are dogs allowed?", "Dogs on a lead"},
		},
		{
			// The toggle names its panel by id (aria-controls); the
			// panel need not follow it.
			name: "panel named by aria-controls kept",
			page: `<article>` + paras("The new ferry pier opens in spring after two years of building, stage %d.", 4) + `<div class=steps><div class=head><a role=button aria-controls="step-1">Step one</a></div><div id="step-1" style="display:none"><p>Book a crossing online at least a day before you travel.</p></div></div></article>`,
			has:  []string{"ferry pier", "Book a crossing online"},
		},
		{
			// A heading made clickable (role=button) opens the closed
			// section under it: heading and section are the text.
			name: "clickable heading and its closed section kept",
			page: `<article>` + paras("The harbour museum reopens in May with a new wing for old sails, room %d.", 4) + `<div class=sec><div tabindex=0 role=button class=toggle><h4>Opening hours</h4></div><div style="display:none"><p>The museum opens daily from ten until five, and until eight on Thursdays.</p></div></div></article>`,
			has:  []string{"harbour museum", "Opening hours", "opens daily from ten"},
		},
		{
			// Must not fire: a button-role box that is not a heading
			// (a "Show more" strip), and a clickable heading with no
			// section after it, are not toggles of the text.
			name:  "button boxes that open no section dropped",
			page:  `<article>` + paras("The harbour museum reopens in May with a new wing for old sails, room %d.", 4) + `<div role=button class=more><span>Show the full gallery</span></div><div style="display:none"><p>Members log in here to see the staff rota for the season.</p></div><div class=x><div role=button><h4>Newsletter</h4></div></div></article>`,
			has:   []string{"harbour museum"},
			lacks: []string{"Show the full gallery", "staff rota", "Newsletter"},
		},
		{
			// A toggle with no panel loads its answer on click: the
			// question alone is left out, as is a hidden box that no
			// toggle opens.
			name:  "toggle without panel dropped",
			page:  `<article>` + paras("The town choir gives its winter concert in the old church, song %d.", 4) + `<div hidden><p>Members log in here to see the rehearsal plan for the season.</p></div><div class=item><button aria-expanded="false">How long is the concert?</button></div><div class=item><button aria-expanded="false">Is there a bar?</button></div></article>`,
			has:   []string{"winter concert"},
			lacks: []string{"How long is the concert?", "Is there a bar?", "rehearsal plan"},
		},
		{
			// The byline says who wrote the article; the bio box under
			// it is the same on every page of the writer.
			name:  "author bio under the article dropped",
			page:  `<article><div class=text>` + paras("The night bus network grows by four routes from March, line %d.", 5) + `<div class=author-bio><img src=/p.jpg><p>Kim Lee is a transport reporter who has covered buses and trams for ten years.</p><a href=/kim>More by Kim</a></div></div></article>`,
			has:   []string{"night bus network"},
			lacks: []string{"transport reporter", "More by Kim"},
		},
		{
			name:  "teaser rail after the article",
			page:  `<main><div class=body>` + para("The bridge will close for three weeks while engineers replace the bearings.") + `</div><div class=more>` + strings.Repeat(`<div class=card><h3><a href=/s>Another story headline here</a></h3><p>A short teaser line for the story.</p></div>`, 5) + `</div></main>`,
			has:   []string{"bridge will close"},
			lacks: []string{"teaser line", "Another story"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Extract([]byte("<html><body>"+tc.page+"</body></html>"), Options{URL: "https://example.com/n/1"})
			if err != nil {
				t.Fatal(err)
			}
			checkText(t, r.Article.Text, tc.has, tc.lacks)
		})
	}
}

// checkText reports each of has that text lacks and each of lacks it has.
func checkText(t *testing.T, text string, has, lacks []string) {
	t.Helper()
	for _, h := range has {
		if !strings.Contains(text, h) {
			t.Errorf("text lacks %q: %q", h, text)
		}
	}
	for _, l := range lacks {
		if strings.Contains(text, l) {
			t.Errorf("text has %q: %q", l, text)
		}
	}
}

// TestSiteRules checks that Body, Remove and Related selectors apply to
// their host only.
func TestSiteRules(t *testing.T) {
	page := []byte(`<html><body><div id=a><p>Left column text that is long enough to be a paragraph of the page, truly.</p></div>` +
		`<div id=b><p>Right column text.</p><p class=ad>Buy now</p></div><div id=rel><a href=/r1>R one</a><a href=/r2>R two</a></div></body></html>`)
	rules := map[string]Rules{"news.example.com": {Body: "#b", Remove: []string{".ad"}, Related: "#rel"}}
	cases := []struct {
		name    string
		url     string
		has     string
		lacks   string
		related int
	}{
		{"rules host", "https://news.example.com/x", "Right column text.", "Buy now", 2},
		{"other host", "https://other.example.com/x", "Left column text", "Right column", -1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Extract(page, Options{URL: tc.url, Sites: rules})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(r.Article.Text, tc.has) || strings.Contains(r.Article.Text, tc.lacks) {
				t.Errorf("text = %q, want %q and not %q", r.Article.Text, tc.has, tc.lacks)
			}
			if tc.related >= 0 && len(r.Article.Related) != tc.related {
				t.Errorf("related = %+v, want %d items", r.Article.Related, tc.related)
			}
		})
	}
}

func TestJudge(t *testing.T) {
	cases := []struct {
		name string
		m    meta.Meta
		l    int
		ld   float64
		ls   listing
		want bool
	}{
		{"declared news article", meta.Meta{Type: "newsarticle"}, 50, 0, listing{}, true},
		{"website without date", meta.Meta{Type: "website"}, 5000, 0, listing{}, false},
		{"dated with text", meta.Meta{PublishedAt: "2024-09-05"}, 600, 0.1, listing{}, true},
		{"dated but a link list", meta.Meta{PublishedAt: "2024-09-05"}, 600, 0.7, listing{}, false},
		{"undated short", meta.Meta{}, 600, 0, listing{}, false},
		{"undated long", meta.Meta{}, 2000, 0, listing{}, true},
		{"website with date and prose", meta.Meta{Type: "website", PublishedAt: "2024-09-05"}, 900, 0.05, listing{}, true},
		{"website undated long", meta.Meta{Type: "website"}, 9000, 0.05, listing{}, false},
		{"webpage undated long", meta.Meta{Type: "webpage"}, 9000, 0.05, listing{}, true},
		{"dated story cards", meta.Meta{PublishedAt: "2024-09-05"}, 650, 0.25, listing{items: 3, dated: 3, share: 0.98, dates: 3}, false},
		{"undated cards are a listicle", meta.Meta{PublishedAt: "2024-09-05"}, 1400, 0.3, listing{items: 8, share: 0.97}, true},
		{"dates every few lines", meta.Meta{PublishedAt: "2024-09-05"}, 1000, 0.1, listing{dates: 5}, false},
		{"a few dates in a long text", meta.Meta{PublishedAt: "2024-09-05"}, 9000, 0.1, listing{dates: 5}, true},
		{"declared article keeps its cards", meta.Meta{Type: "newsarticle"}, 5000, 0.1, listing{items: 30, dated: 30, share: 0.7}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := judge(tc.m, tc.l, tc.ld, tc.ls); got != tc.want {
				t.Errorf("judge = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCustomElementBlock(t *testing.T) {
	doc, _ := html.Parse(strings.NewReader(`<p>Text (<x-cite><a href=/1>1</a></x-cite>).</p><x-body><p>Para</p></x-body>`))
	var inline, block *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Data {
		case "x-cite":
			inline = n
		case "x-body":
			block = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if dom.IsBlock(inline) || !dom.IsBlock(block) {
		t.Errorf("dom.IsBlock(x-cite) = %v, dom.IsBlock(x-body) = %v", dom.IsBlock(inline), dom.IsBlock(block))
	}
}

func TestFindListing(t *testing.T) {
	cards := `<ul>
<li><h3><a href="/a">Reservoir levels recover after a wet spring</a></h3><p>Levels are back above their ten-year average, the board said.</p><time datetime="2024-05-21">21 May 2024</time></li>
<li><h3><a href="/b">Pipe replacement reaches the old town streets</a></h3><p>Crews will replace cast-iron mains under six streets.</p><span class="date">2024-05-18 14:30</span></li>
<li><h3><a href="/c">Bottling plant expands and promises new jobs</a></h3><p>The company says the new line will double its output.</p><time>15 May 2024</time></li>
</ul>`
	prose := `<p>The water board said on Tuesday that levels at the three main reservoirs were back above their ten-year average, easing fears of restrictions.</p>
<p>Officials warned that a dry summer could still bring a hosepipe ban, as it did two years ago, and asked households to save water.</p>`
	for _, tc := range []struct {
		name    string
		page    string
		listing bool
	}{
		{"cards", cards, true},
		{"article", prose, false},
		{"article with a short card list", prose + prose + prose + prose + prose + cards, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, _ := html.Parse(strings.NewReader(tc.page))
			box := dom.FindElement(doc, atom.Body)
			s := body.NewScorer(box)
			l := findListing(box, s)
			if got := l.isListing(s.Text(box)); got != tc.listing {
				t.Errorf("isListing = %v (%+v), want %v", got, l, tc.listing)
			}
		})
	}
}

// TestFormStatus checks which classes name a form's status message.
func TestFormStatus(t *testing.T) {
	cases := []struct {
		class string
		want  bool
	}{
		{"w-form-done", true},
		{"labs-form_error-message w-form-fail", true},
		{"form__success-message", true},
		{"newsletter-form-success", true},
		{"ajax-error-msg", true},
		{"form-block", false},       // the form itself goes by other rules
		{"error-bars chart", false}, // a chart, no message
		{"success-stories", false},
		{"", false},
	}
	for _, tc := range cases {
		if got := boilerplate.FormStatus.MatchString(tc.class); got != tc.want {
			t.Errorf("formStatus(%q) = %v, want %v", tc.class, got, tc.want)
		}
	}
}
