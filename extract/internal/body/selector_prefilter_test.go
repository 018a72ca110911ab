package body

import (
	"strings"
	"testing"
)

// TestAnySimpleSelector: the hand-written test agrees with simpleSelector
// on each comma-separated part, so that hiddenRules skips no rule the
// regexp would read.
func TestAnySimpleSelector(t *testing.T) {
	for _, tc := range []struct {
		name, sels string
		want       bool
	}{
		{"lone class", ".promo-box", true},
		{"lone id", "#title_desc", true},
		{"padded", "  .a1 ", true},
		{"one of a list", "div p, .share-copy,ul li", true},
		{"compound", ".js .tab", false},
		{"element", "div", false},
		{"digit first", ".1col", false},
		{"attribute", ".a[hidden]", false},
		{"pseudo", ".menu:hover", false},
		{"bare dot", ".", false},
		{"non-ASCII name", ".é", false},
		{"empty parts", ",,", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := anySimpleSelector(tc.sels); got != tc.want {
				t.Errorf("anySimpleSelector(%q) = %v, want %v", tc.sels, got, tc.want)
			}
			if got := regexpSimpleSelector(tc.sels); got != tc.want {
				t.Errorf("simpleSelector on %q = %v, want %v: the table is wrong", tc.sels, got, tc.want)
			}
		})
	}
}

// FuzzAnySimpleSelector: on any selector list the two agree.
func FuzzAnySimpleSelector(f *testing.F) {
	for _, s := range []string{".a", "#b-c", "div, .x", ".js .tab", "\u00a0.a\u2003", ".a\n,#b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := anySimpleSelector(s), regexpSimpleSelector(s); got != want {
			t.Errorf("anySimpleSelector(%q) = %v, simpleSelector says %v", s, got, want)
		}
	})
}

func regexpSimpleSelector(sels string) bool {
	for _, sel := range strings.Split(sels, ",") {
		if simpleSelector.MatchString(strings.TrimSpace(sel)) {
			return true
		}
	}
	return false
}
