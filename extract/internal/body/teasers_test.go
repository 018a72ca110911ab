package body

import (
	"strings"
	"testing"
)

// TestTailTeasers: three story cards in a row after the article's last
// paragraph go, whether their title is a heading or a bare link line above
// the picture; the same cards with the article going on after them, or
// two cards only, stay.
func TestTailTeasers(t *testing.T) {
	article := `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs and two rounds of public hearings.</p><p>The board's engineers said the new deck would carry twice the load of the old one, and that the work had come in under budget by almost a tenth.</p>`
	card := func(i, title string) string {
		return `<div><div><figure><a href="/story/` + i + `"><img src="/i/` + i + `.jpg"></a></figure><figure><h3><a href="/story/` + i + `">` + title + `</a></h3><p>A short excerpt of the other story, with a sentence of its own.</p></figure></div></div>`
	}
	lineCard := func(i, title string) string {
		return `<div><a href="/story/` + i + `"><span>` + title + `</span></a><div><img src="/i/` + i + `.jpg"></div><div><div>A short excerpt of the other story, with a sentence of its own.</div></div></div>`
	}
	three := card("1", "The ferry timetable for the spring") + card("2", "Where to park near the old pier") + card("3", "A short history of the harbour board")
	lines := lineCard("1", "The ferry timetable for the spring") + lineCard("2", "Where to park near the old pier") + lineCard("3", "A short history of the harbour board")
	more := `<p>Ferry operators welcomed the decision, though two of them asked for longer berths than the plan allows, and the board promised to look again in May.</p>`
	cases := []struct {
		name string
		body string
		gone bool
	}{
		{"three heading cards at the tail", article + three, true},
		{"three link-line cards at the tail", article + `<section><div>` + lines + `</div></section>`, true},
		{"cards then a more link", article + three + `<p><a href="/stories">More stories</a></p>`, true},
		{"cards inside the text", article + three + more, false},
		{"cards in a box, text after the box", article + `<div>` + three + `</div>` + more, false},
		{"cards that make most of the body", `<p>Five webcams look over the harbour.</p>` + three + card("4", "The lighthouse camera on the point"), false},
		{"faq answers under toggles", article + strings.Repeat(`<li><a href="#">Where to park near the old pier?</a><div><p>On the quay, behind the harbour office, from six in the morning.</p></div></li>`, 3), false},
		{"a faq list of four under toggles, text after it", article + `<ul>` + strings.Repeat(`<li><a href="#">Where to park near the old pier?</a><div><p>On the quay, behind the harbour office, from six in the morning.</p></div></li>`, 4) + `</ul>` + more, false},
		{"slides with a button last", article + strings.Repeat(`<section><div>Where to park near the old pier</div><div><p>A short pitch for the work, with a sentence of its own.</p></div><a href="/work/x">See the whole project</a></section>`, 3), false},
		{"the article's list going on after a picture", article + card("5", "The lighthouse camera on the point") + `<figure><img src="/i/p.jpg"><figcaption>The pier at dawn.</figcaption></figure>` + three, false},
		{"two cards", article + card("1", "The ferry timetable for the spring") + card("2", "Where to park near the old pier"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := prunedText(t, tc.body)
			if strings.Contains(tc.body, "reopen the old pier") && !strings.Contains(text, "reopen the old pier") {
				t.Fatalf("article lost: %q", text)
			}
			if got := !strings.Contains(text, "Where to park"); got != tc.gone {
				t.Errorf("cards gone = %v, want %v in %q", got, tc.gone, text)
			}
		})
	}
}
