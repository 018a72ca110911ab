package web

import (
	"strings"

	"newsarchive/article"
	"newsarchive/store"
	"newsarchive/textdiff"
)

// seg is one piece of a diff: Op is "eq", "del" or "ins".
type seg struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// fieldDiff is one content field compared between two versions.
type fieldDiff struct {
	Field   string `json:"field"`
	Changed bool   `json:"changed"`
	Old     string `json:"old"`
	New     string `json:"new"`
	Edits   []seg  `json:"edits"`
}

// sideRow is one paragraph of the side-by-side view: the old text with
// its deletions on the left, the new with its insertions on the right.
type sideRow struct{ Left, Right []seg }

// versionDiff compares two versions of one article.
type versionDiff struct {
	Key      string      `json:"key"`
	From     versionRef  `json:"from"`
	To       versionRef  `json:"to"`
	Fields   []fieldDiff `json:"fields"`
	Deleted  int         `json:"deleted"`  // words (characters for CJK) of text deleted
	Inserted int         `json:"inserted"` // and inserted
	Changed  []string    `json:"changed"`  // names of the fields that differ
	side     []sideRow
}

type versionRef struct {
	Version   int    `json:"version"`
	FetchedAt string `json:"fetched_at"`
}

var opNames = map[textdiff.Op]string{textdiff.Equal: "eq", textdiff.Delete: "del", textdiff.Insert: "ins"}

func segs(edits []textdiff.Edit) []seg {
	out := make([]seg, len(edits))
	for i, e := range edits {
		out[i] = seg{opNames[e.Op], e.Text}
	}
	return out
}

// diffVersions compares a and b field by field as the CLI's diff does:
// word-level, character-level for CJK.
func diffVersions(key string, a, b *article.Article) versionDiff {
	d := versionDiff{Key: key, From: versionRef{a.Version, a.FetchedAt}, To: versionRef{b.Version, b.FetchedAt}, Changed: []string{}}
	fields := []struct{ name, a, b string }{
		{"title", a.Title, b.Title},
		{"authors", strings.Join(a.Authors, ", "), strings.Join(b.Authors, ", ")},
		{"published_at", a.PublishedAt, b.PublishedAt},
		{"source", a.Source, b.Source},
		{"text", a.Text, b.Text},
	}
	for _, f := range fields {
		edits := textdiff.Diff(f.a, f.b)
		fd := fieldDiff{Field: f.name, Old: f.a, New: f.b, Edits: segs(edits),
			Changed: article.NormalizeText(f.a) != article.NormalizeText(f.b)}
		if fd.Changed {
			d.Changed = append(d.Changed, f.name)
		}
		if f.name == "text" {
			d.Deleted, d.Inserted = textdiff.Stats(edits)
			d.side = sideBySide(fd.Edits)
		}
		d.Fields = append(d.Fields, fd)
	}
	return d
}

// sideBySide cuts the edits into rows at paragraph breaks (a blank line in
// unchanged text), so that each row holds the same paragraph on both
// sides.
func sideBySide(edits []seg) []sideRow {
	var rows []sideRow
	var cur sideRow
	add := func(s seg) {
		if s.Text == "" {
			return
		}
		if s.Op != "ins" {
			cur.Left = append(cur.Left, seg{s.Op, s.Text})
		}
		if s.Op != "del" {
			cur.Right = append(cur.Right, seg{s.Op, s.Text})
		}
	}
	for _, e := range edits {
		if e.Op != "eq" {
			add(e)
			continue
		}
		parts := strings.Split(e.Text, "\n\n")
		for i, p := range parts {
			if i > 0 {
				rows = append(rows, cur)
				cur = sideRow{}
			}
			add(seg{"eq", strings.Trim(p, "\n")})
		}
	}
	if len(cur.Left)+len(cur.Right) > 0 {
		rows = append(rows, cur)
	}
	return rows
}

// pickVersions fills in the versions to compare: to defaults to the
// latest, from to the one before to.
func pickVersions(h []store.VersionInfo, from, to int) (int, int) {
	if to == 0 && len(h) > 0 {
		to = h[len(h)-1].Version
	}
	if from == 0 {
		for _, v := range h {
			if v.Version < to {
				from = v.Version
			}
		}
	}
	return from, to
}
