package search

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsarchive/article"
)

// Fragment is a piece of a matching field with the matches marked.
type Fragment struct {
	Field string `json:"field"` // title, text, description, authors, source or tags
	Text  string `json:"text"`
	// Marks are the byte spans [start, end) of Text that matched.
	Marks [][2]int `json:"marks"`
}

// Marked returns Text with each mark between open and close (such as
// "<mark>" and "</mark>" after escaping, or "«" and "»").
func (f Fragment) Marked(open, close string) string {
	var b strings.Builder
	at := 0
	for _, m := range f.Marks {
		b.WriteString(f.Text[at:m[0]])
		b.WriteString(open)
		b.WriteString(f.Text[m[0]:m[1]])
		b.WriteString(close)
		at = m[1]
	}
	b.WriteString(f.Text[at:])
	return b.String()
}

const (
	fragmentBytes = 240 // about 80 Chinese characters or 40 English words
	leadBytes     = 60  // context before the first match
	maxFragments  = 2
)

// fragments cuts up to maxFragments pieces of a's fields around the spans
// that matched (by field, or element name for lists; byte offsets into the
// archive's text). Without matches in the text (a filter-only query) it is
// the text's opening.
func fragments(a *article.Article, spans map[string][][2]int) []Fragment {
	var out []Fragment
	if s := spans[fTitle]; len(s) > 0 {
		out = append(out, whole(fTitle, a.Title, s))
	}
	if s := spans[fText]; len(s) > 0 {
		out = append(out, cut(fText, a.Text, s, maxFragments)...)
	}
	for _, f := range []struct {
		name string
		list []string
	}{{fDescription, []string{a.Description}}, {fSource, []string{a.Source}}, {fAuthors, a.Authors}, {fTags, a.Tags}} {
		for i, v := range f.list {
			k := f.name
			if f.name == fAuthors || f.name == fTags {
				k = element(f.name, i)
			}
			if s := spans[k]; len(s) > 0 && len(out) < maxFragments+1 {
				out = append(out, cut(f.name, v, s, 1)...)
			}
		}
	}
	if len(out) == 0 {
		out = cut(fText, a.Text, [][2]int{{0, 0}}, 1)
		if len(out) > 0 {
			out[0].Marks = [][2]int{}
		}
	}
	return out
}

// element names item i of a list field.
func element(field string, i int) string { return field + "#" + strconv.Itoa(i) }

// whole is all of s with spans marked.
func whole(field, s string, spans [][2]int) Fragment {
	return Fragment{Field: field, Text: s, Marks: clip(merge(spans, len(s)), 0, len(s))}
}

// cut returns up to n windows of s, each around a run of spans.
func cut(field, s string, spans [][2]int, n int) []Fragment {
	spans = merge(spans, len(s))
	var out []Fragment
	for len(spans) > 0 && len(out) < n {
		start := snapBack(s, spans[0][0]-leadBytes)
		end := snapForward(s, start+fragmentBytes)
		if end < spans[0][1] {
			end = snapForward(s, spans[0][1])
		}
		text := strings.TrimSpace(s[start:end])
		lead := strings.Index(s[start:end], text) + start
		marks := clip(spans, lead, lead+len(text))
		prefix, suffix := "", ""
		if lead > 0 {
			prefix = "…"
		}
		if lead+len(text) < len(s) {
			suffix = "…"
		}
		for i := range marks {
			marks[i][0] += len(prefix)
			marks[i][1] += len(prefix)
		}
		out = append(out, Fragment{Field: field, Text: prefix + text + suffix, Marks: marks})
		rest := spans[:0:0]
		for _, sp := range spans {
			if sp[0] >= end {
				rest = append(rest, sp)
			}
		}
		spans = rest
	}
	return out
}

// merge sorts spans, drops the ones outside [0, n) and joins overlapping
// ones (a Chinese match is overlapping bigrams).
func merge(spans [][2]int, n int) [][2]int {
	var ok [][2]int
	for _, s := range spans {
		if s[0] >= 0 && s[1] <= n && s[0] <= s[1] {
			ok = append(ok, s)
		}
	}
	sort.Slice(ok, func(i, j int) bool { return ok[i][0] < ok[j][0] })
	var out [][2]int
	for _, s := range ok {
		if l := len(out) - 1; l >= 0 && s[0] <= out[l][1] {
			out[l][1] = max(out[l][1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// clip keeps the spans inside [from, to), relative to from.
func clip(spans [][2]int, from, to int) [][2]int {
	out := [][2]int{}
	for _, s := range spans {
		if s[0] >= from && s[1] <= to && s[1] > s[0] {
			out = append(out, [2]int{s[0] - from, s[1] - from})
		}
	}
	return out
}

// snapBack moves i back to a rune start, and to a word start in text with
// spaces between words (not in Chinese).
func snapBack(s string, i int) int {
	if i <= 0 {
		return 0
	}
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	for j := i; j > 0 && i-j < 20; j-- {
		if s[j-1] == ' ' || s[j-1] == '\n' {
			return j
		}
		r, _ := utf8.DecodeLastRuneInString(s[:j])
		if unicode.Is(unicode.Han, r) || unicode.IsPunct(r) {
			return i
		}
	}
	return i
}

// snapForward moves i forward to a rune start, and to a word end where
// words have spaces between them.
func snapForward(s string, i int) int {
	if i >= len(s) {
		return len(s)
	}
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	for j := i; j < len(s) && j-i < 20; j++ {
		if s[j] == ' ' || s[j] == '\n' {
			return j
		}
		r, _ := utf8.DecodeRuneInString(s[j:])
		if unicode.Is(unicode.Han, r) || unicode.IsPunct(r) {
			return i
		}
	}
	return i
}
