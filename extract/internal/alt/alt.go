// Package alt builds regexp alternations from word lists.
package alt

import (
	"slices"
	"strings"
)

// Longest joins keys into "a|b|c" with the longer keys first (then in
// byte order), so that an alternation prefers 责任编辑 to 编辑 and the
// result does not depend on map order. keys are used as written: quote
// them first where they may hold regexp syntax. keys is reordered.
func Longest(keys []string) string {
	slices.SortFunc(keys, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return strings.Join(keys, "|")
}
