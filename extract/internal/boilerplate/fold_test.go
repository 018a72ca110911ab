package boilerplate

import "testing"

// foldContainsRef is FoldContains the plain way: every position, byte by
// byte. The fast one must agree with it everywhere.
func foldContainsRef(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
}

func TestFoldContains(t *testing.T) {
	tests := []struct {
		name, s, sub string
	}{
		{"lower", "this site uses cookies", "coo"},
		{"upper", "THIS SITE USES COOKIES", "coo"},
		{"mixed first letter", "Affiliate links", "affiliate"},
		{"at the end", "read the terms", "terms"},
		{"cut at the end", "read the term", "terms"},
		{"first byte repeats", "aaab", "ab"},
		{"upper then lower first byte", "Cxcoo", "coo"},
		{"lower then upper first byte", "cxCoo", "coo"},
		{"absent", "the harbour board voted", "coo"},
		{"leading space", "Photo by Jane", " by"},
		{"empty sub", "abc", ""},
		{"empty s", "", "a"},
		{"upper-case sub never matches", "ABC", "Abc"},
		{"not ASCII", "Kookie ſite", "kookie"},
		{"digits", "route 66 and 7", "66"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := FoldContains(tt.s, tt.sub), foldContainsRef(tt.s, tt.sub); got != want {
				t.Errorf("FoldContains(%q, %q) = %v, want %v", tt.s, tt.sub, got, want)
			}
		})
	}
}

// FuzzFoldContains: the fast FoldContains agrees with the plain one.
func FuzzFoldContains(f *testing.F) {
	f.Add("This website uses Cookies", "coo")
	f.Add("aAaAb", "ab")
	f.Add("Photo by", " by")
	f.Fuzz(func(t *testing.T, s, sub string) {
		if got, want := FoldContains(s, sub), foldContainsRef(s, sub); got != want {
			t.Errorf("FoldContains(%q, %q) = %v, want %v", s, sub, got, want)
		}
	})
}
