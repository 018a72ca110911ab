package warc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
	"time"

	"newsarchive/store"
)

// write is Write, calling onIdx (when set) with each response and revisit
// record written, at its offset in w.
// ExportGCPercent is the collector's target (as GOGC) that the export
// command runs Write under, and its benchmark too. An export streams: its
// live heap is a few dozen captures in flight, so letting the heap grow to
// three times that before a collection keeps it below the 150 MB an
// export may use and saves CPU (at 100 000 articles: about 351 against
// 368 CPU-µs per capture, for a peak heap of 86–102 MB against 26–67).
// A process that does more than export keeps its own setting; Write
// itself changes nothing.
const ExportGCPercent = 200

func write(st *store.Store, w io.Writer, o Options, onIdx func(indexEntry)) (Stats, error) {
	out := &countWriter{w: bufio.NewWriterSize(w, 1<<20)}
	info := newID()
	first := newWriter(info, false)
	if err := first.warcinfo(o, time.Now().UTC()); err != nil {
		return Stats{}, err
	}
	stats := first.stats
	if _, err := out.Write(first.buf.Bytes()); err != nil {
		return stats, err
	}

	// Captures are built on every CPU and written in scan order.
	workers := runtime.GOMAXPROCS(0)
	type job struct {
		seq int
		d   store.Doc
	}
	type result struct {
		seq   int
		chunk *bytes.Buffer // from chunks, back to it once written
		idx   []indexEntry
		stats Stats
		err   error
	}
	jobs := make(chan job, 4*workers)
	results := make(chan result, 4*workers)
	tokens := make(chan struct{}, 8*workers) // bounds captures in flight
	stop := make(chan struct{})
	// The finished members of a capture go to the output in a buffer that
	// comes back for another capture once written.
	chunks := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := newWriter(info, onIdx != nil)
			for j := range jobs {
				x.buf = chunks.Get().(*bytes.Buffer)
				x.buf.Reset()
				x.idx, x.stats = x.idx[:0], Stats{}
				var err error
				c, err := st.CaptureOfDoc(j.d)
				if err == nil {
					err = x.capture(j.d, c)
				}
				if err != nil {
					err = fmt.Errorf("%s version %d: %w", j.d.Key, j.d.Version, err)
				}
				r := result{seq: j.seq, chunk: x.buf, idx: slices.Clone(x.idx), stats: x.stats, err: err}
				select {
				case results <- r:
				case <-stop:
				}
			}
		}()
	}
	var werr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		pending := map[int]result{}
		next := 0
		for r := range results {
			pending[r.seq] = r
			for {
				r, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				<-tokens
				if werr != nil {
					continue
				}
				if werr = r.err; werr != nil {
					close(stop)
					continue
				}
				base := out.n
				_, werr = out.Write(r.chunk.Bytes())
				chunks.Put(r.chunk)
				if werr != nil {
					close(stop)
					continue
				}
				for _, e := range r.idx {
					e.Offset += base
					onIdx(e)
				}
				stats.add(r.stats)
				if o.Progress != nil {
					o.Progress(stats)
				}
			}
		}
	}()
	so := o.ScanOptions
	so.WithKey = false
	seq := 0
	err := st.ScanJSON(so, func(d store.Doc) error {
		select {
		case tokens <- struct{}{}:
		case <-stop:
			return errStopped
		}
		select {
		case jobs <- job{seq: seq, d: d}:
		case <-stop:
			return errStopped
		}
		seq++
		return nil
	})
	close(jobs)
	wg.Wait()
	close(results)
	<-done
	if werr != nil {
		err = werr
	}
	if err != nil {
		return stats, fmt.Errorf("warc export: %w", err)
	}
	if err := out.w.Flush(); err != nil {
		return stats, fmt.Errorf("warc export: %w", err)
	}
	return stats, nil
}

var errStopped = errors.New("stopped")

func (s *Stats) add(o Stats) {
	s.Captures += o.Captures
	s.Revisits += o.Revisits
	s.Redirects += o.Redirects
	s.Records += o.Records
	s.NoRaw += o.NoRaw
	s.Reconstructed += o.Reconstructed
}
