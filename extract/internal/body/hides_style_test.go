package body

import (
	"strings"
	"testing"
)

func checkHidesStyle(t *testing.T, s string) {
	t.Helper()
	if got, want := hidesStyle(s), hiddenStyle.MatchString(s); got != want {
		t.Errorf("hidesStyle(%q) = %v, the regexp says %v", s, got, want)
	}
}

// TestHidesStyle: the hand-written reading agrees with hiddenStyle on
// named cases and on declarations made of their pieces.
func TestHidesStyle(t *testing.T) {
	cases := []struct {
		name, s string
		want    bool
	}{
		{"display none", "display:none", true},
		{"spaced, upper case", "color:red; DISPLAY \t: None !important", true},
		{"visibility hidden", "visibility : hidden", true},
		{"inside other words", "xdisplay:nonex", true},
		{"long s", "diſplay:none", true},
		{"display block", "display:block", false},
		{"no colon", "display none", false},
		{"vertical tab is no \\s", "display\v:none", false},
		{"value cut", "display: non", false},
		{"empty", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkHidesStyle(t, tc.s)
			if got := hidesStyle(tc.s); got != tc.want {
				t.Errorf("hidesStyle(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
	pieces := []string{"display", "DISPLAY", "Display", "visibility", "VISIBILITY", "none", "NONE", "hidden", "Hidden",
		":", " ", "\t", "\n", "\v", "\r", "\f", ";", "x", "ſ", "disp", "lay", "hid", "den", "é"}
	for a := range pieces {
		for b := range pieces {
			for c := range pieces {
				checkHidesStyle(t, pieces[a]+pieces[b]+pieces[c])
				checkHidesStyle(t, strings.Join([]string{pieces[a], pieces[b], pieces[c], pieces[a]}, " "))
			}
		}
	}
}

// FuzzHidesStyle is TestHidesStyle on any declaration.
func FuzzHidesStyle(f *testing.F) {
	for _, s := range []string{"display:none", "visibility : HIDDEN", "diſplay:none", "display:block"} {
		f.Add(s)
	}
	f.Fuzz(checkHidesStyle)
}
