package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// This file reads the bbolt file itself, page by page, never through
// bbolt's cursors: there a page past the end of a cut-short file is a
// SIGBUS and an overwritten page one of bbolt's assertion panics, here both
// are an error value. Pages are read from a read-only mapping of the file
// where the platform has one (no system call per page: about a third of
// the CPU of ReadAt), else with ReadAt; reads never go past the file's
// size, measured once it is locked. Open uses it to refuse a damaged file before
// writing to it, Verify to report the damage, Salvage to read what is left.
// The format is bbolt's (go.etcd.io/bbolt/internal/common), little endian
// as bbolt writes it on every platform it runs on.

const (
	pgBranch     = 0x01
	pgLeaf       = 0x02
	pgFreelist   = 0x10
	leafIsBucket = 0x01 // leaf element flag: the value is a nested bucket
	boltMagic    = 0xED0CDAED
	boltVersion  = 2
	noFreelist   = ^uint64(0)
	pageHdrLen   = 16 // id 8, flags 2, count 2, overflow 4
	elemLen      = 16 // branch: pos 4, ksize 4, pgid 8; leaf: flags 4, pos 4, ksize 4, vsize 4
	bucketHdrLen = 16 // root pgid 8, sequence 8; an inline bucket's page follows
	maxTreeDepth = 64
)

// boltMeta is the meta page bbolt would open the file with.
type boltMeta struct {
	pageSize                  int64
	root, freelist, hwm, txid uint64
}

// pageFile is an archive file opened for reading its pages.
type pageFile struct {
	f     *os.File
	path  string
	size  int64
	meta  boltMeta
	data  []byte // the file mapped read-only; nil: read with ReadAt
	unmap func()
}

// damaged returns a *DamagedError for the file at path.
func damaged(path, format string, args ...any) error {
	return &DamagedError{Path: path, Detail: fmt.Sprintf(format, args...)}
}

// openPages opens path and checks what costs O(1) and is never transient
// while another process writes (bbolt grows the file before a commit names
// the new pages, and writes its two meta pages in turn): the file is not
// empty, one meta page is valid, and the pages it names lie within the
// file. It returns ErrEmpty, ErrNotArchive or a *DamagedError; with a
// *DamagedError it may also return the file (the meta page is valid but
// the file is cut short), for a walk that reports what is missing.
func openPages(path string) (*pageFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	pf := &pageFile{f: f, path: path}
	usable, err := pf.readMeta()
	if !usable {
		f.Close()
		return nil, err
	}
	pf.data, pf.unmap = mapFile(f, pf.size)
	return pf, err
}

// Close unmaps and closes the file: no slice read from it may be used
// after.
func (pf *pageFile) Close() error {
	if pf.unmap != nil {
		pf.unmap()
	}
	return pf.f.Close()
}

// read returns the file's bytes [off, off+n): a slice of the mapping
// (callers copy what they keep) or a fresh buffer. Past the end of the
// file it returns io.EOF.
func (pf *pageFile) read(off int64, n int) ([]byte, error) {
	if off < 0 || n < 0 || off+int64(n) > pf.size {
		return nil, io.EOF
	}
	if pf.data != nil {
		return pf.data[off : off+int64(n) : off+int64(n)], nil
	}
	b := make([]byte, n)
	if _, err := pf.f.ReadAt(b, off); err != nil {
		return nil, err
	}
	return b, nil
}

// readMeta finds the meta page; usable is false when there is none.
func (pf *pageFile) readMeta() (usable bool, err error) {
	fi, err := pf.f.Stat()
	if err != nil {
		return false, fmt.Errorf("store: %w", err)
	}
	pf.size = fi.Size()
	if pf.size == 0 {
		return false, fmt.Errorf("%s: %w", pf.path, ErrEmpty)
	}
	// Meta page 0 names the page size; if it is damaged, look for meta
	// page 1 at each page size bbolt can have, as bbolt does.
	magic := false
	var metas []boltMeta
	m0, ok, hasMagic := pf.metaAt(0)
	magic = magic || hasMagic
	if ok {
		metas = append(metas, m0)
		if m1, ok, _ := pf.metaAt(m0.pageSize); ok {
			metas = append(metas, m1)
		}
	} else {
		for ps := int64(1024); ps <= 1<<24 && ps < pf.size; ps <<= 1 {
			if m1, ok, hasMagic := pf.metaAt(ps); ok && m1.pageSize == ps {
				metas = append(metas, m1)
				break
			} else if hasMagic {
				magic = true
			}
		}
	}
	if len(metas) == 0 {
		if !magic {
			return false, fmt.Errorf("%w: %s (no bbolt header)", ErrNotArchive, pf.path)
		}
		return false, damaged(pf.path, "neither meta page is valid")
	}
	m := metas[0]
	if len(metas) == 2 && metas[1].txid > m.txid {
		m = metas[1]
	}
	pf.meta = m
	if end := int64(m.hwm) * m.pageSize; end > pf.size {
		return true, damaged(pf.path, "the file is %d bytes but its pages reach %d: it was cut short", pf.size, end)
	}
	if m.root < 2 || m.root >= m.hwm || (m.freelist != noFreelist && (m.freelist < 2 || m.freelist >= m.hwm)) {
		return true, damaged(pf.path, "the meta page names pages outside the file")
	}
	return true, nil
}

// metaAt reads the meta page at off: ok when it is valid, magic when it at
// least carries bbolt's magic number.
func (pf *pageFile) metaAt(off int64) (m boltMeta, ok, magic bool) {
	var b [pageHdrLen + 64]byte
	if n, _ := pf.f.ReadAt(b[:], off); n < len(b) { // before the mapping
		return m, false, false
	}
	d := b[pageHdrLen:]
	le := binary.LittleEndian
	if le.Uint32(d[0:]) != boltMagic {
		return m, false, false
	}
	h := fnv.New64a()
	h.Write(d[:56])
	if le.Uint32(d[4:]) != boltVersion || le.Uint64(d[56:]) != h.Sum64() {
		return m, false, true
	}
	m = boltMeta{
		pageSize: int64(le.Uint32(d[8:])),
		root:     le.Uint64(d[16:]),
		freelist: le.Uint64(d[32:]),
		hwm:      le.Uint64(d[40:]),
		txid:     le.Uint64(d[48:]),
	}
	if m.pageSize < 512 || m.pageSize&(m.pageSize-1) != 0 {
		return m, false, true
	}
	return m, true, true
}

// pnode is one branch or leaf page with its overflow pages, as read.
type pnode struct {
	id       uint64
	flags    uint16
	count    int
	overflow uint32
	b        []byte // the first page only, or (whole) all of the node
	span     int    // the node's length in the file
}

// readNode reads and checks page id: its header names it, it is a branch
// or leaf page, it and its overflow lie within the file, and its element
// headers fit. whole reads the overflow pages too (the values).
func (pf *pageFile) readNode(id uint64, whole bool) (pnode, error) {
	ps, hwm := pf.meta.pageSize, pf.meta.hwm
	if id < 2 || id >= hwm {
		return pnode{}, fmt.Errorf("page %d is outside the file (%d pages)", id, hwm)
	}
	b, err := pf.read(int64(id)*ps, int(ps))
	if err != nil {
		return pnode{}, readErr(id, err)
	}
	n, err := parseNode(b, id)
	if err != nil {
		return n, err
	}
	if id+uint64(n.overflow) >= hwm {
		return n, fmt.Errorf("page %d: its %d overflow pages run past the file's pages", id, n.overflow)
	}
	n.span = int(ps) * (int(n.overflow) + 1)
	if pageHdrLen+n.count*elemLen > n.span {
		return n, fmt.Errorf("page %d: %d elements do not fit in it", id, n.count)
	}
	need := int(ps)
	if whole {
		need = n.span
	} else if h := pageHdrLen + n.count*elemLen; h > need {
		need = h
	}
	if need > len(b) {
		if n.b, err = pf.read(int64(id)*ps, need); err != nil {
			return n, readErr(id, err)
		}
	}
	return n, nil
}

func readErr(id uint64, err error) error {
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("page %d lies past the end of the file", id)
	}
	return fmt.Errorf("page %d: %w", id, err)
}

// parseNode reads a page header from b; id 0 skips the id check (an inline
// bucket's page has none).
func parseNode(b []byte, id uint64) (pnode, error) {
	if len(b) < pageHdrLen {
		return pnode{}, fmt.Errorf("page %d is cut short", id)
	}
	le := binary.LittleEndian
	n := pnode{id: id, flags: le.Uint16(b[8:]), count: int(le.Uint16(b[10:])), overflow: le.Uint32(b[12:]), b: b, span: len(b)}
	if named := le.Uint64(b); id != 0 && named != id {
		return n, fmt.Errorf("page %d has been overwritten (its header names page %d)", id, named)
	}
	if n.flags != pgBranch && n.flags != pgLeaf {
		return n, fmt.Errorf("page %d has been overwritten (not a branch or leaf page: flags %#x)", id, n.flags)
	}
	if id == 0 && pageHdrLen+n.count*elemLen > len(b) {
		return n, errors.New("an inline bucket's elements do not fit in it")
	}
	return n, nil
}

// bytes returns n's bytes [off, off+l), reading them from the file when n
// was read without its overflow pages.
func (pf *pageFile) bytes(n pnode, off, l int) ([]byte, error) {
	if off < 0 || l < 0 || off+l > n.span {
		return nil, fmt.Errorf("page %d: an element points outside the page", n.id)
	}
	if off+l <= len(n.b) {
		return n.b[off : off+l], nil
	}
	out, err := pf.read(int64(n.id)*pf.meta.pageSize+int64(off), l)
	if err != nil {
		return nil, readErr(n.id, err)
	}
	return out, nil
}
