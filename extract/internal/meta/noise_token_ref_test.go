package meta

import (
	"strings"
	"testing"
)

// mNoiseTokenRef is mNoiseToken without the lists filed by byte: every
// prefix, word and suffix tried on every token.
func mNoiseTokenRef(tok string) bool {
	for _, p := range noisePrefixes {
		if strings.HasPrefix(tok, p) {
			return true
		}
	}
	for _, w := range noiseWords {
		if tokenHead(tok, w) {
			return true
		}
	}
	for _, w := range noiseSuffixes {
		if len(tok) > len(w) && strings.HasSuffix(tok, w) {
			if c := tok[len(tok)-len(w)-1]; c == '-' || c == '_' {
				return true
			}
		}
	}
	return pageChromeToken(tok)
}

func checkNoiseToken(t *testing.T, tok string) {
	t.Helper()
	if got, want := mNoiseToken(tok), mNoiseTokenRef(tok); got != want {
		t.Errorf("mNoiseToken(%q) = %v, the lists tried one by one say %v", tok, got, want)
	}
}

// TestNoiseTokenFiled: the filed lists give mNoiseToken's verdict on every
// listed form, at its edges, and on tokens that only nearly hold one.
func TestNoiseTokenFiled(t *testing.T) {
	toks := []string{"", "-", "s", "p", "g", "site", "sitenav", "site-", "global-footer", "pagenav", "page-header",
		"x-more", "more", "-more", "nav2", "navy", "footer_", "comment", "xcomment", "hot-list", "shot"}
	for _, list := range [][]string{noisePrefixes, noiseWords, noiseSuffixes} {
		for _, w := range list {
			toks = append(toks, w, w[1:], w[:len(w)-1], "x"+w, w+"x", "x-"+w, "x_"+w, w+"-x", w+"9", "-"+w, w+"_")
		}
	}
	for _, tok := range toks {
		checkNoiseToken(t, tok)
	}
}

// FuzzNoiseTokenFiled is TestNoiseTokenFiled on any token.
func FuzzNoiseTokenFiled(f *testing.F) {
	for _, s := range []string{"site-header", "post-comments", "nav2", "x-more", "relatedx"} {
		f.Add(s)
	}
	f.Fuzz(checkNoiseToken)
}
