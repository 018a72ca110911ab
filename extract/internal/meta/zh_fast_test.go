package meta

import (
	"strings"
	"testing"
	"unicode"
)

// TestIsHan: the block test before the table agrees with the table on
// every code point.
func TestIsHan(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := isHan(r), unicode.Is(unicode.Han, r); got != want {
			t.Fatalf("isHan(%U) = %v, unicode.Is %v", r, got, want)
		}
	}
}

func TestIndexColon(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		want    int
	}{
		{"ascii", "来源:湖畔晚报", 6},
		{"full width", "作者：林晓舟", 6},
		{"first of both", "时间：2024-09-05 08:56", 6},
		{"ascii first", "08:56 来源：湖畔", 2},
		{"other full-width punctuation", "（记者，林晓舟）", -1},
		{"invalid byte before", "\xef\xbc：", 2},
		{"none", "本报记者 林晓舟", -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ref := indexColon(tc.s), strings.IndexAny(tc.s, ":：")
			if got != ref || got != tc.want {
				t.Errorf("indexColon(%q) = %d, IndexAny %d, want %d", tc.s, got, ref, tc.want)
			}
		})
	}
}

// FuzzIndexColon: indexColon is strings.IndexAny(s, ":：") on any string.
func FuzzIndexColon(f *testing.F) {
	for _, s := range []string{"来源：湖畔", "08:56", "\xef\xbc\x9a", "\xe4\xef\xbc\x9a", "，。："} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := indexColon(s), strings.IndexAny(s, ":："); got != want {
			t.Errorf("indexColon(%q) = %d, IndexAny %d", s, got, want)
		}
	})
}

// hanLabelHintRef is what hasHanLabelHint replaces: the rune loop.
func hanLabelHintRef(s string) bool {
	for _, r := range s {
		if r >= 0x3400 {
			return true
		}
	}
	return false
}

func TestHanLabelHint(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		want    bool
	}{
		{"latin", "The harbour board met on Monday, 5 September.", false},
		{"han after a long ascii run", "The harbour board met on Monday 来源：湖畔晚报", true},
		{"han first", "作者", true},
		{"below the han blocks", "Déjà vu – ½ · ©", false},
		{"kana counts as below", "ア", false},
		{"invalid byte", "board \xff met", true},
		{"cut character at the end", "board met \xe4\xb8", true},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ref := hasHanLabelHint(tc.s), hanLabelHintRef(tc.s)
			if got != ref || got != tc.want {
				t.Errorf("hasHanLabelHint(%q) = %v, the rune loop %v, want %v", tc.s, got, ref, tc.want)
			}
		})
	}
}

// FuzzHanLabelHint: hasHanLabelHint is the rune loop on any string.
func FuzzHanLabelHint(f *testing.F) {
	for _, s := range []string{"The harbour board met", "来源：湖畔", "Déjà vu \xff", "12345678\xe4\xb8\xad"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasHanLabelHint(s), hanLabelHintRef(s); got != want {
			t.Errorf("hasHanLabelHint(%q) = %v, the rune loop %v", s, got, want)
		}
	})
}
