package body

import (
	"strings"
	"testing"

	"newsarchive/extract/internal/render"
	"newsarchive/urlnorm"
)

// TestAnnouncedSection: a section made of lists a sentence announces, in
// the article's flow, with links to other sites, is the article's text,
// also when a converter boxes each paragraph and list; a section of the
// site's own pages, one at the tail, or one with no sentence before its
// lists goes as a link list.
func TestAnnouncedSection(t *testing.T) {
	para := `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs. The engineers said the new deck would carry twice the load.</p>`
	intro := `<div class="paragraph"><p>The board sent these requests to the port authority this month:</p></div>`
	list := func(href string) string {
		var b strings.Builder
		b.WriteString(`<div class="ulist"><ul>`)
		for _, s := range []string{"Berth licence for the north quay", "Dredging permit for the inner basin", "Night mooring on the east wall", "Fuel barge access at low tide"} {
			b.WriteString(`<li><p><a href="` + href + `">` + s + `</a></p></li>`)
		}
		b.WriteString(`</ul></div>`)
		return b.String()
	}
	section := func(intro, list string) string {
		return `<div class="sect"><h2>Requests</h2><div class="body"><div class="paragraph"><p>Progress on the paperwork was slow.</p></div>` + intro + list + `</div></div>`
	}
	cases := []struct {
		name, body string
		kept       bool
	}{
		{"links to another site, prose after", para + section(intro, list("https://port.example.org/req/1")) + para, true},
		// Must not fire.
		{"the site's own pages", para + section(intro, list("/guides/other")) + para, false},
		{"the site's own pages, absolute", para + section(intro, list("https://www.harbour.example.com/guides/x")) + para, false},
		{"at the tail", para + para + section(intro, list("https://port.example.org/req/1")), false},
		{"no sentence announces them", para + section("", list("https://port.example.org/req/1")) + para, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if text := prunedOn(t, tc.body, "harbour.example.com"); strings.Contains(text, "Dredging permit") != tc.kept {
				t.Errorf("lists kept = %v, want %v in %q", !tc.kept, tc.kept, text)
			}
		})
	}
}

func TestLinkHostSameSite(t *testing.T) {
	cases := []struct {
		href, host string
		same       bool
	}{
		{"/guides/x", "example.com", true},
		{"page.html", "example.com", true},
		{"#top", "example.com", true},
		{"mailto:desk@other.org", "example.com", true}, // no host: not counted as elsewhere
		{"https://www.example.com/a", "example.com", true},
		{"//cdn.example.com/a", "www.example.com", true},
		{"HTTPS://Shop.Example.COM:8443/a?b", "example.com", true},
		{"https://news.example.co.uk/a", "www.example.co.uk", true},
		// Elsewhere.
		{"https://other.org/a", "example.com", false},
		{"https://other.co.uk/a", "example.co.uk", false},
		{"https://example.com.evil.org/a", "example.com", false},
		{"https://forge.example.net/pulls/97", "blog.example.xyz", false},
		{"https://other.org/a", "", false},
	}
	for _, tc := range cases {
		h := urlnorm.Host(tc.href)
		if got := h == "" || sameSite(h, tc.host); got != tc.same {
			t.Errorf("%q on %q: own site = %v, want %v (host %q)", tc.href, tc.host, got, tc.same, h)
		}
	}
}

// TestListItemParagraph: a kept list whose items are each one linked
// paragraph (<li><p><a>…</a></p></li>) is read as a list, not as lone
// link lines; a linked paragraph outside a list, or beside other text in
// its item, is still a link line.
func TestListItemParagraph(t *testing.T) {
	para := `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs. The engineers said the new deck would carry twice the load.</p>`
	cases := []struct {
		name, block string
		kept        bool
	}{
		{"items of one linked paragraph", `<p>The board sent these requests to the port authority this month:</p><ul><li><p><a href="https://port.example.org/1">Berth licence for the north quay</a></p></li><li><p><a href="https://port.example.org/2">Dredging permit for the inner basin</a></p></li></ul>`, true},
		// Must not fire.
		{"a linked paragraph outside a list", `<p><a href="https://port.example.org/2">Dredging permit for the inner basin</a></p>`, false},
		{"a linked paragraph beside other text in its item", `<p>The board sent these requests to the port authority this month:</p><ul><li><p><a href="https://port.example.org/2">Dredging permit for the inner basin</a></p><p>Filed on Monday, answered within the week by the port office.</p></li></ul>`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if text := prunedOn(t, para+tc.block+para, "harbour.example.com"); strings.Contains(text, "Dredging permit") != tc.kept {
				t.Errorf("item kept = %v, want %v in %q", !tc.kept, tc.kept, text)
			}
		})
	}
}

// prunedOn is the text of body after prune, on a page of host.
func prunedOn(t *testing.T, body, host string) string {
	t.Helper()
	box := parseBox(t, body)
	s := NewScorer(box)
	s.host = host
	prune(box, s, "")
	return render.BodyText(box)
}

// TestPlainItems: a list some of whose items link nowhere (a checklist
// with a few product links) is the article's; a list that links every
// item, or all but one, is still a link list.
func TestPlainItems(t *testing.T) {
	para := `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs. The engineers said the new deck would carry twice the load.</p>`
	item := func(linked bool, s string) string {
		if linked {
			return `<li><a href="/shop/` + s[:3] + `">` + s + `</a></li>`
		}
		return `<li>` + s + `</li>`
	}
	list := func(links ...bool) string {
		names := []string{"Mooring rope", "Boat hook", "Fenders", "Bilge pump", "Tide table"}
		var b strings.Builder
		b.WriteString(`<h3>On board</h3><ul>`)
		for i, l := range links {
			b.WriteString(item(l, names[i]))
		}
		b.WriteString(`</ul>`)
		return b.String()
	}
	cases := []struct {
		name, list string
		kept       bool
	}{
		{"two of five items plain", list(true, false, true, false, true), true},
		{"two of three items plain", list(false, true, false), true},
		// Must not fire.
		{"every item linked", list(true, true, true, true, true), false},
		{"one of five plain", list(true, true, false, true, true), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if text := prunedOn(t, para+tc.list+para, "harbour.example.com"); strings.Contains(text, "Boat hook") != tc.kept {
				t.Errorf("list kept = %v, want %v in %q", !tc.kept, tc.kept, text)
			}
		})
	}
}

// TestOffSiteListInFlow: a list of links to other sites between two
// paragraphs of the text (a subheading may stand before it) is kept; the
// same list of the site's own pages, at the tail, with no prose before
// it, or on a page of unknown host goes.
func TestOffSiteListInFlow(t *testing.T) {
	para := `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs. The engineers said the new deck would carry twice the load.</p>`
	list := func(href string) string {
		return `<ul><li><a href="` + href + `1">Pier load survey - Coastal Institute</a></li><li><a href="` + href + `2">Ferry timetable guide - Port Office</a></li><li><a href="` + href + `3">Berth rules - Harbour Council</a></li></ul>`
	}
	off := list("https://survey.example.org/r")
	cases := []struct {
		name, body, host string
		kept             bool
	}{
		{"between paragraphs", para + off + para, "harbour.example.com", true},
		// Must not fire.
		{"the site's own pages", para + list("/guides/") + para, "harbour.example.com", false},
		{"at the tail", para + para + off, "harbour.example.com", false},
		{"under a subheading of the text", para + `<h3>Surveys</h3>` + off + para, "harbour.example.com", true},
		{"under a heading with no prose before it", `<h3>Reading</h3>` + off + para, "harbour.example.com", false},
		{"host unknown", para + off + para, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if text := prunedOn(t, tc.body, tc.host); strings.Contains(text, "Ferry timetable guide") != tc.kept {
				t.Errorf("list kept = %v, want %v in %q", !tc.kept, tc.kept, text)
			}
		})
	}
}
