package search

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
)

// zhFold is foldBytes as a bleve character filter: with bleve's CJK
// analyzer after it, the chain onePass must equal.
type zhFold struct{}

func (zhFold) Filter(in []byte) []byte { return foldBytes(in) }

// bleveCJK returns bleve's own CJK analyzer, and the same after the fold.
func bleveCJK(t testing.TB) (plain, folded analysis.Analyzer) {
	t.Helper()
	base, ok := newMapping().AnalyzerNamed(cjk.AnalyzerName).(*analysis.DefaultAnalyzer)
	if !ok {
		t.Fatal("bleve's CJK analyzer is not a DefaultAnalyzer")
	}
	f := *base
	f.CharFilters = append([]analysis.CharFilter{zhFold{}}, base.CharFilters...)
	return base, &f
}

// sameTokens reports the first difference between two token streams.
func sameTokens(got, want analysis.TokenStream) string {
	for i := range max(len(got), len(want)) {
		if i >= len(got) || i >= len(want) {
			return fmt.Sprintf("%d tokens, want %d", len(got), len(want))
		}
		g, w := got[i], want[i]
		if string(g.Term) != string(w.Term) || g.Start != w.Start || g.End != w.End ||
			g.Position != w.Position || g.Type != w.Type || g.KeyWord != w.KeyWord {
			return fmt.Sprintf("token %d: got %q %d-%d @%d type %d, want %q %d-%d @%d type %d", i,
				g.Term, g.Start, g.End, g.Position, g.Type, w.Term, w.Start, w.End, w.Position, w.Type)
		}
	}
	return ""
}

// compareOnePass checks onePass against bleve's chain on s, unfolded
// and folded.
func compareOnePass(t *testing.T, s string) {
	t.Helper()
	plain, folded := bleveCJK(t)
	for _, c := range []struct {
		fold bool
		ref  analysis.Analyzer
	}{{false, plain}, {true, folded}} {
		// each analyser gets its own copy: bleve's filters rewrite terms in place
		want := c.ref.Analyze([]byte(s))
		got := newOnePass(c.fold).Analyze([]byte(s))
		if d := sameTokens(got, want); d != "" {
			t.Errorf("fold %v, %q: %s", c.fold, s, d)
		}
	}
}

func TestOnePassSame(t *testing.T) {
	for _, c := range []struct{ name, text string }{
		{"empty", ""},
		{"one Han", "港"},
		{"simplified", "首批绿色低碳检测实验室名单公布，覆盖12个省份。"},
		{"traditional", "半導體檢測設備需求升溫 本地供應商擴充產線"},
		{"Latin inside", "华为Mate60 Pro手机在WiFi环境下的表现"},
		{"numbers", "2024年3月15日，GDP增长5.2%，约1,000.50元；第3.5季"},
		{"full-width", "ＡＢＣ１２３，Ｈｅｌｌｏ　世界！（新闻）"},
		{"full-width digits joined", "１，２３４人"},
		{"kana", "東京でカタカナとひらがなを使う。ｶﾀｶﾅ ｶﾞｷﾞ ﾊﾟ"},
		{"Hangul", "서울 시장 선거 한국어 텍스트"},
		{"emoji", "今天😀天气👍🏽很好❤️‍🔥，👨‍👩‍👧"},
		{"combining marks", "港\u0301口\u200d们\ufe0f的"},
		{"quotes and dashes", "“记者”说——「会议」『计划』…‘好’"},
		{"underscore", "变量_名 a_b 中_文 _x_ ＿"},
		{"apostrophes", "他说don't和O'Neil's的事"},
		{"Greek sigma", "ΟΔΥΣΣΕΥΣ与ΣΑΣ"},
		{"mixed scripts", "Москва和Paris、Berlin以及القاهرة"},
		{"iteration marks", "人々〇〆々時々"},
		{"line breaks", "第一行\n第二行\r\n第三行\u2028第四行"},
		{"extension A", "㐀㐁㐂䶵丂"},
		{"outside the fast range", "𠀀𠀁中𪚥文\U00030000字"},
		{"invalid UTF-8", "中文\xff\xfe字节\xe4\xb8"},
		{"ASCII only", "plain ASCII text, 3.14 and x_y."},
	} {
		t.Run(c.name, func(t *testing.T) { compareOnePass(t, c.text) })
	}
}

// TestOnePassRunes checks the three character classes onePass relies on
// against bleve's chain, character by character: every Han character of
// the fast range stands alone beside letters, digits and underscores,
// every character it may cut before leaves a Han character alone, and
// every character it skips makes no token.
func TestOnePassRunes(t *testing.T) {
	var han, next, quiet []string
	for r := rune(0); r <= 0x10FFFF; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		if fastHan(r) {
			han = append(han, "a"+string(r)+"_"+string(r)+"1"+string(r)+"b")
		}
		if r >= utf8.RuneSelf && notExtend(r) && !fastHan(r) {
			next = append(next, "中"+string(r)+"文")
		}
		if r >= utf8.RuneSelf && noToken(r) {
			quiet = append(quiet, "中"+string(r)+string(r)+"文a"+string(r)+"b1"+string(r)+"2")
		}
	}
	for _, set := range [][]string{han, next, quiet} {
		for _, s := range set {
			compareOnePass(t, s)
			if t.Failed() {
				return
			}
		}
	}
}

func FuzzOnePass(f *testing.F) {
	for _, s := range []string{
		"首批绿色低碳检测实验室名单公布，覆盖12个省份。", "半導體檢測設備 WiFi 2024年", "ｶﾞｷﾞ１，２３４ＡＢ",
		"서울 시장", "今天😀天气👍🏽很好❤️‍🔥", "港\u0301口", "don't_stop 3.5", "人々〇\u3031",
		"\xff中\xe4\xb8", "カタカナーひらがな", "Σ中ΣΑΣ",
	} {
		f.Add(s)
	}
	// mutated bytes are seldom UTF-8, which onePass hands to bleve's
	// chain whole: the valid rest exercises its own path
	f.Fuzz(func(t *testing.T, s string) {
		compareOnePass(t, s)
		compareOnePass(t, strings.ToValidUTF8(s, ""))
	})
}
