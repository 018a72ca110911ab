package meta

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// dateWordPairs are the date-label patterns and their prefilters.
var dateWordPairs = []struct {
	re   *regexp.Regexp
	need func(string) bool
}{
	{dateLabelRe, dateLabelNeed},
	{dateUpdatedRe, dateUpdatedNeed},
}

func checkDateWordNeeds(t *testing.T, s string) {
	t.Helper()
	for _, p := range dateWordPairs {
		if p.re.MatchString(s) && !p.need(s) {
			t.Errorf("the prefilter of %s rejects %q, which it matches", p.re, s)
		}
	}
}

// foldForms is w in forms (?i) matches: as written, upper case, title
// case, and with each letter in turn swapped for the next form it folds to.
func foldForms(w string) []string {
	out := []string{w, strings.ToUpper(w), strings.ToTitle(w[:1]) + w[1:]}
	rs := []rune(w)
	for i, r := range rs {
		if f := unicode.SimpleFold(r); f != r {
			v := append([]rune(nil), rs...)
			v[i] = f
			out = append(out, string(v))
		}
	}
	return out
}

// TestDateWordNeedsSound: every word of the two patterns, in each of its
// folded forms, alone, inside text and cut in half, passes the prefilter
// whenever the pattern matches; and plain bylines do not pass it.
func TestDateWordNeedsSound(t *testing.T) {
	pieces := []string{" ", "-", "x", "é", "·", "2021", "\u212a", "ſ"}
	for _, p := range dateWordPairs {
		for _, alt := range strings.Split(strings.TrimPrefix(p.re.String(), "(?i)"), "|") {
			w := strings.ReplaceAll(alt, `\b`, "")
			for _, f := range foldForms(w) {
				checkDateWordNeeds(t, f)
				checkDateWordNeeds(t, "By Jane Roe · "+f+" on")
				pieces = append(pieces, f)
				if r := []rune(f); len(r) > 2 {
					pieces = append(pieces, string(r[:len(r)/2]), string(r[len(r)/2:]))
				}
			}
		}
	}
	eachJoin(1, pieces, 5, func(s string) { checkDateWordNeeds(t, s) })
	for _, s := range []string{"By Jane Roe", "Reuters |", "Home › World ›", "作者：周明远"} {
		for _, p := range dateWordPairs {
			if p.need(s) {
				t.Errorf("the prefilter of %s passes %q", p.re, s)
			}
		}
	}
}

// FuzzDateWordNeedsSound is TestDateWordNeedsSound on any text.
func FuzzDateWordNeedsSound(f *testing.F) {
	for _, s := range []string{"Published", "Last edited", "mis à jour le", "ОПУБЛИКОВАНО", "發布時間", "poſted"} {
		f.Add(s)
	}
	f.Fuzz(checkDateWordNeeds)
}

// eachJoin calls check on 20 000 strings, each of fewer than most pieces
// drawn at random (from a fixed seed).
func eachJoin(seed int64, pieces []string, most int, check func(string)) {
	r := rand.New(rand.NewSource(seed))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.Intn(most); k > 0; k-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		check(b.String())
	}
}
