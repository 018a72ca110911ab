package search

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// asciiTokenizer is bleve's unicode tokenizer with the same tokens, but
// ASCII runs are cut by hand: the UAX#29 segmenter was most of English
// analysis in the profile, and on ASCII its word rules come down to a
// few. Letters, digits and '_' join (WB5, WB8–WB10, WB13a/b); ':' joins
// two letters, ',' and ';' two digits, '.' and the apostrophe either (WB6/7,
// WB11/12); nothing else is in a word. A run that holds any other byte
// goes to bleve's tokenizer, cut off from its neighbours at spaces
// followed by ASCII, where no word rule reaches across (a space is no
// part of a word, and only Extend or Format characters, never ASCII,
// would join it). Input that is not UTF-8 goes to bleve's tokenizer
// whole. TestASCIITokenizerSame and FuzzASCIITokenizer compare the two.
type asciiTokenizer struct{ bleve *unicode.UnicodeTokenizer }

func newASCIITokenizer() asciiTokenizer {
	return asciiTokenizer{unicode.NewUnicodeTokenizer()}
}

// byte classes of ASCII's word break properties
const (
	wOther = iota
	wLetter
	wDigit
	wUnderscore
	wMidLetter    // ':'
	wMidNum       // ',' ';'
	wMidNumLetter // '.' '\''
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			t[c] = wLetter
		case c >= '0' && c <= '9':
			t[c] = wDigit
		}
	}
	t['_'], t[':'], t[','], t[';'], t['.'], t['\''] = wUnderscore, wMidLetter, wMidNum, wMidNum, wMidNumLetter, wMidNumLetter
	return t
}()

func (a asciiTokenizer) Tokenize(in []byte) analysis.TokenStream {
	if !utf8.Valid(in) {
		return a.bleve.Tokenize(in)
	}
	out := make(analysis.TokenStream, 0, len(in)/6+1)
	var block []analysis.Token
	start, cut := 0, 0 // start of the bytes not yet tokenized; a safe cut after it
	for i := 0; i < len(in); i++ {
		c := in[i]
		if c < utf8.RuneSelf {
			if c == ' ' && i+1 < len(in) && in[i+1] < utf8.RuneSelf {
				cut = i + 1
			}
			continue
		}
		if cut > start {
			out, block = asciiWords(in, start, cut, out, block)
			start = cut
		}
		end := i
		for end < len(in) && (in[end] != ' ' || end+1 < len(in) && in[end+1] >= utf8.RuneSelf) {
			end++
		}
		end = min(end+1, len(in))
		for _, t := range a.bleve.Tokenize(in[start:end]) {
			t.Start += start
			t.End += start
			out = append(out, t)
		}
		start, cut, i = end, end, end-1
	}
	out, _ = asciiWords(in, start, len(in), out, block)
	for i, t := range out {
		t.Position = i + 1
	}
	return out
}

// asciiWords appends the words of in[from:to], which is ASCII, to out,
// carving their tokens from block.
func asciiWords(in []byte, from, to int, out analysis.TokenStream, block []analysis.Token) (analysis.TokenStream, []analysis.Token) {
	for i := from; i < to; {
		k := asciiClass[in[i]]
		if k != wLetter && k != wDigit && k != wUnderscore {
			i++
			continue
		}
		j, letters := i, false
		for j < to {
			k := asciiClass[in[j]]
			switch k {
			case wLetter:
				letters = true
				j++
				continue
			case wDigit, wUnderscore:
				j++
				continue
			}
			if j+1 < to {
				prev, next := asciiClass[in[j-1]], asciiClass[in[j+1]]
				if prev == wLetter && next == wLetter && (k == wMidLetter || k == wMidNumLetter) ||
					prev == wDigit && next == wDigit && (k == wMidNum || k == wMidNumLetter) {
					j += 2
					continue
				}
			}
			break
		}
		if len(block) == 0 {
			block = make([]analysis.Token, max(16, (to-j)/6))
		}
		t := &block[0]
		block = block[1:]
		t.Term, t.Start, t.End, t.Type = in[i:j], i, j, analysis.AlphaNumeric
		if !letters && hasDigit(in[i:j]) {
			t.Type = analysis.Numeric
		}
		out = append(out, t)
		i = j
	}
	return out, block
}

func hasDigit(b []byte) bool {
	for _, c := range b {
		if c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}
