package boilerplate

import (
	"regexp"
	"strings"
	"testing"
)

// stockWhole is StockLine as one pattern, the affiliate-disclosure form
// among the others, as it was before the two were split.
var stockWhole = regexp.MustCompile(strings.Replace(StockLine.Re.String(), "|sign up for our",
	`|.*affiliate links?\..*disclosure.*|sign up for our`, 1))

func checkStockSplit(t *testing.T, s string) {
	t.Helper()
	if got, want := StockLine.MatchString(s) || AffiliateDisclosure.MatchString(s), stockWhole.MatchString(s); got != want {
		t.Errorf("StockLine or AffiliateDisclosure on %q: %v, the whole pattern says %v", s, got, want)
	}
}

// TestStockSplit: the two rules, prefilters included, match what the
// whole pattern matched.
func TestStockSplit(t *testing.T) {
	if stockWhole.String() == StockLine.Re.String() {
		t.Fatal("the affiliate form was not put back")
	}
	for _, s := range []string{
		"Advertisement", "We may earn from affiliate links. Read our disclosure.", "  Affiliate link. See disclosure",
		"This post contains affiliate links.", "This page has affiliate links. Disclosure below", "“Follow us",
		"Follow us on X", "affiliate links", "Image 2 of 5", "Sign up for our daily newsletter", "The affiliate links.",
		"", " ", "ſhare this", "\u212a",
	} {
		checkStockSplit(t, s)
	}
}

// FuzzStockSplit is TestStockSplit on any line.
func FuzzStockSplit(f *testing.F) {
	for _, s := range []string{"Advertisement", "x affiliate link. y disclosure", "Follow us"} {
		f.Add(s)
	}
	f.Fuzz(checkStockSplit)
}
