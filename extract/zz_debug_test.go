package extract

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestZZDebug(t *testing.T) {
	f := os.Getenv("DBG")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	doc, _ := goquery.NewDocumentFromReader(strings.NewReader(string(b)))
	root := doc.Selection.Nodes[0]
	h := scanMetaHead(root)
	ld := parseJSONLD(h.jsonld)
	lines := metaLines(root)
	mt := h.meta
	title, ti := pickTitle(lines, []string{mt.first("og:title"), ld.Headline, mt.first("twitter:title", "dc.title", "headline")}, h.title, mt.first("og:site_name"))
	fmt.Println("pub", ld.Published, mt.first(publishedKeys...))
	fmt.Println("title", title, "idx", ti)
	for i, ln := range lines {
		if mMayHoldDate(ln.text, false) && ln.runes < 160 {
			d, _, ok := findDate(ln.text, dateContext{})
			fmt.Println(i, ok, d, ln.noise, ln.hint, ln.links, ln.runes, ln.text)
		}
	}
}
