package meta

import (
	"slices"
	"testing"

	"newsarchive/extract/internal/boilerplate"
)

// TestCreditLabelFirstWords checks creditLabelNeed against creditLabelRe:
// every first word the regexp's matches may open with is listed, and the
// labels it matches pass.
func TestCreditLabelFirstWords(t *testing.T) {
	words, err := boilerplate.FirstWords(creditLabelRe.String())
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range words {
		if !slices.Contains(creditLabelFirst, w) {
			t.Errorf("creditLabelRe may open with %q, which creditLabelFirst lacks", w)
		}
	}
	tests := []struct {
		name, line string
		match      bool
	}{
		{"German label", "Autorin: Erika Muster", true},
		{"German von", "Geschrieben von Erika Muster", true},
		{"French, accented", "Rédigé par Jeanne Dupont", true},
		{"Spanish", "Escrito por Ana Ruiz", true},
		{"upper case", "TEXT: Erika Muster", true},
		{"prose", "The harbour reopened on Monday.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := creditLabelRe.MatchString(tt.line); got != tt.match {
				t.Fatalf("creditLabelRe.MatchString(%q) = %v, want %v", tt.line, got, tt.match)
			}
			if tt.match && !creditLabelNeed(tt.line) {
				t.Errorf("creditLabelNeed rejects %q", tt.line)
			}
		})
	}
}
