package search

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/liuzl/gocc"
)

// zhAnalyzer analyses Chinese: the CJK analyzer's bigrams over text whose
// traditional characters are first folded to their simplified forms, one
// character for one, so that a query in either script finds an article in
// either (記者 finds 记者, 检测设备 finds 檢測設備). Folding is for matching
// only: fragments are cut from the archive's text as it was written.
// Japanese and Korean keep the plain CJK analyzer, whose kanji and hanja
// must not be folded to Chinese forms.
const zhAnalyzer = "cjk_zh"

// foldTable maps traditional Han characters to simplified ones (OpenCC's
// character table, through gocc), keeping only pairs of the same UTF-8
// length so that folded text keeps every byte offset of the original, on
// which highlighting and the prefilter rely. It is built once, on first
// use (about 40 ms); should gocc fail, nothing is folded, on both sides.
var foldTable = sync.OnceValue(func() []rune {
	cc, err := gocc.New("t2s")
	if err != nil {
		return nil
	}
	// One rune a line: converting them together is one pass of gocc,
	// and a line break keeps its phrase table from joining neighbours.
	var b strings.Builder
	var rs []rune
	for _, block := range [][2]rune{{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}} {
		for r := block[0]; r <= block[1]; r++ {
			rs = append(rs, r)
			b.WriteRune(r)
			b.WriteByte('\n')
		}
	}
	out, err := cc.Convert(b.String())
	if err != nil {
		return nil
	}
	lines := strings.Split(out, "\n")
	if len(lines) < len(rs) {
		return nil
	}
	m := make([]rune, foldLast-foldFirst+1)
	for i, r := range rs {
		s, n := utf8.DecodeRuneInString(lines[i])
		if n == len(lines[i]) && s != r && utf8.RuneLen(s) == utf8.RuneLen(r) {
			m[r-foldFirst] = s
		}
	}
	return m
})

// The table is dense, indexed from foldFirst (zero: not folded): a map
// lookup for every character was a quarter of the Chinese analysis.
const foldFirst, foldLast = 0x3400, 0xFAFF

// fold returns s with its traditional characters folded.
func fold(s string) string { return string(foldBytes([]byte(s))) }

// foldBytes returns in with its traditional characters folded: in itself
// when there are none, else a copy.
func foldBytes(in []byte) []byte {
	m := foldTable()
	var out []byte
	for i, r := range string(in) { // no copy: the compiler ranges over in
		if r < foldFirst || r > foldLast || m == nil {
			continue
		}
		if f := m[r-foldFirst]; f != 0 {
			if out == nil {
				out = append([]byte(nil), in...)
			}
			utf8.EncodeRune(out[i:], f)
		}
	}
	if out == nil {
		return in
	}
	return out
}

func init() {
	// bleve's CJK chain after the fold, in one pass (see onePass)
	err := registry.RegisterAnalyzer(zhAnalyzer, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return newOnePass(true), nil
	})
	if err != nil {
		panic(err) // a name registered twice is a programming error
	}
}
