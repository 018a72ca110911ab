package render

import (
	"bytes"
	"strings"
	"testing"
)

var containsKeyCases = []struct{ name, h, k string }{
	{"empty key", "abc", ""},
	{"short key found", "theharbourboard", "harbour"},
	{"short key missing", "theharbourboard", "pier"},
	{"long key at the start", strings.Repeat("theharbourboardmetonmonday", 3), strings.Repeat("theharbourboardmetonmonday", 2)},
	{"long key at the end", "xx" + strings.Repeat("abcdefghij", 5), strings.Repeat("abcdefghij", 5)},
	{"head found, tail differs", strings.Repeat("a", 32) + "b" + strings.Repeat("a", 40), strings.Repeat("a", 40)},
	{"head found twice, the second whole", strings.Repeat("ab", 16) + "x" + strings.Repeat("ab", 30), strings.Repeat("ab", 25)},
	{"key longer than the text", "abc", strings.Repeat("abc", 20)},
	{"key of exactly the anchor", strings.Repeat("z", 40), strings.Repeat("z", 32)},
	{"han", strings.Repeat("港口码头今天重新开放", 4), strings.Repeat("码头今天重新开放港口", 2)},
}

func checkContainsKey(t *testing.T, h, k string) {
	t.Helper()
	if got, want := containsKey([]byte(h), k), bytes.Contains([]byte(h), []byte(k)); got != want {
		t.Errorf("containsKey(%q, %q) = %v, want %v", h, k, got, want)
	}
}

// TestContainsKey: the anchored search agrees with bytes.Contains.
func TestContainsKey(t *testing.T) {
	for _, tt := range containsKeyCases {
		t.Run(tt.name, func(t *testing.T) { checkContainsKey(t, tt.h, tt.k) })
	}
}

// FuzzContainsKey: on any text and key, and on keys cut from the text.
func FuzzContainsKey(f *testing.F) {
	for _, tt := range containsKeyCases {
		f.Add(tt.h, tt.k, 0, 0)
	}
	f.Fuzz(func(t *testing.T, h, k string, from, n int) {
		checkContainsKey(t, h, k)
		if len(h) > 0 {
			from = (from%len(h) + len(h)) % len(h)
			n = (n%(len(h)-from+1) + len(h) - from + 1) % (len(h) - from + 1)
			checkContainsKey(t, h, h[from:from+n])
			checkContainsKey(t, h, h[from:from+n]+"x")
		}
	})
}
