package meta

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// authorsOf runs findMeta on a page built from head and body markup.
func authorsOf(t *testing.T, head, body string) []string {
	t.Helper()
	page := `<html lang="en"><head><title>Gardens in Winter</title>` + head + `</head><body>` + body + `</body></html>`
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return Find(doc, nil, nil, time.Time{}).Authors
}

func TestHeadlineByline(t *testing.T) {
	const ld = `<script type="application/ld+json">{"@type":"BlogPosting","headline":"Gardens in Winter","author":{"@type":"Person","name":"webadmin7"}}</script>`
	tests := []struct {
		name, head, body string
		want             []string
	}{
		{
			// The CMS account that posted the story is not who wrote it.
			name: "byline under headline beats declared poster",
			head: ld,
			body: `<h1>Gardens in Winter</h1><p>March 3, 2024</p><p>By: Mara Quill</p><p>Frost settles on the beds.</p>`,
			want: []string{"Mara Quill"},
		},
		{
			// A "By" label on its own line, the name on the next.
			name: "label line then name",
			head: `<meta name="author" content="Tobin Ashgrove">`,
			body: `<h1>Gardens in Winter</h1><div>By</div><div>Mara Quill</div><p>Frost settles on the beds.</p>`,
			want: []string{"Mara Quill"},
		},
		{
			// A class-named author box (here the expert quoted) loses to the line.
			name: "byline beats author-classed box",
			body: `<h1>Gardens in Winter</h1><p>By Mara Quill</p><p>Frost settles on the beds.</p><div class="expert-author">Tobin Ashgrove</div>`,
			want: []string{"Mara Quill"},
		},
		{
			// Same person with a role added: the cleaner declared name stays.
			name: "agreeing byline keeps declared",
			head: `<meta name="author" content="Mara Quill">`,
			body: `<h1>Gardens in Winter</h1><p>By Mara Quill Garden Editor</p><p>Frost settles on the beds.</p>`,
			want: []string{"Mara Quill"},
		},
		{
			// Far from the headline the line may be anyone's (a quoted book).
			name: "byline far below headline ignored",
			head: `<meta name="author" content="Tobin Ashgrove">`,
			body: `<h1>Gardens in Winter</h1><p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p><p>Five.</p><p>Six.</p><p>By Mara Quill</p>`,
			want: []string{"Tobin Ashgrove"},
		},
		{
			// The name shown under the headline from an author element,
			// without "By", beats a declared login name.
			name: "author element line under headline beats declared",
			head: ld,
			body: `<h1>Gardens in Winter</h1><div class="post-author">Mara Quill</div><div>March 3, 2024</div><p>Frost settles on the beds.</p>`,
			want: []string{"Mara Quill"},
		},
		{
			// A link text in an author-ish element is no name.
			name: "author element phrase under headline ignored",
			head: `<meta name="author" content="Tobin Ashgrove">`,
			body: `<h1>Gardens in Winter</h1><div class="author-tools">Cite this Page</div><p>Frost settles on the beds.</p>`,
			want: []string{"Tobin Ashgrove"},
		},
		{
			// An author box far below (a bio) does not override.
			name: "author element far below headline ignored",
			head: `<meta name="author" content="Tobin Ashgrove">`,
			body: `<h1>Gardens in Winter</h1><p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p><p>Five.</p><div class="post-author">Mara Quill</div>`,
			want: []string{"Tobin Ashgrove"},
		},
		{
			// After a bare "By" a long category line is not a name.
			name: "long line after bare by ignored",
			head: `<meta name="author" content="Tobin Ashgrove">`,
			body: `<h1>Gardens in Winter</h1><div>By</div><div>Seasonal Tips Winter Care Garden Planning</div><p>Frost settles on the beds.</p>`,
			want: []string{"Tobin Ashgrove"},
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

func TestSharesName(t *testing.T) {
	tests := []struct {
		a, b []string
		want bool
	}{
		{[]string{"Mara Quill"}, []string{"Mara Quill, Garden Editor"}, true},
		{[]string{"Mara Quill", "Tobin Ashgrove"}, []string{"tobin ashgrove"}, true},
		{[]string{"Mara Quill"}, []string{"Tobin Ashgrove"}, false},
		{[]string{"Mara Quill"}, nil, false},
	}
	for _, tc := range tests {
		if got := sharesName(tc.a, tc.b); got != tc.want {
			t.Errorf("sharesName(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
