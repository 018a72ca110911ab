package search

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// compareASCIITokenizer checks asciiTokenizer against bleve's unicode
// tokenizer on s.
func compareASCIITokenizer(t *testing.T, s string) {
	t.Helper()
	want := unicode.NewUnicodeTokenizer().Tokenize([]byte(s))
	got := newASCIITokenizer().Tokenize([]byte(s))
	if d := sameTokens(got, want); d != "" {
		t.Errorf("%q: %s", s, d)
	}
}

func TestASCIITokenizerSame(t *testing.T) {
	for _, c := range []struct{ name, text string }{
		{"empty", ""},
		{"words", "Ferry crews walked out at dawn on Friday."},
		{"apostrophes", "don't O'Neil's 'quoted' rock'n'roll '90s dogs'"},
		{"numbers", "4,000 passengers, 3.14 and 1.2.3; 1,2;3 10:30 1.a a.1 .5 5."},
		{"colon", "a:b 1:2 a:1 http://example.com/x?y=z"},
		{"underscores", "_ __ a_b _x_ 1_2 _1 a_.b x__y a_1.2"},
		{"letters and digits", "abc123 123abc a1.2 1a.b COVID-19 mp3"},
		{"punctuation runs", "--- ... !!! ??? (a) [b] {c} \"d\" <e> #f @g $5 %6 &h *i"},
		{"line breaks", "one\ntwo\r\nthree\rfour\tfive\vsix\fseven"},
		{"curly quotes", "The mayor’s office said “no” — and the union’s ‘reply’ came."},
		{"accents", "café naïve résumé São Paulo Zürich"},
		{"non-ASCII between spaces", "a é b ü c"},
		{"non-ASCII at the edges", "éa b c dé"},
		{"combining mark after a space", "a \u0301b c"},
		{"soft hyphen", "co\u00adoperate co \u00adoperate"},
		{"Chinese in English", "Shanghai (上海) is big"},
		{"emoji", "good 👍🏽 news ❤️ ok"},
		{"invalid UTF-8", "bad \xff byte \xe4\xb8 here"},
		{"trailing space", "end "},
		{"spaces only", "   "},
	} {
		t.Run(c.name, func(t *testing.T) { compareASCIITokenizer(t, c.text) })
	}
}

func FuzzASCIITokenizer(f *testing.F) {
	for _, s := range []string{
		"Ferry crews walked out at dawn on Friday.", "don't 4,000 3.14 a:b _x_ a_1.2",
		"The mayor’s office said “no”", "café a \u0301b", "bad \xff byte", "1.a a.1 .5 5.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		compareASCIITokenizer(t, s)
		compareASCIITokenizer(t, strings.ToValidUTF8(s, ""))
	})
}

// TestIndexAnalyzersSame: every positional field's index analyzer, which
// tokenizes with asciiTokenizer and remembers stems, yields its plain analyzer's terms,
// positions and types.
func TestIndexAnalyzersSame(t *testing.T) {
	im := newMapping()
	texts := []string{
		"Ferry crews walked out at dawn; the union's 4,000 members didn't agree.",
		"Die Fähre fährt um 10:30 Uhr nicht, sagte die Gewerkschaft.",
		"Le maire a déclaré « non » à l’accord, 3,5 % de hausse.",
		"Паром не ходит с 1.2.3, заявил профсоюз.",
	}
	for _, a := range analyzers() {
		if !positions(a) {
			continue
		}
		for pass := range 2 { // the second time with the stems remembered
			for _, s := range texts {
				want := im.AnalyzerNamed(a).Analyze([]byte(s))
				got := im.AnalyzerNamed(indexAnalyzer(a)).Analyze([]byte(s))
				for _, tok := range want {
					tok.Start, tok.End = 0, 0
				}
				if d := sameTokens(got, want); d != "" {
					t.Errorf("%s, pass %d, %q: %s", a, pass, s, d)
				}
			}
		}
	}
}
