package extract

import (
	"strings"
	"testing"
)

// TestRevealTemplates: a post shipped as a markup template inside the
// declared article body is read; templates elsewhere, or of another type,
// stay scripts.
func TestRevealTemplates(t *testing.T) {
	post := `<p>The harbour board met on Monday and agreed to reopen the old pier to ferries from the spring, after three years of repairs.</p><p>The engineers said the new deck would carry twice the load of the old one, and the work came in under budget.</p>`
	page := func(body string) string {
		return `<html><body><nav><a href="/">Home</a></nav><div class="post"><h2>Pier reopens</h2>` + body + `</div><footer>Blog archive</footer></body></html>`
	}
	cases := []struct {
		name, page string
		kept       bool
	}{
		{"a template in the declared body", page(`<div class="post-body" itemprop="articleBody"><script type="text/template">` + post + `</script></div>`), true},
		// Must not fire.
		{"a template outside the declared body", page(`<div class="post-body"><script type="text/template">` + post + `</script></div>`), false},
		{"a template nested deeper in the body", page(`<div itemprop="articleBody"><div class="widget"><script type="text/template">` + post + `</script></div></div>`), false},
		{"a script of code", page(`<div itemprop="articleBody"><script type="text/javascript">var x = "` + strings.ReplaceAll(post, `"`, `'`) + `";</script></div>`), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Extract([]byte(tc.page), Options{URL: "https://blog.example.com/2020/05/pier.html"})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Contains(r.Article.Text, "twice the load"); got != tc.kept {
				t.Errorf("post read = %v, want %v: %q", got, tc.kept, r.Article.Text)
			}
		})
	}
}
