package meta

import (
	"regexp"
	"strings"
	"testing"
)

// authorJunkRef is the regexp isAuthorJunk stands for.
var authorJunkRef = regexp.MustCompile(`(?i)^(?:by|staff|admin|administrator|editor|editors|author|authors|guest|anonymous|unknown|none|null|undefined|published|updated|posted|share|follow|email|e-mail|contact|facebook|twitter|instagram|linkedin|youtube|tiktok|more|read more|view all posts|see all|all posts|home|news|reporter|correspondent|contributor|writer|team|the|a|an|and|in|on|at|of|photo|photos|image|video|comments?|subscribe|sign in|log ?in|posts? by|articles? by|more from|about|bio|profile|rss|n/a|ed|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|written by|learn more|read bio|see bio|full bio|member login|about the author|the author|meet the author|our team|原创|原創|本文|此文|该文|該文|转载|轉載|本站|佚名|匿名|网友|網友|编辑部|小编|管理员|未知|不详|不詳|暂无|暫無|网络|網絡|網路|互联网|互聯網|网络整理|網絡整理|综合|綜合|综合整理|綜合整理|发表于|發表於|发布于|發布於|發佈於|发表|發表|发布|發布|發佈|楼主|樓主|[\p{P}\p{S}\s]*)$`)

func checkAuthorJunk(t *testing.T, s string) {
	t.Helper()
	if got, want := isAuthorJunk(s), authorJunkRef.MatchString(s); got != want {
		t.Errorf("isAuthorJunk(%q) = %v, the regexp says %v", s, got, want)
	}
}

// TestIsAuthorJunk: the word set and the punctuation test agree with the
// regexp on named cases, on every word in folded forms and near misses,
// and on strings made of their pieces.
func TestIsAuthorJunk(t *testing.T) {
	cases := []struct {
		name, s string
		want    bool
	}{
		{"word", "Staff", true},
		{"upper case", "ABOUT THE AUTHOR", true},
		{"optional s", "Comments", true},
		{"optional space", "Log in", true},
		{"kelvin sign", "Ta\u212a", false},
		{"long s for s", "ſtaff", true},
		{"han", "佚名", true},
		{"punctuation alone", " — | ", true},
		{"empty", "", true},
		{"invalid byte", "\xff", true},
		{"name", "Jane Roe", false},
		{"word with a name", "Staff Jane", false},
		{"word with a trailing space", "staff ", false},
		{"word with a newline", "staff\n", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkAuthorJunk(t, tc.s)
			if got := isAuthorJunk(tc.s); got != tc.want {
				t.Errorf("isAuthorJunk(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
	pieces := []string{" ", "-", "/", "|", "x", "é", "\u212a", "ſ", "\xff", "Ⓐ", "ⓐ"}
	for w := range authorJunkWords {
		for _, f := range []string{w, strings.ToUpper(w), strings.ReplaceAll(w, "s", "ſ"), strings.ReplaceAll(w, "k", "\u212a"), w + "s", w[1:], " " + w} {
			checkAuthorJunk(t, f)
		}
		pieces = append(pieces, w, strings.ToUpper(w[:1]))
	}
	eachJoin(1, pieces, 4, func(s string) { checkAuthorJunk(t, s) })
}

// FuzzIsAuthorJunk is TestIsAuthorJunk on any value.
func FuzzIsAuthorJunk(f *testing.F) {
	for _, s := range []string{"Staff", "ſtaff", "— |", "Jane Roe", "编辑部", "\xff!"} {
		f.Add(s)
	}
	f.Fuzz(checkAuthorJunk)
}

// TestIsAuthorJunkEveryRune: one rune alone is junk exactly when the
// regexp says so, for every rune of the first two planes: the
// punctuation, symbol and white-space class, with (?i)'s folding.
func TestIsAuthorJunkEveryRune(t *testing.T) {
	for r := rune(0); r < 0x20000; r++ {
		checkAuthorJunk(t, string(r))
	}
}

func checkAuthorJunkPart(t *testing.T, s string) {
	t.Helper()
	if got, want := isAuthorJunkPart(s), authorJunkPartRe.MatchString(s); got != want {
		t.Errorf("isAuthorJunkPart(%q) = %v, the regexp says %v", s, got, want)
	}
}

// TestAuthorJunkPartSound: the words before authorJunkPartRe pass every
// value it matches: its phrases in folded forms, inside names, and
// strings made of their pieces.
func TestAuthorJunkPartSound(t *testing.T) {
	phrases := []string{"email the author", "follow on", "view all posts", "view articles", "updated", "5 minutes ago",
		"1 hour ago", "2 days ago", "min read", "read time", "reading time", "comments", "share this", "click here",
		"sign up", "subscribe", "copyright", "all rights reserved", "3 mins", "4min", "https:", "http:", "www.", ".com", "@jane"}
	pieces := []string{" ", "x", "3", "é", "\u212a", "ſ", "Jane Roe"}
	for _, p := range phrases {
		for _, f := range []string{p, strings.ToUpper(p), strings.ReplaceAll(p, "s", "ſ"), strings.ReplaceAll(p, "k", "\u212a"), "Jane Roe " + p} {
			checkAuthorJunkPart(t, f)
		}
		pieces = append(pieces, p, p[:len(p)/2], p[len(p)/2:])
	}
	eachJoin(2, pieces, 4, func(s string) { checkAuthorJunkPart(t, s) })
	if isAuthorJunkPart("Jane Roe") {
		t.Error("a plain name passes the words test")
	}
}

// FuzzAuthorJunkPart is TestAuthorJunkPartSound on any value.
func FuzzAuthorJunkPart(f *testing.F) {
	for _, s := range []string{"Jane Roe", "ſhare this", "cli\u212ak here", "5 min", "@x"} {
		f.Add(s)
	}
	f.Fuzz(checkAuthorJunkPart)
}
