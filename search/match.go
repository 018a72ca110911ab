package search

import (
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/mapping"

	"newsarchive/article"
	"newsarchive/urlnorm"
)

// The index keeps no term positions (they would make it several times
// the size of the text; Chinese bigrams are one token per character), so
// a phrase is looked up as all of its terms and then checked here against
// the archive's copy of each candidate version. The same pass finds the
// spans to highlight. matcher evaluates a parsed query on one version
// exactly as the index would match it, plus adjacency for phrases.
type matcher struct {
	im        mapping.IndexMapping
	analyzers []string // those the query was compiled for
}

// queryTokens analyses text with each analyzer. dropped is true when some
// analyzer drops it entirely (a stop word): then it is no condition at all,
// as in compiler.text.
func queryTokens(im mapping.IndexMapping, analyzers []string, text string) (map[string][]qtok, bool) {
	out := map[string][]qtok{}
	for _, a := range analyzers {
		an := im.AnalyzerNamed(a)
		if an == nil {
			continue
		}
		var ts []qtok
		for _, t := range an.Analyze([]byte(text)) {
			ts = append(ts, qtok{term: string(t.Term), pos: t.Position})
		}
		if len(ts) == 0 {
			return nil, true
		}
		out[a] = ts
	}
	return out, false
}

type qtok struct {
	term string
	pos  int
}

// docTokens is one field value analysed: its terms with positions and
// byte spans.
type docTok struct {
	term       string
	pos        int
	start, end int
}

// view is one version being matched: its fields analysed on demand with
// the analyzer the version was indexed with, and the spans matched so far
// by field (element) name, as fragments wants them.
type view struct {
	m        *matcher
	key      string
	a        *article.Article
	analyzer string
	tokens   map[string][]docTok
	lower    map[string]string
	spans    map[string][][2]int
}

func (m *matcher) view(key string, a *article.Article) *view {
	return &view{m: m, key: key, a: a, analyzer: analyzerFor(a.Language, a.Title+" "+a.Text),
		tokens: map[string][]docTok{}, lower: map[string]string{}, spans: map[string][][2]int{}}
}

// values lists a text field's values with their element names.
func (v *view) values(field string) (names, vals []string) {
	switch field {
	case fTitle:
		return []string{fTitle}, []string{v.a.Title}
	case fText:
		return []string{fText}, []string{v.a.Text}
	case fDescription:
		return []string{fDescription}, []string{v.a.Description}
	case fSource:
		return []string{fSource}, []string{v.a.Source}
	}
	list := v.a.Authors
	if field == fTags {
		list = v.a.Tags
	}
	for i, s := range list {
		names = append(names, element(field, i))
		vals = append(vals, s)
	}
	return names, vals
}

func (v *view) lowered(name, val string) string {
	if l, ok := v.lower[name]; ok {
		return l
	}
	l := strings.ToLower(val)
	if v.analyzer == zhAnalyzer {
		l = fold(l) // as the analyzer folds it: same bytes, same offsets
	}
	v.lower[name] = l
	return l
}

func (v *view) analysed(name, val string) []docTok {
	if ts, ok := v.tokens[name]; ok {
		return ts
	}
	var ts []docTok
	if an := v.m.im.AnalyzerNamed(v.analyzer); an != nil {
		for _, t := range an.Analyze([]byte(val)) {
			ts = append(ts, docTok{term: string(t.Term), pos: t.Position, start: t.Start, end: t.End})
		}
	}
	v.tokens[name] = ts
	return ts
}

// window analyses the text around byte offset at, where a match may
// start: from a word boundary well before it to one well after, far enough
// that every token near the match comes out as it does in the whole text.
// Offsets are into val; positions are relative, as find needs.
func (v *view) window(val string, at, reach int) []docTok {
	start := snapBack(val, at-96)
	end := snapForward(val, at+reach+96)
	var ts []docTok
	if an := v.m.im.AnalyzerNamed(v.analyzer); an != nil {
		for _, t := range an.Analyze([]byte(val[start:end])) {
			ts = append(ts, docTok{term: string(t.Term), pos: t.Position, start: start + t.Start, end: start + t.End})
		}
	}
	// The first and last tokens may be cut words: drop them unless the
	// window reaches the text's edge.
	if start > 0 && len(ts) > 0 && ts[0].end <= at {
		ts = ts[1:]
	}
	if end < len(val) && len(ts) > 0 {
		ts = ts[:len(ts)-1]
	}
	return ts
}

// maxCandidates is how many places in one field value are looked at
// through windows; past it the whole value is analysed.
const maxCandidates = 64

// reach bounds how many bytes a match of want can span (as follows
// allows between terms).
func reach(want []qtok) int {
	n := 0
	for i, w := range want {
		n += len(w.term) + 16
		if i > 0 {
			n += 64 * max(w.pos-want[i-1].pos, 1)
		}
	}
	return n
}

// eval reports whether n matches; mark says whether to record the spans of
// what matched (not under NOT).
func (v *view) eval(n node, mark bool) bool {
	switch n := n.(type) {
	case orNode:
		any := false
		for _, k := range n.kids {
			if v.eval(k, mark) {
				any = true
			}
		}
		return any
	case andNode:
		all := true
		for _, k := range n.kids {
			if !v.eval(k, mark && all) {
				all = false
			}
		}
		return all
	case notNode:
		return !v.eval(n.kid, false)
	case textNode:
		return v.text(n, mark)
	case termNode:
		switch n.field {
		case fDomain:
			return slices.Contains(domains(urlnorm.Host(v.key)), n.value)
		case fLang:
			return slices.Contains(langTerms(v.a.Language), n.value)
		}
	case rangeNode:
		s := v.a.PublishedAt
		if n.field == fFetched {
			s = v.a.FetchedAt
		}
		t, ok := parseDate(s)
		return ok && inRange(t, n.from, n.to)
	}
	return false
}

func inRange(t, from, to time.Time) bool {
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to))
}

// text matches a word or phrase in its field or in every text field.
func (v *view) text(n textNode, mark bool) bool {
	q, dropped := queryTokens(v.m.im, v.m.analyzers, n.text)
	if dropped {
		return true
	}
	want, ok := q[v.analyzer]
	if !ok {
		return false // the version's analyzer is not among the query's
	}
	found := false
	for _, f := range allFields {
		if n.field != "" && n.field != f.name {
			continue
		}
		names, vals := v.values(f.name)
		for i, name := range names {
			if vals[i] == "" {
				continue
			}
			enough := 1
			if mark {
				enough = 8 // spans enough for the fragments
			}
			at, all := candidates(v.analyzer, v.lowered(name, vals[i]), want, maxCandidates)
			var spans [][2]int
			if all || len(at) == maxCandidates {
				spans = find(v.analysed(name, vals[i]), want)
			} else {
				for _, a := range at {
					if len(spans) >= enough {
						break
					}
					spans = append(spans, find(v.window(vals[i], a, reach(want)), want)...)
				}
			}
			if len(spans) > 0 {
				found = true
				if !mark {
					return true
				}
				v.spans[name] = append(v.spans[name], spans...)
			}
		}
	}
	return found
}

// find returns the spans where the query tokens occur in ts at the same
// relative positions (one token: anywhere).
func find(ts []docTok, want []qtok) [][2]int {
	if len(want) == 0 {
		return nil
	}
	byPos := map[int]int{} // position → index in ts, built when a phrase needs it
	if len(want) > 1 {
		for i, t := range ts {
			byPos[t.pos] = i
		}
	}
	var out [][2]int
	for i, t := range ts {
		if t.term != want[0].term {
			continue
		}
		end := t.end
		ok := true
		for _, w := range want[1:] {
			j, has := byPos[t.pos+w.pos-want[0].pos]
			if !has || ts[j].term != w.term {
				ok = false
				break
			}
			end = max(end, ts[j].end)
		}
		if ok {
			out = append(out, [2]int{ts[i].start, end})
		}
	}
	return out
}
