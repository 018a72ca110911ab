package textdiff

import (
	"math/rand"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
	}{
		{"english", "Hello, world!", []string{"Hello", ",", " ", "world", "!"}},
		{"chinese per character", "化工仪器网讯", []string{"化", "工", "仪", "器", "网", "讯"}},
		{"mixed", "2024年9月 GC-MS", []string{"2024", "年", "9", "月", " ", "GC", "-", "MS"}},
		{"space runs", "a  \n\nb", []string{"a", "  \n\n", "b"}},
		{"empty", "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Tokens(c.in)
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Fatalf("Tokens(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestDiffFormat(t *testing.T) {
	cases := []struct {
		name, a, b, want string
	}{
		{"same", "one two", "one two", "one two"},
		{"word replaced", "The quick brown fox", "The slow brown fox", "The [-quick-]{+slow+} brown fox"},
		{"word inserted", "a c", "a b c", "a {+b +}c"},
		{"word deleted", "a b c", "a c", "a [-b -]c"},
		{"chinese", "公司今日发布新产品", "公司昨日发布新产品", "公司[-今-]{+昨+}日发布新产品"},
		{"chinese insertion", "仪器网讯", "化工仪器网讯", "{+化工+}仪器网讯"},
		{"from empty", "", "new text", "{+new text+}"},
		{"to empty", "old", "", "[-old-]"},
		{"second paragraph", "Para one.\n\nPara two.", "Para one.\n\nPara two, corrected.", "Para one.\n\nPara two{+, corrected+}."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Format(Diff(c.a, c.b), 0)
			if got != c.want {
				t.Fatalf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestDiffReconstructs checks on random edits that the equal+delete parts
// give a and the equal+insert parts give b.
func TestDiffReconstructs(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	words := strings.Fields("a b c d e f 新 闻 报 道 the news report\n")
	gen := func(n int) string {
		var sb strings.Builder
		for range n {
			sb.WriteString(words[rng.Intn(len(words))])
			if rng.Intn(3) == 0 {
				sb.WriteString(" ")
			}
			if rng.Intn(10) == 0 {
				sb.WriteString("\n")
			}
		}
		return sb.String()
	}
	for i := range 300 {
		a, b := gen(rng.Intn(60)), gen(rng.Intn(60))
		if i%2 == 0 {
			b = a[:len(a)/2] + gen(3) + a[len(a)/2:]
		}
		var ra, rb strings.Builder
		for _, e := range Diff(a, b) {
			if e.Op != Insert {
				ra.WriteString(e.Text)
			}
			if e.Op != Delete {
				rb.WriteString(e.Text)
			}
		}
		if ra.String() != a || rb.String() != b {
			t.Fatalf("case %d: reconstruct failed\na=%q\nb=%q\nedits=%v", i, a, b, Diff(a, b))
		}
	}
}

func TestFormatElides(t *testing.T) {
	a := strings.Repeat("x ", 100) + "old" + strings.Repeat(" y", 100)
	b := strings.Repeat("x ", 100) + "new" + strings.Repeat(" y", 100)
	got := Format(Diff(a, b), 10)
	want := "…x x x x x [-old-]{+new+} y y y y y…"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestDiffLarge(t *testing.T) {
	// Completely different long texts must not blow up (maxD fallback).
	a := strings.Repeat("alpha beta gamma ", 3000)
	b := strings.Repeat("delta epsilon ", 3000)
	edits := Diff(a, b)
	if !Changed(edits) {
		t.Fatal("no change found")
	}
}
