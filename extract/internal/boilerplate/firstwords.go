package boilerplate

import (
	"errors"
	"regexp/syntax"
	"sort"
	"unicode"
)

// FirstWords lists the lower-case ASCII words that the matches of the
// regexp pattern may start with, after leading white space: the words a
// FirstWordIn prefilter of the pattern must hold ("" for a match opening
// with another ASCII character). A match whose first word holds a byte
// beyond ASCII passes FirstWordIn whatever it is, and is not listed. It is
// an error when the words cannot be listed (a class of many letters, a
// match that may end inside its first word). The prefilters' soundness
// tests use it.
func FirstWords(pattern string) ([]string, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, err
	}
	var e wordEnum
	e.walk([]*syntax.Regexp{re}, "", 0)
	if e.unknown != "" {
		return nil, errors.New("first words cannot be listed: " + e.unknown)
	}
	var out []string
	for w := range e.words {
		out = append(out, w)
	}
	sort.Strings(out)
	return out, nil
}

// wordEnum lists the lower-case ASCII words a regexp's matches start with.
// A match whose first word holds a byte beyond ASCII passes FirstWordIn
// whatever it is, and is not listed. unknown says why the words cannot be
// listed (a letter class too large, a match that may end inside its first
// word, a word longer than FirstWordIn reads).
type wordEnum struct {
	words   map[string]bool
	unknown string
	seen    map[wordState]bool
}

// wordState is a point of the walk: the next node, how much follows it,
// and the letters read. A loop (a star of white space) comes back to one.
type wordState struct {
	next *syntax.Regexp
	rest int
	w    string
}

func (e *wordEnum) add(w string) {
	if e.words == nil {
		e.words = map[string]bool{}
	}
	e.words[w] = true
}

// walk follows the sequence rest of nodes, having read the letters w of
// the first word so far.
func (e *wordEnum) walk(rest []*syntax.Regexp, w string, depth int) {
	if e.unknown != "" {
		return
	}
	if depth > 200 || len(w) >= 16 {
		e.unknown = "too deep or too long at " + w
		return
	}
	if len(rest) == 0 {
		e.unknown = "a match may end inside its first word " + w
		return
	}
	st := wordState{rest[0], len(rest), w}
	if e.seen[st] {
		return
	}
	if e.seen == nil {
		e.seen = map[wordState]bool{}
	}
	e.seen[st] = true
	n, rest := rest[0], rest[1:]
	with := func(ns ...*syntax.Regexp) []*syntax.Regexp {
		return append(append([]*syntax.Regexp(nil), ns...), rest...)
	}
	switch n.Op {
	case syntax.OpConcat:
		e.walk(with(n.Sub...), w, depth+1)
	case syntax.OpCapture:
		e.walk(with(n.Sub[0]), w, depth+1)
	case syntax.OpAlternate:
		for _, s := range n.Sub {
			e.walk(with(s), w, depth+1)
		}
	case syntax.OpQuest:
		e.walk(with(n.Sub[0]), w, depth+1)
		e.walk(rest, w, depth+1)
	case syntax.OpStar:
		e.walk(rest, w, depth+1)
		e.walk(with(n.Sub[0], n), w, depth+1)
	case syntax.OpPlus:
		e.walk(with(n.Sub[0], &syntax.Regexp{Op: syntax.OpStar, Sub: n.Sub}), w, depth+1)
	case syntax.OpRepeat:
		var seq []*syntax.Regexp
		for i := 0; i < n.Min; i++ {
			seq = append(seq, n.Sub[0])
		}
		if n.Max < 0 {
			seq = append(seq, &syntax.Regexp{Op: syntax.OpStar, Sub: n.Sub})
		} else {
			for i := n.Min; i < n.Max; i++ {
				seq = append(seq, &syntax.Regexp{Op: syntax.OpQuest, Sub: n.Sub})
			}
		}
		e.walk(with(seq...), w, depth+1)
	case syntax.OpBeginLine, syntax.OpBeginText, syntax.OpEmptyMatch:
		e.walk(rest, w, depth+1)
	case syntax.OpWordBoundary, syntax.OpEndLine, syntax.OpEndText, syntax.OpNoWordBoundary:
		if w != "" {
			// After a letter, \b and the end need a byte that is no
			// letter, or none: the word ends here. (\B after letters
			// goes on with the word, as the next node says.)
			if n.Op != syntax.OpNoWordBoundary {
				e.add(w)
				return
			}
		}
		e.walk(rest, w, depth+1)
	case syntax.OpLiteral:
		runes := n.Rune
		if len(runes) == 0 {
			e.walk(rest, w, depth+1)
			return
		}
		tail := &syntax.Regexp{Op: syntax.OpLiteral, Rune: runes[1:], Flags: n.Flags}
		e.char([]rune{runes[0]}, n.Flags&syntax.FoldCase != 0, with(tail), w, depth)
	case syntax.OpCharClass:
		var rs []rune
		for i := 0; i+1 < len(n.Rune); i += 2 {
			for r := n.Rune[i]; r <= n.Rune[i+1]; r++ {
				if r < 0x80 {
					rs = append(rs, r)
				}
				if r-n.Rune[i] > 0x400 {
					break // beyond ASCII nothing is listed
				}
			}
		}
		e.char(rs, false, rest, w, depth)
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		e.unknown = "any character at " + w
	default:
		e.unknown = "unhandled " + n.Op.String()
	}
}

// char follows one character, one of rs (its ASCII ones: the others pass
// FirstWordIn), folded when fold.
func (e *wordEnum) char(rs []rune, fold bool, rest []*syntax.Regexp, w string, depth int) {
	letters := 0
	for _, r := range rs {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			letters++
		}
	}
	if letters > 12 {
		e.unknown = "a class of many letters at " + w
		return
	}
	for _, r := range rs {
		if r >= 0x80 {
			continue
		}
		if fold {
			r = unicode.ToLower(r)
		}
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			e.walk(rest, w+string(unicode.ToLower(r)), depth+1)
		case w == "" && (r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'):
			e.walk(rest, w, depth+1) // leading white space, which FirstWordIn skips
		default:
			e.add(w) // the word ends (or is "" for a line opening with r)
		}
	}
}
