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
	body, ok := strings.CutPrefix(pattern, "(?i)")
	if !ok {
		panic("FoldWordsNeed: not a (?i) pattern: " + pattern)
	}
	var cores, firsts []string
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
	return func(s string) bool {
		if strings.Contains(s, "\u212a") || strings.Contains(s, "ſ") {
			return true
		}
		for _, c := range cores {
			if FoldContains(s, c) {
				return true
			}
		}
		for _, f := range firsts {
			if strings.Contains(s, f) {
				return true
			}
		}
		return false
	}
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
