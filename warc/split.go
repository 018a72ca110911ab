package warc

// The first pass in parts: a WARC gzipped record by record is a series of
// gzip members, and a member can be found without reading the file up to
// it. Each part is read by its own goroutine into its own index; the
// parts' findings are then taken in file order, exactly as one reading of
// the whole file would have made them.

import (
	"bytes"
	"context"
	"io"
	"sync"
	"sync/atomic"
)

// splitMin is the size from which a gzipped WARC is indexed in parts:
// below it the first pass is short, and looking for the boundaries is not
// worth it. A variable, so that the tests can split small files.
var splitMin int64 = 16 << 20

// splitScan bounds how far past each split point a member holding a record
// is looked for (a record larger than that is rare; the part is then left
// out).
const splitScan = 8 << 20

// splitPoints is where the parts of src start (the first at 0): near each
// n-th of the file, the next gzip member that holds a WARC record. nil: not
// worth splitting, or no boundary found.
func splitPoints(src Source, n int) []int64 {
	if n < 2 || src.Size < splitMin || !isGzip(src) {
		return nil
	}
	starts := []int64{0}
	for k := 1; k < n; k++ {
		from := max(int64(k)*src.Size/int64(n), starts[len(starts)-1]+1)
		if at := nextMember(src, from); at > 0 {
			starts = append(starts, at)
		}
	}
	if len(starts) < 2 {
		return nil
	}
	return starts
}

var gzipMagic = []byte{0x1f, 0x8b, 0x08}

// nextMember is the offset of the first gzip member at or after from whose
// content starts as a WARC record does; -1 if there is none within
// splitScan. Compressed bytes can look like a member's start, or even be
// one (a gzipped WARC stored in a record), so a part is only taken when
// the part before it ends exactly there (indexParts).
func nextMember(src Source, from int64) int64 {
	buf := make([]byte, 64<<10)
	for at := from; at < src.Size && at < from+splitScan; {
		n, err := src.R.ReadAt(buf, at)
		if n < len(gzipMagic) {
			return -1
		}
		chunk := buf[:n]
		for i := 0; ; {
			j := bytes.Index(chunk[i:], gzipMagic)
			if j < 0 {
				break
			}
			if holdsRecord(src, at+int64(i+j)) {
				return at + int64(i+j)
			}
			i += j + 1
		}
		if err != nil {
			return -1
		}
		at += int64(n - len(gzipMagic) + 1) // a magic cut by the chunk's end is found in the next
	}
	return -1
}

// holdsRecord reports a gzip member at off whose content starts with
// "WARC/", as a record does.
func holdsRecord(src Source, off int64) bool {
	zr, err := newGzip(io.NewSectionReader(src.R, off, src.Size-off))
	if err != nil {
		return false
	}
	var head [5]byte
	_, err = io.ReadFull(zr, head[:])
	return err == nil && string(head[:]) == "WARC/"
}

// part is one stretch of a file, indexed on its own.
type part struct {
	im         *importer // its own index, findings and counts
	start, end int64     // end -1: to the file's end
	how        scanEnd
	err        error
	stop       atomic.Bool
	later      []*part
}

func (p *part) abandoned() bool { return p.stop.Load() }

// overshot stops the parts after p: p did not end where the next starts,
// so what they read is not needed.
func (p *part) overshot() {
	for _, q := range p.later {
		q.stop.Store(true)
	}
}

// indexParts indexes source si in parts starting at starts (the first at
// 0), each in its own goroutine, and takes their findings in file order:
// part after part while each ended exactly where the next starts, where a
// reading of the whole file would also have gone on from. A part that
// read past its end (the next start was no boundary) or stopped at damage
// did what that reading would, to the file's end: the parts after it are
// dropped. done is false when the file must be read in one (one gzip
// member holds it all) and nothing was taken.
func (im *importer) indexParts(ctx context.Context, si int, starts []int64) (done bool, err error) {
	parts := make([]*part, len(starts))
	for i, s := range starts {
		end := int64(-1)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		sub := newImporter(im.srcs, im.o, im.def.recorder())
		sub.inflated = im.inflated
		sub.spill = im.spill
		parts[i] = &part{im: sub, start: s, end: end}
	}
	var wg sync.WaitGroup
	for i, p := range parts {
		p.later = parts[i+1:]
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.how, p.err = p.im.scan(ctx, si, p.start, p.end, p)
			if p.how != scanLanded {
				p.overshot()
			}
		}()
	}
	wg.Wait()
	if parts[0].how == scanWhole {
		return false, nil
	}
	for _, p := range parts {
		im.absorb(p.im)
		if p.err != nil {
			return true, p.err
		}
		if p.how != scanLanded {
			break
		}
	}
	return true, nil
}

// absorb appends the index of a part read after everything im holds, as
// if im had read it: later records take a record id or digest over, as
// they do in one reading.
func (im *importer) absorb(p *importer) {
	off := len(im.resp)
	for k, i := range p.byID {
		im.byID[k] = off + i
	}
	for k, i := range p.byDigest {
		im.byDigest[k] = off + i
	}
	im.resp = append(im.resp, p.resp...)
	im.todo = append(im.todo, p.todo...)
	off = len(im.reqs)
	for k, i := range p.reqByID {
		im.reqByID[k] = off + i
	}
	for k, i := range p.reqFor {
		im.reqFor[k] = off + i
	}
	im.reqs = append(im.reqs, p.reqs...)
	off = len(im.hops)
	for k, is := range p.hopsTo {
		for _, i := range is {
			im.hopsTo[k] = append(im.hopsTo[k], off+i)
		}
	}
	im.hops = append(im.hops, p.hops...)
	im.stats.Records += p.stats.Records
	im.stats.Ignored += p.stats.Ignored
	im.stats.Skipped += p.stats.Skipped
	im.def.absorb(p.def)
}
