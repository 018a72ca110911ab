package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"runtime/debug"
)

// The walk over a bbolt file's trees (pages.go reads the pages): checkPages
// for Open and Verify, and, with values, Salvage's reading.

// loc says where a value lies: element idx of the node at page pgid, or
// (pgid 0) in an inline bucket, whose values only the walk hands over.
type loc struct {
	pgid uint64
	idx  int
}

// walker walks the tree of buckets from the meta page's root.
type walker struct {
	pf *pageFile
	// values reads every node whole and hands each key and value to
	// visit (path: the bucket names from the top); without it only the
	// structure is checked and visit is not called.
	values bool
	visit  func(path []string, k, v []byte, at loc)
	// bad receives each problem found.
	bad func(problem string)
	// onNode, if set, is called with each tree node read.
	onNode func(id uint64)
	used   []uint64 // bit per page: reached (or free)
	pages  int      // tree pages read
}

func (w *walker) mark(id uint64, n uint32) bool {
	if w.used == nil {
		w.used = make([]uint64, (w.pf.meta.hwm+63)/64)
	}
	for p := id; p <= id+uint64(n) && p < w.pf.meta.hwm; p++ {
		if w.used[p/64]&(1<<(p%64)) != 0 {
			return false
		}
		w.used[p/64] |= 1 << (p % 64)
	}
	return true
}

// run checks the freelist, then walks every bucket. A fault on the
// mapping (the file cut short by someone else while it is read) ends the
// walk as a problem.
func (w *walker) run() {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			w.bad(fmt.Sprintf("reading stopped: the file changed while it was read (%v)", r))
		}
	}()
	w.mark(0, 1) // the meta pages
	if fl := w.pf.meta.freelist; fl != noFreelist {
		w.freelist(fl)
	}
	w.node(nil, w.pf.meta.root, 0)
}

// freelist checks the freelist page and marks the free pages used, so that
// a tree page that is also free is found.
func (w *walker) freelist(id uint64) {
	ps := w.pf.meta.pageSize
	b, err := w.pf.read(int64(id)*ps, int(ps))
	if err != nil {
		w.bad(fmt.Sprintf("freelist %v", readErr(id, err)))
		return
	}
	le := binary.LittleEndian
	if le.Uint64(b) != id || le.Uint16(b[8:]) != pgFreelist {
		w.bad(fmt.Sprintf("freelist page %d has been overwritten", id))
		return
	}
	overflow := le.Uint32(b[12:])
	if id+uint64(overflow) >= w.pf.meta.hwm {
		w.bad(fmt.Sprintf("freelist page %d runs past the file's pages", id))
		return
	}
	w.mark(id, overflow)
	all, err := w.pf.read(int64(id)*ps, int(ps)*(int(overflow)+1))
	if err != nil {
		w.bad(fmt.Sprintf("freelist %v", readErr(id, err)))
		return
	}
	start, count := pageHdrLen, int(le.Uint16(b[10:]))
	if count == 0xFFFF { // the real count is the first element
		count, start = int(le.Uint64(all[pageHdrLen:])), pageHdrLen+8
	}
	if count < 0 || start+count*8 > len(all) {
		w.bad(fmt.Sprintf("freelist page %d: %d free pages do not fit in it", id, count))
		return
	}
	for i := range count {
		p := le.Uint64(all[start+i*8:])
		if p < 2 || p >= w.pf.meta.hwm || !w.mark(p, 0) {
			w.bad(fmt.Sprintf("freelist page %d: lists page %d, which is outside the file or listed twice", id, p))
			return
		}
	}
}

func where(path []string) string {
	if len(path) == 0 {
		return "the bucket list"
	}
	s := "bucket " + path[0]
	for _, p := range path[1:] {
		s += "/" + p
	}
	return s
}

// node walks the subtree at page id of the bucket at path.
func (w *walker) node(path []string, id uint64, depth int) {
	if depth > maxTreeDepth {
		w.bad(fmt.Sprintf("%s: the tree is deeper than %d pages (a loop?)", where(path), maxTreeDepth))
		return
	}
	n, err := w.pf.readNode(id, w.values)
	if err == nil && !w.mark(id, n.overflow) {
		err = fmt.Errorf("page %d is used twice (or is also free)", id)
	}
	if err != nil {
		w.bad(fmt.Sprintf("%s: %v", where(path), err))
		return
	}
	w.pages++
	if w.onNode != nil {
		w.onNode(id)
	}
	w.elements(path, n, depth)
}

// elements walks a node's elements: a branch's children, a leaf's values
// and nested buckets.
func (w *walker) elements(path []string, n pnode, depth int) {
	le := binary.LittleEndian
	hdr, err := w.pf.bytes(n, pageHdrLen, n.count*elemLen)
	if err != nil {
		w.bad(fmt.Sprintf("%s: %v", where(path), err))
		return
	}
	for i := range n.count {
		e := hdr[i*elemLen:]
		off := pageHdrLen + i*elemLen
		if n.flags == pgBranch {
			w.node(path, le.Uint64(e[8:]), depth+1)
			continue
		}
		flags, pos, ks, vs := le.Uint32(e), int(le.Uint32(e[4:])), int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
		if off+pos+ks+vs > n.span || pos < 0 {
			w.bad(fmt.Sprintf("%s: page %d: element %d points outside the page", where(path), n.id, i))
			continue
		}
		if flags&leafIsBucket == 0 && !w.values {
			continue
		}
		kv, err := w.pf.bytes(n, off+pos, ks+vs)
		if err != nil {
			w.bad(fmt.Sprintf("%s: %v", where(path), err))
			continue
		}
		k, v := kv[:ks], kv[ks:]
		if flags&leafIsBucket == 0 {
			w.visit(path, k, v, loc{pgid: n.id, idx: i})
			continue
		}
		sub := append(append([]string(nil), path...), string(k))
		if len(v) < bucketHdrLen {
			w.bad(fmt.Sprintf("%s: its bucket header is cut short", where(sub)))
			continue
		}
		root := le.Uint64(v)
		if root != 0 {
			w.node(sub, root, 0)
			continue
		}
		in, err := parseNode(v[bucketHdrLen:], 0)
		if err != nil || in.flags != pgLeaf {
			w.bad(fmt.Sprintf("%s: the inline bucket is damaged", where(sub)))
			continue
		}
		w.elements(sub, in, depth+1)
	}
}

// value re-reads the value at loc (a node's element).
func (pf *pageFile) value(at loc) ([]byte, error) {
	n, err := pf.readNode(at.pgid, true)
	if err != nil {
		return nil, err
	}
	if n.flags != pgLeaf || at.idx >= n.count {
		return nil, fmt.Errorf("page %d changed under the salvage", at.pgid)
	}
	e := n.b[pageHdrLen+at.idx*elemLen:]
	le := binary.LittleEndian
	pos, ks, vs := int(le.Uint32(e[4:])), int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
	return pf.bytes(n, pageHdrLen+at.idx*elemLen+pos+ks, vs)
}

// checkPages walks the structure of the archive file at path (every tree
// page's header and element bounds, nested buckets, the freelist; not the
// values) and passes each problem to bad, a cut-short file's first. It
// returns the number of tree pages read, and an error when the file cannot
// be opened or has no usable meta page (ErrEmpty, ErrNotArchive,
// *DamagedError).
func checkPages(path string, bad func(string)) (int, error) {
	pf, err := openPages(path)
	if pf == nil {
		return 0, err
	}
	defer pf.Close()
	var de *DamagedError
	if errors.As(err, &de) {
		bad(de.Detail)
	}
	w := &walker{pf: pf, bad: bad}
	w.run()
	return w.pages, nil
}
