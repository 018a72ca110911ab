package meta

import "testing"

func TestNoiseToken(t *testing.T) {
	for tok, want := range map[string]bool{
		"site-header":       true,
		"global-header":     true,
		"page-footer":       true,
		"page-nav":          true,
		"page-header":       false, // the headline block as often as the masthead
		"page-header__meta": false,
		"comment-list":      true,
		"post-comments":     true,
		"related-posts":     true,
		"content-sidebar":   true,
		"byline":            false,
		"story-header":      false,
	} {
		if got := mNoiseToken(tok); got != want {
			t.Errorf("mNoiseToken(%q) = %v, want %v", tok, got, want)
		}
	}
}
