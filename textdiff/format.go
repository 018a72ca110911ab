package textdiff

import (
	"strings"
	"unicode/utf8"
)

// Format renders edits as text with [-deleted-] and {+inserted+} markers.
// Unchanged stretches longer than 2×context characters keep context
// characters on each side of the change and show " … " for the rest; a
// context of 0 or less keeps everything.
func Format(edits []Edit, context int) string {
	var b strings.Builder
	for i, e := range edits {
		switch e.Op {
		case Delete:
			b.WriteString("[-" + e.Text + "-]")
		case Insert:
			b.WriteString("{+" + e.Text + "+}")
		default:
			b.WriteString(elide(e.Text, context, i == 0, i == len(edits)-1))
		}
	}
	return b.String()
}

func elide(s string, context int, first, last bool) string {
	n := utf8.RuneCountInString(s)
	if context <= 0 || n <= 2*context || (first && last) {
		return s
	}
	r := []rune(s)
	switch {
	case first:
		return "…" + string(r[n-context:])
	case last:
		return string(r[:context]) + "…"
	}
	return string(r[:context]) + " … " + string(r[n-context:])
}

// Changed reports whether edits contain any change.
func Changed(edits []Edit) bool {
	for _, e := range edits {
		if e.Op != Equal {
			return true
		}
	}
	return false
}

// Stats counts the tokens deleted and inserted.
func Stats(edits []Edit) (deleted, inserted int) {
	for _, e := range edits {
		switch e.Op {
		case Delete:
			deleted += len(Tokens(e.Text))
		case Insert:
			inserted += len(Tokens(e.Text))
		}
	}
	return deleted, inserted
}
