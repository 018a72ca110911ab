package search

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// onePass is bleve's CJK analyzer (unicode tokenizer, cjk_width,
// to_lower, cjk_bigram), optionally after the zh fold, with the same
// tokens (terms, positions, offsets, types) but a fraction of the CPU:
// profiled, the chain spent most of its time running the general UAX#29
// segmenter over every Han character and building a new term and a token
// for each character before pairing them. Here a Han character goes
// straight into the bigrams, whose term is a slice of the input; the
// runs between Han characters (Latin, digits, kana, Hangul, punctuation
// around Han) still go through bleve's own tokenizer and filters, so
// their tokens are bleve's by construction. The cut between a run and a
// Han character is safe: a CJK unified ideograph has the UAX#29 word
// break property Other, so no rule joins it to a neighbour, except that
// an Extend or Format character after it belongs to it (WB4), which is
// why a Han character followed by anything but ASCII, another Han
// character or CJK or general punctuation stays in its run.
// TestOnePassSame and FuzzOnePass compare it with bleve's chain.
type onePass struct {
	fold          bool
	tokenizer     analysis.Tokenizer
	width, lower  analysis.TokenFilter
	bleveAnalyzer analysis.Analyzer // the plain chain, for input that is not UTF-8
}

func newOnePass(fold bool) *onePass {
	return &onePass{
		fold:      fold,
		tokenizer: unicode.NewUnicodeTokenizer(),
		width:     cjk.NewCJKWidthFilter(),
		lower:     lowercase.NewLowerCaseFilter(),
		bleveAnalyzer: &analysis.DefaultAnalyzer{
			Tokenizer: unicode.NewUnicodeTokenizer(),
			TokenFilters: []analysis.TokenFilter{
				cjk.NewCJKWidthFilter(), lowercase.NewLowerCaseFilter(), cjk.NewCJKBigramFilter(false),
			},
		},
	}
}

// fastHan reports whether r is a CJK unified ideograph (the basic block
// and extension A as of Unicode 6.1, which the segmenter's tables cover).
func fastHan(r rune) bool { return (r >= 0x4E00 && r <= 0x9FCC) || (r >= 0x3400 && r <= 0x4DB5) }

// notExtend reports whether r is known to be neither Extend nor Format
// (nor ZWJ), so that it cannot attach itself to a Han character before it.
func notExtend(r rune) bool {
	return r < utf8.RuneSelf || fastHan(r) ||
		(r >= 0x3000 && r <= 0x3029) || (r >= 0x3030 && r <= 0x303F) ||
		(r >= 0xFF01 && r <= 0xFF9D) || (r >= 0x2010 && r <= 0x2027) || (r >= 0x2030 && r <= 0x205E)
}

// noToken reports whether r never takes part in a token: punctuation and
// spaces of the word break classes Other, MidLetter, MidNum and
// MidNumLet, which join only letters or digits on both sides.
func noToken(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_')
	case r >= 0x3000 && r <= 0x3004, r >= 0x3008 && r <= 0x3020, r == 0x3030, r == 0x3036, r == 0x3037,
		r >= 0x303D && r <= 0x303F, r >= 0xFF01 && r <= 0xFF0F, r >= 0xFF1A && r <= 0xFF20,
		r >= 0xFF3B && r <= 0xFF3E, r == 0xFF40, r >= 0xFF5B && r <= 0xFF64,
		r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x203E, r >= 0x2041 && r <= 0x2053, r >= 0x2055 && r <= 0x205E:
		return true
	}
	return false
}

func (a *onePass) Analyze(in []byte) analysis.TokenStream {
	if a.fold {
		in = foldBytes(in)
	}
	if !utf8.Valid(in) {
		return a.bleveAnalyzer.Analyze(in)
	}
	b := bigrams{src: in}
	b.out = make(analysis.TokenStream, 0, len(in)/3+4)
	run := 0 // start of the bytes not yet tokenized
	for i := 0; i < len(in); {
		if in[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(in[i:])
		if fastHan(r) {
			next, _ := utf8.DecodeRune(in[i+n:])
			if i+n == len(in) || notExtend(next) {
				if run < i {
					a.run(&b, in, run, i)
				}
				b.char(unit{start: i, end: i + n, src: true})
				run = i + n
			}
		}
		i += n
	}
	if run < len(in) {
		a.run(&b, in, run, len(in))
	}
	b.flush()
	return b.out
}

// run tokenizes in[from:to], which lies between Han characters, with
// bleve's tokenizer and filters, and passes its tokens on.
func (a *onePass) run(b *bigrams, in []byte, from, to int) {
	seg := in[from:to]
	quiet := true
	for _, r := range string(seg) {
		if !noToken(r) {
			quiet = false
			break
		}
	}
	if quiet {
		return
	}
	ts := a.tokenizer.Tokenize(seg)
	for _, t := range ts {
		t.Start += from
		t.End += from
	}
	ts = a.lower.Filter(a.width.Filter(ts))
	for _, t := range ts {
		if t.Type != analysis.Ideographic {
			b.word(t)
			continue
		}
		// as cjk_bigram cuts it: offsets count the filtered term's bytes
		for sofar := 0; sofar < len(t.Term); {
			_, n := utf8.DecodeRune(t.Term[sofar:])
			b.char(unit{term: t.Term[sofar : sofar+n], start: t.Start + sofar, end: t.Start + sofar + n})
			sofar += n
		}
	}
}

// unit is one character of an ideographic token; src says its term is
// src[start:end], else it is term.
type unit struct {
	term       []byte
	start, end int
	src        bool
}

func (u unit) bytes(src []byte) []byte {
	if u.src {
		return src[u.start:u.end]
	}
	return u.term
}

// bigrams is cjk_bigram without unigrams, token by token: adjacent
// ideographic characters make bigrams, a lone one a unigram, and every
// other token passes through; positions count the tokens it yields.
type bigrams struct {
	src        []byte
	out        analysis.TokenStream
	block      []analysis.Token // tokens are carved from blocks, not allocated one by one
	prev, last unit
	held       int // characters held: 0, 1 or 2 (prev and last)
}

func (b *bigrams) token() *analysis.Token {
	if len(b.block) == 0 {
		b.block = make([]analysis.Token, max(64, min(1024, cap(b.out)-len(b.out))))
	}
	t := &b.block[0]
	b.block = b.block[1:]
	return t
}

func (b *bigrams) emit(t *analysis.Token) {
	t.Position = len(b.out) + 1
	b.out = append(b.out, t)
}

func (b *bigrams) char(u unit) {
	if b.held > 0 && u.start != b.last.end {
		b.flush()
	}
	b.prev, b.last = b.last, u
	if b.held < 2 {
		b.held++
	}
	if b.held == 2 {
		t := b.token()
		t.Type, t.Start, t.End = analysis.Double, b.prev.start, u.end
		if b.prev.src && u.src {
			t.Term = b.src[b.prev.start:u.end]
		} else {
			p := b.prev.bytes(b.src)
			t.Term = append(append(make([]byte, 0, len(p)+len(u.bytes(b.src))), p...), u.bytes(b.src)...)
		}
		b.emit(t)
	}
}

// flush ends a run of adjacent characters: a lone one is a unigram.
func (b *bigrams) flush() {
	if b.held == 1 {
		t := b.token()
		t.Type, t.Start, t.End, t.Term = analysis.Single, b.last.start, b.last.end, b.last.bytes(b.src)
		b.emit(t)
	}
	b.held = 0
}

func (b *bigrams) word(t *analysis.Token) {
	b.flush()
	b.emit(t)
}
