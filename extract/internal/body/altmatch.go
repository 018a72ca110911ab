package body

import (
	"strings"

	"newsarchive/extract/internal/boilerplate"
)

// altMatcher answers MatchString for a regexp that is an alternation of
// plain words, each perhaps with \b at either end, an optional "-" inside
// ("most-?read") or an optional "s" before a closing \b ("ads?\b"). The
// hint patterns are all of that form; the regexp engine tries every
// alternative at every position, which made them a large share of the
// work on pages with many classes.
type altMatcher struct {
	expr  string    // the regexp it stands for
	lits  []string  // alternatives without \b
	words []altWord // alternatives with a \b
	// byFirst files lits by their first byte: one pass over s finds them
	// all, where a strings.Contains per alternative made as many passes.
	byFirst [256][]string
}

type altWord struct {
	w           string
	left, right bool // \b before, \b after
	optS        bool // "s?" before the closing \b
}

// newAltMatcher builds the matcher for expr, which must be of the form
// described above; anything else panics, as regexp.MustCompile would.
func newAltMatcher(expr string) *altMatcher {
	m := &altMatcher{expr: expr}
	for _, alt := range strings.Split(expr, "|") {
		var w altWord
		if strings.HasPrefix(alt, `\b`) {
			w.left, alt = true, alt[2:]
		}
		if strings.HasSuffix(alt, `\b`) {
			w.right, alt = true, alt[:len(alt)-2]
			if strings.HasSuffix(alt, "s?") {
				w.optS, alt = true, alt[:len(alt)-2]
			}
		}
		forms := []string{alt}
		if i := strings.Index(alt, "-?"); i >= 0 {
			forms = []string{alt[:i] + alt[i+2:], alt[:i] + "-" + alt[i+2:]}
		}
		for _, f := range forms {
			if f == "" || strings.ContainsAny(f, `\?*+()[]{}.^$|`) {
				panic("altMatcher: unsupported pattern " + expr)
			}
			if w.left && !boilerplate.IsWordByte(f[0]) || w.right && !boilerplate.IsWordByte(f[len(f)-1]) {
				panic("altMatcher: \\b next to a non-word character in " + expr)
			}
			if !w.left && !w.right {
				if w.optS {
					panic("altMatcher: unsupported pattern " + expr)
				}
				m.lits = append(m.lits, f)
				continue
			}
			ww := w
			ww.w = f
			m.words = append(m.words, ww)
		}
	}
	for _, l := range m.lits {
		m.byFirst[l[0]] = append(m.byFirst[l[0]], l)
	}
	return m
}

// MatchString reports whether s contains a match of the alternation.
func (m *altMatcher) MatchString(s string) bool {
	if len(m.lits) > 0 {
		for i := 0; i < len(s); i++ {
			for _, l := range m.byFirst[s[i]] {
				if strings.HasPrefix(s[i:], l) {
					return true
				}
			}
		}
	}
	for _, w := range m.words {
		for from := 0; ; {
			i := strings.Index(s[from:], w.w)
			if i < 0 {
				break
			}
			i += from
			from = i + 1
			if w.left && i > 0 && boilerplate.IsWordByte(s[i-1]) {
				continue
			}
			end := i + len(w.w)
			if !w.right || end == len(s) || !boilerplate.IsWordByte(s[end]) {
				return true
			}
			if w.optS && s[end] == 's' && (end+1 == len(s) || !boilerplate.IsWordByte(s[end+1])) {
				return true
			}
		}
	}
	return false
}
