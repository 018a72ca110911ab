package boilerplate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FoldWordsNeed builds a cheap test that every match of pattern passes,
// for a pattern that is "(?i)" and an alternation of words ("published|
// \bdate\b|veröffentlicht|发布"): letters, spaces and marks, each word
// perhaps with \b at either end. It panics on anything else, as
// regexp.MustCompile would on a bad pattern.
//
// A match holds one of the words, each letter in one of the forms (?i)
// folds it to (unicode.SimpleFold). An ASCII letter folds to its other
// case only, but for k (also K, the Kelvin sign) and s (also ſ): a line
// with either of those two passes at once, and the others are looked for
// as ASCII. A word is then looked for by its longest run of ASCII letters
// (FoldContains), or, when it has none (发布, обновлено), by any of the
// forms of its first letter.
func FoldWordsNeed(pattern string) func(string) bool {
	cores, firsts := foldWordsParts(pattern)
	return NewScan(append([]string{"\u212a", "ſ"}, firsts...), cores).In
}

// foldWordsParts reads pattern (see FoldWordsNeed) into the lower-case
// ASCII cores of its words and the forms of the first letters of those
// without one.
func foldWordsParts(pattern string) (cores, firsts []string) {
	body, ok := strings.CutPrefix(pattern, "(?i)")
	if !ok {
		panic("FoldWordsNeed: not a (?i) pattern: " + pattern)
	}
	for _, alt := range strings.Split(body, "|") {
		w := strings.TrimSuffix(strings.TrimPrefix(alt, `\b`), `\b`)
		if w == "" || strings.ContainsAny(w, `\?*+()[]{}.^$|`) {
			panic("FoldWordsNeed: not a word: " + alt)
		}
		if core := longestASCIIRun(w); core != "" {
			cores = append(cores, strings.ToLower(core))
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		for f := r; ; {
			firsts = append(firsts, string(f))
			if f = unicode.SimpleFold(f); f == r {
				break
			}
		}
	}
	return cores, firsts
}

// longestASCIIRun is the longest run of ASCII letters in w.
func longestASCIIRun(w string) string {
	best, start := "", -1
	for i := 0; i <= len(w); i++ {
		if i < len(w) && ('a' <= w[i]|0x20 && w[i]|0x20 <= 'z') {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start > len(best) {
			best = w[start:i]
		}
		start = -1
	}
	return best
}

// Scan reports whether a string holds one of a fixed set of needles:
// exact ones (strings.Contains) and lower-case ASCII ones in any ASCII
// case (FoldContains). It finds them in one pass over the string: each
// byte pair is looked up in a bitmap of the pairs the needles can open
// with, and only there are the needles filed under its first byte
// compared. A Contains per needle made a pass over the string for each
// (some twenty for the date labels), and on Chinese text stopped at
// nearly every character, whose lead bytes most needles share
// (TestFoldScan, FuzzFoldScan).
type Scan struct {
	pairs  [1 << 16 / 64]uint64
	single [256]bool // the one-byte needles, in each case form
	// byFirst files the needles of two bytes or more by each byte they
	// may open with; fold says an ASCII needle compared in any case.
	byFirst [256][]scanNeedle
}

type scanNeedle struct {
	s    string
	fold bool
}

// NewScan takes non-empty needles; folded ones are lower-case ASCII.
func NewScan(exact, folded []string) *Scan {
	sc := &Scan{}
	add := func(n scanNeedle) {
		b0 := []byte{n.s[0]}
		if n.fold {
			b0 = caseForms(n.s[0])
		}
		if len(n.s) == 1 {
			for _, b := range b0 {
				sc.single[b] = true
			}
			return
		}
		b1 := []byte{n.s[1]}
		if n.fold {
			b1 = caseForms(n.s[1])
		}
		for _, x := range b0 {
			sc.byFirst[x] = append(sc.byFirst[x], n)
			for _, y := range b1 {
				k := uint(x)<<8 | uint(y)
				sc.pairs[k>>6] |= 1 << (k & 63)
			}
		}
	}
	for _, e := range exact {
		add(scanNeedle{s: e})
	}
	for _, f := range folded {
		add(scanNeedle{s: f, fold: true})
	}
	return sc
}

// caseForms is the bytes FoldHasPrefix takes for the lower-case byte c.
func caseForms(c byte) []byte {
	if 'a' <= c && c <= 'z' {
		return []byte{c, c - ('a' - 'A')}
	}
	return []byte{c}
}

// In reports whether s holds one of the needles.
func (sc *Scan) In(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if sc.single[b] {
			return true
		}
		if i+1 == len(s) {
			break
		}
		if k := uint(b)<<8 | uint(s[i+1]); sc.pairs[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		for _, n := range sc.byFirst[b] {
			if n.fold && FoldHasPrefix(s[i:], n.s) || !n.fold && strings.HasPrefix(s[i:], n.s) {
				return true
			}
		}
	}
	return false
}
