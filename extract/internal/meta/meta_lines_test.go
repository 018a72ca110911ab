package meta

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestMetaLines(t *testing.T) {
	tests := []struct {
		name, page string
		want       []string // "h1:text" for headings, "noise:text", else text
	}{
		{"kicker label dropped from headline", `<h1><strong>Blog:</strong> Rain falls again over the valley</h1>`, []string{"h1:Rain falls again over the valley"}},
		{"screen-reader heading is plain text", `<h1 class="sr-only">Rain</h1><p>Body</p>`, []string{"Rain", "Body"}},
		{"inline elements read as separate words", `<div class="byline"><span>By</span><span>Jane Roe</span></div>`, []string{"By Jane Roe"}},
		{"br splits lines", `<p>来源：化工网<br>作者：张三</p>`, []string{"来源：化工网", "作者：张三"}},
		{"page footer is noise", `<footer><p>© 2024 Example</p></footer>`, []string{"noise:© 2024 Example"}},
		{"article footer is not", `<article><footer><p>By Jane Roe</p></footer></article>`, []string{"By Jane Roe"}},
		{"related block is noise", `<div class="related-posts"><a href="/x">Other story</a></div>`, []string{"noise:Other story"}},
		{"taxonomy class is not noise", `<article class="post tag-related category-hot"><p>Body</p></article>`, []string{"Body"}},
		{"layout sidebar class is not noise", `<div class="content-sidebar-wrap"><p>Body</p></div>`, []string{"Body"}},
		{"revision date skipped", `<p>Posted <time class="updated" datetime="2024-09-06">Sep 6, 2024</time> <time datetime="2024-09-05">Sep 5, 2024</time></p>`, []string{"Posted Sep 5, 2024"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, err := html.Parse(strings.NewReader(tc.page))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, ln := range metaLines(root) {
				s := ln.text
				switch {
				case ln.heading > 0:
					s = "h" + string(rune('0'+ln.heading)) + ":" + s
				case ln.noise:
					s = "noise:" + s
				}
				got = append(got, s)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
