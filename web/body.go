package web

import (
	"html/template"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"newsarchive/article"
	"newsarchive/extract"
)

// articleBody is the one place that decides how a body is shown. The
// article's html goes through extract's allowlist again (versions archived
// before it existed hold the cleaner's html only), then loses what would
// make the reader's browser reach the archived site: images, media and
// their sources (the images are listed below the body instead), and links
// get rel=noreferrer. Without html, the text is shown, one paragraph per
// blank-line-separated block; templates escape it.
func articleBody(a *article.Article) bodyView {
	if h := safeBodyHTML(a.HTML); h != "" {
		return bodyView{HTML: template.HTML(h)}
	}
	var out []string
	for _, p := range strings.Split(a.Text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return bodyView{Paragraphs: out}
}

// safeBodyHTML returns s sanitised and without network-reaching elements,
// or "" when nothing readable is left.
func safeBodyHTML(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(extract.SanitizeHTML(s)))
	if err != nil {
		return ""
	}
	body := doc.Find("body")
	body.Find("img, picture, source, video, audio, track").Remove()
	body.Find("a").Each(func(_ int, l *goquery.Selection) {
		l.SetAttr("rel", "noreferrer noopener nofollow")
	})
	if strings.TrimSpace(body.Text()) == "" {
		return ""
	}
	out, err := body.Html()
	if err != nil {
		return ""
	}
	return extract.SanitizeHTML(out)
}
