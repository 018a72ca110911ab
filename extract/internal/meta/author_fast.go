package meta

import (
	"regexp"
	"strings"

	"newsarchive/extract/internal/boilerplate"
)

// cleanAuthors runs three patterns on every byline, and the regexp
// package tries each at every byte of it: the paths below give the same
// result with far less work where a name holds nothing they cut
// (TestAuthorFastPaths, FuzzAuthorFastPaths).

// byPrefixAt is byPrefixRe with the ^ that opens each of its
// alternatives set before the whole, so that only the start is tried.
var byPrefixAt = regexp.MustCompile(`^(?:` + byPrefixRe.String() + `)`)

// stripByPrefix is byPrefixRe.ReplaceAllString(s, ""): its one match
// opens s, and none follows it (each alternative needs the start).
func stripByPrefix(s string) string {
	if loc := byPrefixAt.FindStringIndex(s); loc != nil {
		return s[loc[1]:]
	}
	return s
}

// cutAuthorTrail is authorTrailRe.ReplaceAllString(s, ""), skipped where
// s holds nothing its matches need: a separator, dash, colon or bracket,
// one of its words, or "on", "at", "in" opening a word before a space.
// ſ and the Kelvin sign fold to s and k under (?i): a line with one is
// read by the pattern.
func cutAuthorTrail(s string) string {
	if !strings.ContainsAny(s, "|-:(•·–—●⋅ſ\u212a") && !foldWords(s, "updated", "published", "posted", "ed by") && !wordBeforeSpace(s, "on", "at", "in") {
		return s
	}
	return authorTrailRe.ReplaceAllString(s, "")
}

// splitAuthors is authorSplitRe.Split(s, -1), which is s alone where s
// holds no separator and no joining word between spaces.
func splitAuthors(s string) []string {
	if !strings.ContainsAny(s, ",;|&，、；ſ\u212a") && !spacedWord(s, "and", "und", "et", "y", "e", "with") {
		return []string{s}
	}
	return authorSplitRe.Split(s, -1)
}

func foldWords(s string, words ...string) bool {
	for _, w := range words {
		if boilerplate.FoldContains(s, w) {
			return true
		}
	}
	return false
}

// wordBeforeSpace: one of the two-letter words (any ASCII case) starts a
// word of s (\b) and a space (\s) follows it.
func wordBeforeSpace(s string, words ...string) bool {
	for i := 0; i+2 < len(s); i++ {
		if i > 0 && isWordByte(s[i-1]) || !isRegexSpace(s[i+2]) {
			continue
		}
		for _, w := range words {
			if s[i]|0x20 == w[0] && s[i+1]|0x20 == w[1] {
				return true
			}
		}
	}
	return false
}

// spacedWord: one of words (any ASCII case) stands between two spaces
// (\s) in s.
func spacedWord(s string, words ...string) bool {
	for i := 1; i < len(s); i++ {
		if !isRegexSpace(s[i-1]) || isRegexSpace(s[i]) {
			continue
		}
		j := i
		for j < len(s) && !isRegexSpace(s[j]) {
			j++
		}
		if j < len(s) {
			for _, w := range words {
				if strings.EqualFold(s[i:j], w) {
					return true
				}
			}
		}
		i = j
	}
	return false
}

func isWordByte(c byte) bool {
	return isASCIIDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z' || c == '_'
}
