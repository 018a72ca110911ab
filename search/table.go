package search

import (
	"fmt"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// docTables holds, for each segment of the index, the values a search
// reads for every match and not only for a page of hits: the facet values
// (site and month) and the date ranking's key. bleve reads them from each
// match's doc values, decoding chunks and hashing strings hit by hit,
// about a third of a common word's query CPU. A segment never changes, so
// here they are decoded once per segment into arrays by document number.
type docTables struct {
	mu sync.Mutex
	// segs is by segment id, which scorch keeps when it persists a
	// segment (the same documents in the same order) and never reuses.
	segs map[uint64]*segTable
	// vals are the facet field's terms by id (append-only), ids the reverse.
	vals []string
	ids  map[string]uint32
}

func newDocTables() *docTables {
	return &docTables{segs: map[uint64]*segTable{}, ids: map[string]uint32{}}
}

// segTable is one segment's values by local document number.
type segTable struct {
	off  []uint32 // document d's facet value ids are ids[off[d]:off[d+1]]
	ids  []uint32
	date []string // "" when it has none
}

// snapTable is a snapshot's tables: document number n of the snapshot is
// local number n-offsets[i] of segment i (the numbering scorch uses for
// its internal ids).
type snapTable struct {
	offsets []uint64
	segs    []*segTable
	vals    []string
}

// forSnapshot returns the table of snapshot is, decoding the segments it
// has not seen yet and forgetting those that is no longer holds.
func (t *docTables) forSnapshot(is *scorch.IndexSnapshot) (*snapTable, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	st := &snapTable{}
	segs := make(map[uint64]*segTable, len(is.Segments()))
	var running uint64
	for _, ss := range is.Segments() {
		seg := ss.Segment()
		tab := t.segs[ss.Id()]
		if tab == nil || len(tab.date) != int(seg.Count()) {
			var err error
			if tab, err = t.decode(seg); err != nil {
				return nil, err
			}
		}
		segs[ss.Id()] = tab
		st.offsets = append(st.offsets, running)
		st.segs = append(st.segs, tab)
		running += seg.Count()
	}
	st.vals = t.vals
	t.segs = segs
	return st, nil
}

// decode reads the facet and date doc values of every document of seg.
func (t *docTables) decode(seg segment.Segment) (*segTable, error) {
	dv, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return nil, fmt.Errorf("search: a %T segment has no doc values", seg)
	}
	n := seg.Count()
	tab := &segTable{off: make([]uint32, 1, n+1), ids: make([]uint32, 0, 2*n), date: make([]string, n)}
	fields := []string{fFacet, fDate}
	var d uint64
	visit := func(field string, term []byte) {
		switch {
		case field == fFacet:
			id, ok := t.ids[string(term)]
			if !ok {
				id = uint32(len(t.vals))
				t.vals = append(t.vals, string(term))
				t.ids[string(term)] = id
			}
			tab.ids = append(tab.ids, id)
		case field == fDate && tab.date[d] == "":
			tab.date[d] = string(term) // the first, as bleve's sort takes
		}
	}
	var state segment.DocVisitState
	for d = 0; d < n; d++ {
		var err error
		if state, err = dv.VisitDocValues(d, fields, visit, state); err != nil {
			return nil, fmt.Errorf("search: doc values: %w", err)
		}
		tab.off = append(tab.off, uint32(len(tab.ids)))
	}
	return tab, nil
}

// doc finds the segment table and local number of the document with
// internal id id; hint is the segment of the previous lookup (matches come
// in document order).
func (st *snapTable) doc(id index.IndexInternalID, hint *int) (*segTable, uint64) {
	n := id.Value()
	i := *hint
	if i >= len(st.offsets) || st.offsets[i] > n || (i+1 < len(st.offsets) && st.offsets[i+1] <= n) {
		i = sort.Search(len(st.offsets), func(x int) bool { return st.offsets[x] > n }) - 1
		*hint = i
	}
	return st.segs[i], n - st.offsets[i]
}
