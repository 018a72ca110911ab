package meta

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// A date that opens a long paragraph just below the headline, as its
// dateline, dates a page that declares nothing; a date later in the text,
// or in a paragraph far down the page, does not.
func TestPublishedParagraphDateline(t *testing.T) {
	long := strings.Repeat(" The committee heard the report and discussed the next steps at length.", 4)
	for _, c := range []struct {
		name, body, want string
	}{
		{
			name: "numeric date and a dash at the very start",
			body: `<h1>A post</h1><p>14.2.2023 - At the meeting of the members` + long + `</p>`,
			want: "2023-02-14",
		},
		{
			name: "place, comma and a German date",
			body: `<h1>A post</h1><p>BERLIN, 3. März 2021 – Bei der Sitzung des Rates` + long + `</p>`,
			want: "2021-03-03",
		},
		{
			name: "place, comma, le and a French date",
			body: `<h1>A post</h1><p>Lyon, le 5 février 2020 – Lors de la réunion` + long + `</p>`,
			want: "2020-02-05",
		},
		{
			name: "date and a colon",
			body: `<h1>A post</h1><p>June 9, 2022: The members of the board` + long + `</p>`,
			want: "2022-06-09",
		},
		{
			name: "date in brackets opening the paragraph",
			body: `<h1>A post</h1><h5>By A. Writer</h5><p>(14. Februar 2023) Die Mitglieder trafen sich` + long + `</p>`,
			want: "2023-02-14",
		},
		{
			name: "a bracketed date inside the sentence: not a dateline",
			body: `<h1>A post</h1><p>The members met (14 February 2023) to discuss` + long + `</p>`,
			want: "",
		},
		{
			name: "an opening bracket that holds more than the date: not a dateline",
			body: `<h1>A post</h1><p>(14 February 2023 was the day the members met) and` + long + `</p>`,
			want: "",
		},
		{
			name: "date inside the sentence: not a dateline",
			body: `<h1>A post</h1><p>On 14 February 2023 the members met` + long + `</p>`,
			want: "",
		},
		{
			name: "date at the start without a dash: not a dateline",
			body: `<h1>A post</h1><p>14 February 2023 was the day the members met` + long + `</p>`,
			want: "",
		},
		{
			name: "words before the date that are no place: not a dateline",
			body: `<h1>A post</h1><p>At the meeting of the members, 14 February 2023 – a day to remember` + long + `</p>`,
			want: "",
		},
		{
			name: "a dateline paragraph far down the page is text",
			body: `<h1>A post</h1>` + strings.Repeat(`<p>A paragraph of the story.</p>`, 15) + `<p>14.2.2023 - At the meeting of the members` + long + `</p>`,
			want: "",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			page := `<html><head><title>A post</title></head><body>` + c.body + `</body></html>`
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			if got := Find(doc, nil, nil, time.Time{}).PublishedAt; got != c.want {
				t.Errorf("PublishedAt = %q, want %q", got, c.want)
			}
		})
	}
}
