package warc

// The spill: the first pass keeps the inflated bytes of the records the
// second pass reads (HTML 200 responses, requests) in a temporary file, so
// that a WARC gzipped record by record is inflated once. Inflating is
// most of what reading a record costs. A record not kept (the budget
// spent, too large, a write that failed) is read from the WARC as before:
// the spill only saves work, it never decides what is imported.

import (
	"io"
	"os"
	"sync"
)

// spillDefault is the spill's budget when ImportOptions.SpillMax is 0:
// the inflated pages of a WARC of some 400 MB gzipped. Past it the records
// are inflated twice, as without a spill, rather than fill a temporary
// directory (often memory) with a copy of the pages several times the
// WARC's size.
const spillDefault = 2 << 30

type spill struct {
	dir string
	max int64

	mu     sync.Mutex
	f      *os.File
	n      int64
	closed bool // no more: the budget spent or a write failed
}

// newSpill is a spill of at most max bytes in dir; nil (keeps nothing)
// when max < 0.
func newSpill(dir string, max int64) *spill {
	if max < 0 {
		return nil
	}
	if max == 0 {
		max = spillDefault
	}
	return &spill{dir: dir, max: max}
}

// keep writes b and says where it is; n 0: not kept. Safe for the parts of
// the first pass at once.
func (s *spill) keep(b []byte) (off, n int64) {
	if s == nil || len(b) == 0 {
		return 0, 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.n+int64(len(b)) > s.max {
		return 0, 0
	}
	if s.f == nil {
		f, err := os.CreateTemp(s.dir, ".newsarchive-import-*.spill")
		if err != nil {
			s.closed = true
			return 0, 0
		}
		s.f = f
	}
	if _, err := s.f.Write(b); err != nil {
		// A short write leaves the file's end unknown: keep no more.
		s.closed = true
		return 0, 0
	}
	off = s.n
	s.n += int64(len(b))
	return off, int64(len(b))
}

// at reads what keep kept at off. Only once the first pass is over.
func (s *spill) at(off, n int64) io.Reader { return io.NewSectionReader(s.f, off, n) }

// remove deletes the spill's file.
func (s *spill) remove() {
	if s == nil || s.f == nil {
		return
	}
	s.f.Close()
	os.Remove(s.f.Name())
}
