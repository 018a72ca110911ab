package render

import (
	"testing"
)

// TestDropAuthorBio checks that the author's bio closing the text goes,
// and that closing sentences about the story's subject or a company that
// signs the page stay.
func TestDropAuthorBio(t *testing.T) {
	body := "The harbour board voted on Monday to close the old ferry pier.\n\nRepairs will take four months, the board said."
	cases := []struct {
		name    string
		text    string
		authors []string
		want    string
	}{
		{"full name bio", body + "\n\nJane Roe is a reporter covering transport and city hall.", []string{"Jane Roe"}, body},
		{"first name bio and what follows", body + "\n\nJane joined the paper in 2017.\n\nFollow her on the usual sites.", []string{"Jane Roe"}, body},
		{"book plug", body + "\n\nJane Roe's book about harbours is out now.", []string{"Jane Roe"}, body},
		{"the subject, not the author", body + "\n\nJohn Smith is the chairman of the harbour board.", []string{"Jane Roe"}, body + "\n\nJohn Smith is the chairman of the harbour board."},
		{"company as author", body + "\n\nHarbourline is committed to safe crossings.", []string{"Harbourline"}, body + "\n\nHarbourline is committed to safe crossings."},
		{"acronym as author", body + "\n\nHBT is the trust that runs the ferry.", []string{"HBT Official"}, body + "\n\nHBT is the trust that runs the ferry."},
		{"name at the top stays", "Jane Roe is at the pier today.\n\nThe board voted to close it.\n\nRepairs start soon.\n\nWork ends in spring.", []string{"Jane Roe"}, "Jane Roe is at the pier today.\n\nThe board voted to close it.\n\nRepairs start soon.\n\nWork ends in spring."},
		{"no author", body + "\n\nJane Roe is a reporter.", nil, body + "\n\nJane Roe is a reporter."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := DropAuthorBio(tc.text, tc.authors); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestDropByline checks that a byline at the top of the text goes, and
// that a sentence or a caption naming the author stays.
func TestDropByline(t *testing.T) {
	body := "The harbour board voted on Monday to close the old ferry pier.\n\nRepairs will take four months, the board said."
	cases := []struct {
		name    string
		text    string
		authors []string
		want    string
	}{
		{"by line", "By Jane Roe\n\n" + body, []string{"Jane Roe"}, body},
		{"name and role", "JANE ROE, Harbour Writer\n\n" + body, []string{"Jane Roe"}, body},
		{"two authors in one field", "Jane Roe and John Smith, Daily Harbour\n\n" + body, []string{"JANE ROE, JOHN SMITH, Daily Harbour"}, body},
		{"one-word name after by", "Written by Jane\n\n" + body, []string{"Jane"}, body},
		{"one-word name alone stays", "Harbourline\n\n" + body, []string{"Harbourline"}, "Harbourline\n\n" + body},
		{"a sentence naming the author stays", "Jane Roe visited the pier on Monday.\n\n" + body, []string{"Jane Roe"}, "Jane Roe visited the pier on Monday.\n\n" + body},
		{"a caption crediting the author stays", "The old ferry pier seen from the harbour wall at low tide. Photo by Jane Roe\n\n" + body, []string{"Jane Roe"}, "The old ferry pier seen from the harbour wall at low tide. Photo by Jane Roe\n\n" + body},
		{"part of a longer name is no match", "By Jane Roeder\n\n" + body, []string{"Jane Roe"}, "By Jane Roeder\n\n" + body},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := DropByline(tc.text, tc.authors); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
