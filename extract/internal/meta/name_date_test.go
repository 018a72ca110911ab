package meta

import (
	"reflect"
	"testing"
)

// A byline printed without "By": a name on its own line beside the date.
func TestNameBesideDate(t *testing.T) {
	const orgLD = `<script type="application/ld+json">{"@type":"BlogPosting","headline":"Gardens in Winter","author":{"@type":"Organization","name":"Example Seeds"}}</script>`
	tests := []struct {
		name, head, body string
		want             []string
	}{
		{
			name: "name above the date",
			body: `<h1>Gardens in Winter</h1><p>Frost settles on the beds.</p><p>Mara Quill</p><p>23.07.2025 · 6 min read</p><p>More text.</p>`,
			want: []string{"Mara Quill"},
		},
		{
			name: "name below the date",
			body: `<h1>Gardens in Winter</h1><div>March 5, 2024</div><div>Mara Quill, Tobin Ashgrove</div><p>Frost settles on the beds.</p>`,
			want: []string{"Mara Quill", "Tobin Ashgrove"},
		},
		{
			// An organisation declared as author is weaker than the name shown.
			name: "beats an organisation in JSON-LD",
			head: orgLD,
			body: `<h1>Gardens in Winter</h1><div>March 5, 2024</div><div>Mara Quill</div><p>Frost settles on the beds.</p>`,
			want: []string{"Mara Quill"},
		},
		{
			name: "one word beside the date is a section",
			body: `<h1>Gardens in Winter</h1><div>Planting</div><div>March 5, 2024</div><p>Frost settles on the beds.</p>`,
			want: nil,
		},
		{
			name: "name-like line without a date",
			body: `<h1>Gardens in Winter</h1><div>Seed Catalogue</div><p>Frost settles on the beds.</p>`,
			want: nil,
		},
		{
			name: "lower-case words are no name",
			body: `<h1>Gardens in Winter</h1><div>Mara quill</div><div>March 5, 2024</div><p>Frost settles on the beds.</p>`,
			want: nil,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := authorsOf(t, tc.head, tc.body); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Authors = %q, want %q", got, tc.want)
			}
		})
	}
}
