package meta

import (
	"reflect"
	"testing"
)

// Byline lines in the forms blogs print them, each with no other source
// of the author on the page.
func TestBylineForms(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{
			// The date first, then the name.
			name: "published date by name",
			body: `<p>Published August 7, 2023 by Mara Quill</p><h1>Gardens in Winter</h1><p>Frost settles on the beds.</p>`,
			want: []string{"Mara Quill"},
		},
		{
			name: "bare date by name with role",
			body: `<h1>Gardens in Winter</h1><div>03/01/2017 by Mara Quill, Chair of the Seed Committee</div><p>Frost settles on the beds.</p>`,
			want: []string{"Mara Quill", "Chair of the Seed Committee"},
		},
		{
			name: "posted by name on weekday",
			body: `<h1>Gardens in Winter</h1><p>Posted by Mara Quill on Tuesday, August 29, 2023</p><p>Frost settles on the beds.</p>`,
			want: []string{"Mara Quill"},
		},
		{
			// A list of several authors under a label of its own.
			name: "author(s) label",
			body: `<h1>Gardens in Winter</h1><h6>Author(s)</h6><ul><li>Mara Quill</li><li>Tobin Ashgrove</li></ul><p>Frost settles on the beds.</p>`,
			want: []string{"Mara Quill"},
		},
		{
			name: "german text label at the foot",
			body: `<h1>Gärten im Winter</h1><p>Frost liegt auf den Beeten.</p><p><strong>Text:</strong> Erika Muster</p><p><strong>Fotos:</strong> Max Mann</p>`,
			want: []string{"Erika Muster"},
		},
		{
			name: "german created by with date",
			body: `<h1>Gärten im Winter</h1><p>Frost liegt auf den Beeten.</p><span>Erstellt von Erika Muster am 3. Mai 2021</span>`,
			want: []string{"Erika Muster"},
		},
		{
			name: "french written by",
			body: `<h1>Jardins en hiver</h1><p>Rédigé par Jean Dupont</p><p>Le gel couvre les plates-bandes.</p>`,
			want: []string{"Jean Dupont"},
		},
		{
			name: "spanish author label",
			body: `<h1>Jardines en invierno</h1><p>La helada cubre los bancales.</p><p>Autora: Ana Ruiz</p>`,
			want: []string{"Ana Ruiz"},
		},
		{
			// A sentence that starts like a label is no credit.
			name: "text label inside a sentence",
			body: `<h1>Gärten im Winter</h1><p>Der Text von gestern war zu lang, sagte sie.</p>`,
			want: nil,
		},
		{
			// "by" inside a sentence after a date is not a byline.
			name: "date then sentence",
			body: `<h1>Gardens in Winter</h1><p>In 2023 the beds were dug by hand.</p><p>Frost settles on the beds.</p>`,
			want: nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := authorsOf(t, "", tc.body); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Authors = %q, want %q", got, tc.want)
			}
		})
	}
}

// A user name after "by", lower case and all, under the headline.
func TestBylineHandle(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"handle under headline", `<h1>Gardens in Winter</h1><p>by mquill42</p><p>Frost settles on the beds.</p>`, []string{"mquill42"}},
		{"handle far below headline", `<h1>Gardens in Winter</h1><p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p><p>Five.</p><p>by mquill42</p>`, nil},
		{"two lower-case words are a phrase", `<h1>Gardens in Winter</h1><p>by hand alone</p><p>Frost settles on the beds.</p>`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := authorsOf(t, "", tc.body); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Authors = %q, want %q", got, tc.want)
			}
		})
	}
}
