package warc

// The first pass's reader. It reads records as gowarc's WarcFileReader
// does (same records, offsets, sizes, findings and errors), but inflates a
// record gzipped on its own itself, so that the first pass can keep the
// inflated bytes of the records the second will read (spill.go): each
// record is then inflated once, not twice.

import (
	"bufio"
	"bytes"
	"errors"
	"io"

	"github.com/klauspost/compress/gzip"
	gowarc "github.com/nlnwa/gowarc/v3"
)

// keepMax bounds the inflated bytes of one record the scanner holds for
// the spill: a larger record is read in the second pass from the WARC.
const keepMax = 2 << 20

type scanner struct {
	cr    countingReader
	br    *bufio.Reader // over cr: the file, from base on
	base  int64
	u     gowarc.Unmarshaler
	gz    *gzip.Reader
	tee   keepReader
	plain *bufio.Reader // over tee: the record's inflated bytes
	kept  []byte        // the last record's bytes, nil when not held
}

func newScanner(r io.Reader, base int64, opts ...gowarc.WarcRecordOption) *scanner {
	uuidMu.Lock()
	u := gowarc.NewUnmarshaler(opts...)
	uuidMu.Unlock()
	s := &scanner{base: base, u: u}
	s.cr.r = r
	s.br = bufio.NewReaderSize(&s.cr, 64<<10)
	s.plain = bufio.NewReaderSize(nil, 64<<10)
	return s
}

// pos is the offset in the file of the next byte to be read.
func (s *scanner) pos() int64 { return s.base + s.cr.n - int64(s.br.Buffered()) }

// next reads the next record, as WarcFileReader.Next does. kept then
// holds the record's bytes as gowarc parsed them (inflated), or nil.
func (s *scanner) next() (gowarc.Record, error) {
	s.kept = nil
	at := s.pos()
	if head, err := s.br.Peek(5); err != nil || head[0] != 0x1f || head[1] != 0x8b {
		// Not a gzip member: gowarc's reading as is (a record not
		// compressed, damage, the file's end).
		rec, skipped, findings, err := s.u.Unmarshal(s.br)
		return gowarc.Record{WarcRecord: rec, Offset: at + skipped, Size: s.pos() - at - skipped, Validation: findings}, err
	}
	rec, findings, err := s.member()
	return gowarc.Record{WarcRecord: rec, Offset: at, Size: s.pos() - at, Validation: findings}, err
}

// member reads the record in the gzip member at the reader: what gowarc
// finds and fails on in one, in the same order.
func (s *scanner) member() (gowarc.WarcRecord, []error, error) {
	var err error
	if s.gz == nil {
		s.gz, err = gzip.NewReader(s.br)
	} else {
		err = s.gz.Reset(s.br)
	}
	if err != nil {
		return nil, nil, err
	}
	s.gz.Multistream(false)
	s.tee.reset(s.gz)
	s.plain.Reset(&s.tee)
	// gowarc reads the version line itself in a member; given plain bytes
	// it would look past junk for the next record instead.
	if head, err := s.plain.Peek(5); err != nil || !bytes.Equal(head, []byte("WARC/")) {
		// No record: the first line fails as gowarc's reading of it does.
		if _, err = s.plain.ReadBytes('\n'); err == nil {
			err = &gowarc.SyntaxError{Msg: "missing record version", Line: 1}
		}
		s.gz.Close()
		return nil, nil, err
	}
	rec, _, findings, err := s.u.Unmarshal(s.plain)
	if err != nil {
		s.gz.Close()
		return nil, findings, err
	}
	used := s.tee.n - int64(s.plain.Buffered())
	// The rest of the member, unread as gowarc leaves it, so that its
	// checksum is checked.
	_, err = io.Copy(io.Discard, s.gz)
	if cerr := s.gz.Close(); err != nil || cerr != nil {
		rec.Close()
		return nil, findings, errors.Join(err, cerr)
	}
	if !s.tee.over { // then buf holds all the tee read, used included
		s.kept = s.tee.buf[:used]
	}
	return rec, findings, nil
}

// keepReader reads r, keeping what it reads up to keepMax bytes.
type keepReader struct {
	r    io.Reader
	buf  []byte
	n    int64 // bytes read
	over bool  // more than keepMax: buf is not all of it
}

func (k *keepReader) reset(r io.Reader) {
	k.r, k.buf, k.n, k.over = r, k.buf[:0], 0, false
}

func (k *keepReader) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	k.n += int64(n)
	if !k.over {
		if len(k.buf)+n > keepMax {
			k.over = true
		} else {
			k.buf = append(k.buf, p[:n]...)
		}
	}
	return n, err
}

// countingReader counts the bytes read from r.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
