package meta

import "strings"

// wordList is containsAnyWord over a fixed list, in one pass over s: each
// byte pair of s is looked up in a bitmap of the words' first two bytes,
// and only a pair that opens a word is compared with the words. On Chinese
// text one strings.Contains per word stopped at nearly every character
// (their lead bytes are those of most Han characters), and the label
// readers ask several lists of every line (TestWordList, FuzzWordList).
type wordList struct {
	pairs [1 << 16 / 64]uint64
	words []string
}

// newWordList takes words of two bytes or more.
func newWordList(words []string) *wordList {
	ws := &wordList{words: words}
	for _, w := range words {
		if len(w) < 2 {
			panic("meta: wordList word shorter than two bytes: " + w)
		}
		k := uint(w[0])<<8 | uint(w[1])
		ws.pairs[k>>6] |= 1 << (k & 63)
	}
	return ws
}

// in reports whether s holds one of the words.
func (ws *wordList) in(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		k := uint(s[i])<<8 | uint(s[i+1])
		if ws.pairs[k>>6]&(1<<(k&63)) == 0 {
			continue
		}
		for _, w := range ws.words {
			if strings.HasPrefix(s[i:], w) {
				return true
			}
		}
	}
	return false
}
