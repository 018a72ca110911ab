package boilerplate

import (
	"slices"
	"sort"
	"testing"
)

// firstWordRules are the rules whose Need is firstWordIn, with its words.
var firstWordRules = []struct {
	rule  *Rule
	words []string
}{
	{BlockHead, blockHeadFirst},
	{StockLine, stockFirst},
	{ForeignHead, foreignHeadFirst},
	{CopyLine, copyLineFirst},
	{CtaLine, ctaLineFirst},
	{TagLine, tagLineFirst},
	{OnSiteLine, onSiteLineFirst},
	{RelatedPrefix, relatedPrefixFirst},
	{SourcesHead, sourcesHeadFirst},
}

// TestFirstWordsSound reads each rule's regexp and lists the first words
// its matches may start with (after the leading white space): every one
// must be in the rule's list, or the prefilter would skip a line the
// regexp matches.
func TestFirstWordsSound(t *testing.T) {
	for _, r := range firstWordRules {
		t.Run(r.rule.Name, func(t *testing.T) {
			words, err := FirstWords(r.rule.Re.String())
			if err != nil {
				t.Fatal(err)
			}
			if len(words) == 0 {
				t.Fatal("no first word found: the enumeration is broken")
			}
			var missing []string
			for _, w := range words {
				if !slices.Contains(r.words, w) {
					missing = append(missing, w)
				}
			}
			sort.Strings(missing)
			if len(missing) > 0 {
				t.Errorf("first words missing from the list: %q", missing)
			}
			if !r.rule.Need(r.rule.Example) {
				t.Errorf("the prefilter rejects the rule's example %q", r.rule.Example)
			}
		})
	}
}

// TestFirstWordEnumFindsGaps: the enumeration reports a word a list lacks.
func TestFirstWordEnumFindsGaps(t *testing.T) {
	got, err := FirstWords(`(?i)^\s*(tags?|filed (under|in)|\(c\)|more\b|ſhare)\s*:`)
	want := []string{"", "filed", "more", "share", "tag", "tags"} // (?i) ſ matches s
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("words %q (%v), want %q", got, err, want)
	}
	if _, err := FirstWords(`(?i)^\s*(more|less)`); err == nil {
		t.Error("a match that may end inside its first word is listed")
	}
}
