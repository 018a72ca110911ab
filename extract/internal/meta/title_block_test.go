package meta

import (
	"reflect"
	"testing"
)

// The block holding the headline is the article's even when its class or
// tag reads as a sidebar; noise inside it, and real sidebars, stay noise.
func TestTitleBlockNotNoise(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{
			// A layout class naming the sidebar the grid has.
			name: "grid with sidebar modifier",
			body: `<div class="l-grid l-grid--sidebar"><h1>Gardens in Winter</h1><p>By Mara Quill</p><p>Frost settles on the beds.</p></div>`,
			want: []string{"Mara Quill"},
		},
		{
			// A theme that puts the post in an <aside>.
			name: "post in an aside",
			body: `<aside><h1>Gardens in Winter</h1><span class="post-author">Mara Quill</span><p>Frost settles on the beds.</p></aside>`,
			want: []string{"Mara Quill"},
		},
		{
			name: "comments inside the block stay noise",
			body: `<div class="page-with-sidebar"><h1>Gardens in Winter</h1><p>Frost settles on the beds.</p><div class="comments"><p>By Tobin Ashgrove</p></div></div>`,
			want: nil,
		},
		{
			name: "a sidebar beside the headline stays noise",
			body: `<main><h1>Gardens in Winter</h1><p>Frost settles on the beds.</p></main><div class="sidebar"><p>By Tobin Ashgrove</p></div>`,
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
