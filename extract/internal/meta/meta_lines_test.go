package meta

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"newsarchive/extract/internal/dom"
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

// classVerdictRef is classVerdict without its caches: the verdicts of
// the tokens, each judged afresh.
func classVerdictRef(cls string) uint8 {
	var v uint8
	for _, tok := range strings.FieldsFunc(cls, func(r rune) bool { return r < utf8.RuneSelf && isRegexSpace(byte(r)) }) {
		v |= tokenVerdict(tok)
	}
	return v
}

// TestClassVerdict: a class of one token, judged without the token
// cache, and the tokens of longer classes, judged through it, give the
// verdict of each token judged afresh, whatever the cache holds.
func TestClassVerdict(t *testing.T) {
	cache := map[string]uint8{}
	for _, tc := range []struct {
		name, cls string
		want      uint8
	}{
		{"one noise token", "sidebar", clsNoise},
		{"one hint token", "byline", clsHint},
		{"both in one token", "footer-meta", clsNoise | clsHint},
		{"taxonomy is no noise", "category-related", 0},
		{"tokens of both", "post-meta related-posts", clsNoise | clsHint},
		{"cached token again", "sidebar byline", clsNoise | clsHint},
		{"leading space", " sidebar", clsNoise},
		{"capitals", "Entry-Meta", clsHint},
		{"layout", "col-md-8 main", 0},
		{"empty", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ref := classVerdict(tc.cls, cache), classVerdictRef(tc.cls)
			if got != ref || got != tc.want {
				t.Errorf("classVerdict(%q) = %d, afresh %d, want %d", tc.cls, got, ref, tc.want)
			}
		})
	}
}

// FuzzClassVerdict: classVerdict through a cache shared between calls is
// the verdict judged afresh.
func FuzzClassVerdict(f *testing.F) {
	f.Add("sidebar", "sidebar byline")
	f.Add("x\fly", "ly nav")
	f.Add("Entry-Meta", " tag-hot\thot")
	f.Fuzz(func(t *testing.T, a, b string) {
		cache := map[string]uint8{}
		for _, s := range []string{a, b, a + " " + b} {
			if got, want := classVerdict(s, cache), classVerdictRef(s); got != want {
				t.Errorf("classVerdict(%q) = %d, afresh %d", s, got, want)
			}
		}
	})
}

// TestHasNonSpaceString: the string form, which a line of one text node
// is judged by, agrees with the byte form, which judges the others.
func TestHasNonSpaceString(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		want    bool
	}{
		{"blank run between blocks", "\n\t  \r\n", false},
		{"vertical tab and form feed", "\v\f", false},
		{"no-break and ideographic spaces", "\u00a0\u3000", false},
		{"zero-width space and byte-order mark", "\u200b\ufeff", false},
		{"a word", "  Rain ", true},
		{"an invalid byte", " \xff ", true},
		{"a control byte that is no space", "\x1c", true},
		{"han", "\u3000来源", true},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ref := hasNonSpaceString(tc.s), hasNonSpace([]byte(tc.s))
			if got != ref || got != tc.want {
				t.Errorf("hasNonSpaceString(%q) = %v, hasNonSpace %v, want %v", tc.s, got, ref, tc.want)
			}
		})
	}
}

// FuzzHasNonSpaceString: the two forms agree on any text.
func FuzzHasNonSpaceString(f *testing.F) {
	for _, s := range []string{" \t\n", "\u00a0x", "\xff", "\u200b", "\x1c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasNonSpaceString(s), hasNonSpace([]byte(s)); got != want {
			t.Errorf("hasNonSpaceString(%q) = %v, hasNonSpace %v", s, got, want)
		}
	})
}

// FuzzMetaLinesText: however a line is gathered (one text node kept as
// it is, or pieces copied), its text is collapsed and not blank, and its
// rune count is its text's.
func FuzzMetaLinesText(f *testing.F) {
	for _, s := range []string{
		`<p>Rain  falls</p><p><span>By</span><span>Jane</span></p>`,
		"<div>\n  <p> one </p>\n two <b>three</b><br>four</div>",
		`<h1><strong>Blog:</strong> Rain falls again over the valley</h1>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		root, err := html.Parse(strings.NewReader(page))
		if err != nil {
			return
		}
		for _, ln := range metaLines(root) {
			if ln.text == "" || dom.Collapse(ln.text) != ln.text {
				t.Errorf("line %q is not collapsed", ln.text)
			}
			if ln.runes != utf8.RuneCountInString(ln.text) {
				t.Errorf("line %q: runes %d", ln.text, ln.runes)
			}
		}
	})
}

// TestRegexSpaceByte: the table is isRegexSpace on every byte.
func TestRegexSpaceByte(t *testing.T) {
	for c := 0; c < 256; c++ {
		if regexSpaceByte[c] != isRegexSpace(byte(c)) {
			t.Errorf("regexSpaceByte[%#x] = %v, isRegexSpace %v", c, regexSpaceByte[c], isRegexSpace(byte(c)))
		}
	}
}

// metaBlockTagsRef is the set isMetaBlockTag replaces.
var metaBlockTagsRef = map[string]bool{
	"address":    true,
	"article":    true,
	"aside":      true,
	"blockquote": true,
	"br":         true,
	"center":     true,
	"dd":         true,
	"details":    true,
	"dialog":     true,
	"div":        true,
	"dl":         true,
	"dt":         true,
	"fieldset":   true,
	"figcaption": true,
	"figure":     true,
	"footer":     true,
	"form":       true,
	"h1":         true,
	"h2":         true,
	"h3":         true,
	"h4":         true,
	"h5":         true,
	"h6":         true,
	"header":     true,
	"hgroup":     true,
	"hr":         true,
	"li":         true,
	"main":       true,
	"nav":        true,
	"ol":         true,
	"p":          true,
	"pre":        true,
	"section":    true,
	"summary":    true,
	"table":      true,
	"tbody":      true,
	"td":         true,
	"tfoot":      true,
	"th":         true,
	"thead":      true,
	"tr":         true,
	"ul":         true,
	"body":       true,
	"option":     true,
	"button":     true,
}

// TestMetaBlockTag: the switch holds the tags of the set and no other,
// whatever their case or a prefix.
func TestMetaBlockTag(t *testing.T) {
	var tags []string
	for k := range metaBlockTagsRef {
		tags = append(tags, k, strings.ToUpper(k), k+"x", k[:len(k)-1])
	}
	tags = append(tags, "span", "a", "", "h7", "svg")
	for _, tag := range tags {
		if got, want := isMetaBlockTag(tag), metaBlockTagsRef[tag]; got != want {
			t.Errorf("isMetaBlockTag(%q) = %v, want %v", tag, got, want)
		}
	}
}

// FuzzMetaBlockTag: the switch is the set on any tag name.
func FuzzMetaBlockTag(f *testing.F) {
	for _, s := range []string{"div", "p", "span", "h6", "hgroup", "BR"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tag string) {
		if got, want := isMetaBlockTag(tag), metaBlockTagsRef[tag]; got != want {
			t.Errorf("isMetaBlockTag(%q) = %v, want %v", tag, got, want)
		}
	})
}
