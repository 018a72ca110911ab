package render

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// builderText gathers a paragraph's text as textParas did: every piece
// copied into a builder, one text node or many.
type builderText struct{ b strings.Builder }

func (t *builderText) add(s string) { t.b.WriteString(s) }
func (t *builderText) text() string { return t.b.String() }
func (t *builderText) reset()       { t.b.Reset() }

// checkTextParas: textParas, which takes a paragraph of one text node
// uncopied, gives the paragraphs and owners the builder gives.
func checkTextParas(t *testing.T, page string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	body := doc.LastChild.LastChild // <html>, then <body>
	paras, owners := textParas(body)
	rparas, rowners := textParasIn(body, &builderText{})
	if !slices.Equal(paras, rparas) || !slices.Equal(owners, rowners) {
		t.Errorf("textParas(%q) = %q, want %q (or the owners differ)", page, paras, rparas)
	}
}

var textParasPages = []struct{ name, page string }{
	{"one text node a paragraph", "<p>The pier reopened.</p><p>Crews left  at dawn. </p>"},
	{"pieces", "<p>The <b>pier</b> re<i>opened</i>.</p>"},
	{"breaks", "<p>Line one<br>Line two<br><br>Line three</p>"},
	{"cells", "<table><tr><td>a</td><td>b <b>c</b></td></tr></table>"},
	{"nested blocks", "<div>Before <p>inside</p> after <span>more</span></div>"},
	{"caption left out", "<figure><img src=a.jpg><figcaption>Photo</figcaption></figure><p class=wp-caption-text>Credit</p>"},
	{"white space only", "<p> \n </p><p>\u00a0</p>"},
	{"invalid bytes across nodes", "<p>a\xe6<b>\xb8\xaf</b>b</p>"},
}

func TestTextParasPieces(t *testing.T) {
	for _, tt := range textParasPages {
		t.Run(tt.name, func(t *testing.T) { checkTextParas(t, tt.page) })
	}
}

// FuzzTextParas: on any page textParas agrees with the builder.
func FuzzTextParas(f *testing.F) {
	for _, tt := range textParasPages {
		f.Add(tt.page)
	}
	f.Fuzz(checkTextParas)
}
