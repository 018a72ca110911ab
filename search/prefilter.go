package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// candidates is a cheap necessary condition for find(analysed(val),
// want): it looks for each query term's anchor (a substring of every word
// that yields the term) in order, each near the one before, in the
// lower-cased text, and returns the byte offsets where a match may start
// (at most max of them), so that only windows around them are analysed.
// all is true when the analyzer's anchors cannot be vouched for: then the
// whole text must be analysed.
func candidates(analyzer, lower string, want []qtok, limit int) (at []int, all bool) {
	anchors := make([]string, len(want))
	for i, w := range want {
		anchors[i] = anchor(analyzer, w.term)
		if anchors[i] == "" && i == 0 {
			return nil, true
		}
	}
	for from := 0; from < len(lower) && len(at) < limit; {
		i := strings.Index(lower[from:], anchors[0])
		if i < 0 {
			break
		}
		i += from
		if follows(lower, i+1, anchors[1:], want) {
			at = append(at, i)
		}
		from = i + 1
	}
	return at, false
}

// follows reports whether anchors occur in order from cursor, each within
// reach of the previous one (stop words can sit between two terms, so the
// reach grows with the gap in positions).
func follows(lower string, cursor int, anchors []string, want []qtok) bool {
	for k, a := range anchors {
		if a == "" {
			continue
		}
		gap := max(want[k+1].pos-want[k].pos, 1)
		end := min(len(lower), cursor+64*gap+len(a))
		if cursor > end {
			return false
		}
		j := strings.Index(lower[cursor:end], a)
		if j < 0 {
			return false
		}
		cursor += j + 1 // CJK bigrams overlap by a character
	}
	return true
}

// anchor is a substring of every lower-cased word that analyzer turns into
// term, "" when there is none it is sure of.
func anchor(analyzer, term string) string {
	switch analyzer {
	case standard.Name:
		return term
	case cjk.AnalyzerName, zhAnalyzer: // zhAnalyzer's text is folded in lowered
		for _, r := range term {
			if !unicode.Is(unicode.Han, r) {
				return "" // width folding may have changed it
			}
		}
		return term
	case en.AnalyzerName:
		// Porter stemming rewrites only the last two letters of a word
		// (sensibility → sensibl); a short stem keeps its letters but a
		// final y made i (pay → pai, city → citi).
		for i := 0; i < len(term); i++ {
			if term[i] >= utf8.RuneSelf {
				return ""
			}
		}
		a := term[:max(min(len(term), 3), len(term)-2)]
		if len(a) == len(term) && len(a) > 1 && a[len(a)-1] == 'i' {
			a = a[:len(a)-1]
		}
		return a
	}
	return ""
}
