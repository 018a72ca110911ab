package textdiff

import "strings"

// Op is what an Edit does.
type Op int

const (
	Equal Op = iota
	Delete
	Insert
)

// Edit is a stretch of text kept, deleted from a, or inserted from b.
type Edit struct {
	Op   Op
	Text string
}

// Diff returns the word-level edits that turn a into b, adjacent edits of
// one kind merged.
func Diff(a, b string) []Edit {
	la, lb := splitLines(a), splitLines(b)
	var out []Edit
	var del, ins []string
	flush := func() {
		if len(del) == 0 && len(ins) == 0 {
			return
		}
		for _, e := range tokenDiff(Tokens(strings.Join(del, "")), Tokens(strings.Join(ins, ""))) {
			out = appendEdit(out, e.Op, e.Text)
		}
		del, ins = del[:0], ins[:0]
	}
	for _, e := range diffSeq(la, lb) {
		switch e.Op {
		case Equal:
			flush()
			out = appendEdit(out, Equal, e.Text)
		case Delete:
			del = append(del, e.Text)
		case Insert:
			ins = append(ins, e.Text)
		}
	}
	flush()
	return out
}

func tokenDiff(a, b []string) []Edit { return diffSeq(a, b) }

// splitLines splits after each newline, keeping it.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.SplitAfter(s, "\n")
	if parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

func appendEdit(out []Edit, op Op, text string) []Edit {
	if text == "" {
		return out
	}
	if n := len(out); n > 0 && out[n-1].Op == op {
		out[n-1].Text += text
		return out
	}
	return append(out, Edit{op, text})
}

// maxD bounds Myers' search: past that many edits the middle of the
// sequences is reported as replaced wholesale (memory is O(D²)).
const maxD = 2000

// diffSeq is Myers' O(ND) diff of two token sequences.
func diffSeq(a, b []string) []Edit {
	// Common prefix and suffix cost nothing to strip and shrink D's search.
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	var out []Edit
	for _, t := range a[:p] {
		out = appendEdit(out, Equal, t)
	}
	for _, e := range myers(a[p:len(a)-s], b[p:len(b)-s]) {
		out = appendEdit(out, e.Op, e.Text)
	}
	for _, t := range a[len(a)-s:] {
		out = appendEdit(out, Equal, t)
	}
	return out
}

func myers(a, b []string) []Edit {
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return replaceAll(a, b)
	}
	max := n + m
	if max > 2*maxD+1 {
		max = 2*maxD + 1
	}
	offset := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int
	found := -1
	for d := 0; d <= max && d <= maxD; d++ {
		trace = append(trace, append([]int(nil), v[offset-d-1:offset+d+2]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[offset+k-1] < v[offset+k+1]) {
				x = v[offset+k+1]
			} else {
				x = v[offset+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[offset+k] = x
			if x >= n && y >= m {
				found = d
				break
			}
		}
		if found >= 0 {
			break
		}
	}
	if found < 0 {
		return replaceAll(a, b)
	}
	// Walk back through the saved frontiers: trace[d] is v before step d,
	// holding k in [-d-1, d+1] at index k+d+1.
	var rev []Edit
	x, y := n, m
	for d := found; d >= 0; d-- {
		tv := trace[d]
		get := func(k int) int { return tv[k+d+1] }
		k := x - y
		var pk int
		if k == -d || (k != d && get(k-1) < get(k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := get(pk)
		py := px - pk
		for x > px && y > py && x > 0 && y > 0 {
			rev = append(rev, Edit{Equal, a[x-1]})
			x--
			y--
		}
		if d > 0 {
			if x == px { // moved down: b[py] inserted
				rev = append(rev, Edit{Insert, b[py]})
			} else { // moved right: a[px] deleted
				rev = append(rev, Edit{Delete, a[px]})
			}
			x, y = px, py
		}
	}
	out := make([]Edit, 0, len(rev))
	for i := len(rev) - 1; i >= 0; i-- {
		out = appendEdit(out, rev[i].Op, rev[i].Text)
	}
	return out
}

func replaceAll(a, b []string) []Edit {
	var out []Edit
	out = appendEdit(out, Delete, strings.Join(a, ""))
	return appendEdit(out, Insert, strings.Join(b, ""))
}
