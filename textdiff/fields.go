package textdiff

import (
	"fmt"
	"strings"
	"unicode"

	"newsarchive/article"
)

// Field is one content field of an article compared between two versions.
type Field struct {
	Name              string // title, authors, published_at, source, text
	Old, New          string
	Changed           bool // differs once normalised as the content hash normalises it
	Edits             []Edit
	Deleted, Inserted int // tokens, as Stats counts them
}

// Fields compares the content fields of a and b, in the order diff shows
// them. a may be nil (a first version: everything is inserted).
func Fields(a, b *article.Article) []Field {
	if a == nil {
		a = &article.Article{}
	}
	pairs := []struct{ name, a, b string }{
		{"title", a.Title, b.Title},
		{"authors", strings.Join(a.Authors, ", "), strings.Join(b.Authors, ", ")},
		{"published_at", a.PublishedAt, b.PublishedAt},
		{"source", a.Source, b.Source},
		{"text", a.Text, b.Text},
	}
	out := make([]Field, len(pairs))
	for i, p := range pairs {
		f := Field{Name: p.name, Old: p.a, New: p.b}
		if article.NormalizeText(p.a) != article.NormalizeText(p.b) {
			f.Changed = true
			f.Edits = Diff(p.a, p.b)
			f.Deleted, f.Inserted = Stats(f.Edits)
		}
		out[i] = f
	}
	return out
}

// Unified renders fields as `newsarchive diff` prints them below its
// header: each changed field with [-deleted-] and {+inserted+} markers
// (the text with its counts and context characters around each change),
// the title even when unchanged.
func Unified(fields []Field, context int) string {
	var b strings.Builder
	differs := false
	for _, f := range fields {
		switch {
		case f.Name == "text" && f.Changed:
			differs = true
			fmt.Fprintf(&b, "text: (%d words/characters deleted, %d inserted)\n", f.Deleted, f.Inserted)
			b.WriteString(Format(f.Edits, context) + "\n")
		case f.Name == "text":
			b.WriteString("text: unchanged\n")
		case f.Changed:
			differs = true
			fmt.Fprintf(&b, "%s: %s\n", f.Name, Format(f.Edits, 0))
		case f.Name == "title":
			fmt.Fprintf(&b, "title: %s\n", f.New)
		}
	}
	if !differs {
		b.WriteString("(no difference in the content fields)\n")
	}
	return b.String()
}

// Words counts the words in s: runs of letters and digits, and each
// Chinese, Japanese or Korean character on its own (those scripts do not
// put spaces between words). White space and punctuation do not count.
func Words(s string) int {
	n := 0
	for _, t := range Tokens(s) {
		for _, r := range t {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
				break
			}
		}
	}
	return n
}
