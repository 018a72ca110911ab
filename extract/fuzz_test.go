package extract

import (
	"strings"
	"testing"
	"time"
)

// FuzzExtract: arbitrary bytes never panic and never hang. The seeds are
// small on purpose: the fuzzer mutates big pages too slowly to explore.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"<p>短</p>",
		"<html><head><meta charset=gbk><title>t</title></head><body><div class=content><p>来源：某网 作者：张三</p><p>2024年09月05日 08:56:39</p><p>正文，正文。</p></div></body></html>",
		"<table><td><p><a href=x>y</a></table><h2>相关阅读</h2><ul><li><a href=/a>甲</a> 2025-04-30 17:34:22</li></ul>",
		"<article><figure><img data-src=/i.jpg><figcaption>cap</figcaption></figure><p>Text, more text.</p><h3>Related</h3><a href=/r>r</a><a href=/s>s</a></article>",
		`<script type="application/ld+json">{"@type":"NewsArticle","author":{"name":"A"}}</script><div hidden><p>x</p></div>`,
		"<div class=comment><p>c</p></div><footer>京ICP备1号</footer><link rel=alternate type=application/rss+xml href=/f>",
		`<article><p onclick="x()">Text, more text, <a href="javascript:alert(1)">a link</a>.</p><svg><script>alert(1)</script></svg></article>`,
	} {
		f.Add([]byte(s))
	}
	f.Add([]byte{0xff, 0xfe, 0, '<'})
	f.Fuzz(func(t *testing.T, b []byte) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			r, err := FromBytes(b, "", Options{URL: "https://example.com/a/b.html"})
			if err == nil && r == nil {
				t.Error("nil result without error")
			}
			if r != nil && strings.Contains(strings.ToLower(r.Article.HTML), "<script") {
				t.Errorf("body HTML holds a script: %q", r.Article.HTML)
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("Extract hangs")
		}
	})
}
