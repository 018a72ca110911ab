package warc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"

	"newsarchive/article"
	"newsarchive/capture"
	"newsarchive/store"
)

// Page is what the app makes of a page read from a web archive: its
// archive key, article and extraction, and whether it is an article at
// all (listing pages are not archived, as in a crawl).
type Page struct {
	Key        string
	URL        string // normalised
	Article    *article.Article
	Extraction capture.Extraction
	IsArticle  bool
}

// ReadFunc extracts a page fetched from url at fetched (the record's
// WARC-Date), decoding body with the response's Content-Type, as a crawl
// would.
type ReadFunc func(url string, body []byte, contentType string, fetched time.Time) (Page, error)

// ErrStore marks an Import error that is the archive's own: a write to
// the store failed (a full disk, a file size limit), not the input.
var ErrStore = errors.New("writing the archive")

// ImportOptions configure Import.
type ImportOptions struct {
	Read ReadFunc
	// MaxBody skips bodies larger than this (decoded); 0: 10 MiB.
	MaxBody int64
	// Log gets one warning per kind of defect.
	Log *slog.Logger
	// Progress, when set, is called after each batch archived.
	Progress func(ImportStats)
	// TempDir holds the inflated copy of a WARC gzipped as a whole, and
	// the spill ("": the system's).
	TempDir string
	// SpillMax bounds the spill: the inflated records the first pass keeps
	// in TempDir for the second, so that each is inflated once (0: 2 GiB;
	// < 0: none, each record the second pass reads is inflated again).
	SpillMax int64
}

// ImportStats counts what Import did.
type ImportStats struct {
	Records     int // WARC records read
	Pages       int // HTML 200 responses and revisits archived as captures
	New         int // of them, new articles
	Changed     int // new versions
	Unchanged   int // same content as the latest version
	NotArticles int // HTML pages the extractor judged not articles (listings)
	Ignored     int // other records: requests, metadata, non-HTML, other statuses
	Skipped     int // records skipped for a defect (see Defects)
	// Defects counts the defects found, by kind (each was warned once).
	Defects map[string]int
}

// Source is one WARC file to import: random access to its bytes.
type Source struct {
	Name string
	R    io.ReaderAt
	Size int64
}

// entry is a record to archive, found by the first pass.
type entry struct {
	src      int
	offset   int64
	date     time.Time
	url      string
	revisit  bool
	refersTo string // revisit: the original's record id
	digest   string // payload digest
	orig     int    // revisit: index of the original in resp, -1 unknown
	length   int64  // the record's Content-Length (bounds a batch's memory)
	size     int64  // the record's bytes in the file
	id       string // WARC-Record-ID
	with     string // the first WARC-Concurrent-To
	req      int    // index of its request record in reqs, -1 none
	// hops are the redirects that led to this response (see chain).
	hops []capture.Redirect
	// spillOff and spillLen locate the record's inflated bytes in the
	// spill; spillLen 0: not kept, read from the WARC.
	spillOff, spillLen int64
}

// indexOpts read leniently for the first pass: syntax findings are
// reported, not fatal. The checks of the spec (digests, field values,
// lengths) are left to the second pass, which makes them on the records
// it archives: the first pass reads every record of the file on one core,
// and a block it does not buffer is not hashed.
func indexOpts() []gowarc.WarcRecordOption {
	return []gowarc.WarcRecordOption{
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrWarn),
	}
}

// Import reads the WARC files (WARC 1.0 or 1.1, each record gzipped or
// not) and archives every HTML response with status 200 as a capture
// fetched at its WARC-Date. A first pass indexes the records (about a
// kilobyte per capture); the second reads the captures in date order, so that the
// versions of one URL come out as a crawl would have made them, and
// resolves each revisit to its original. Memory does not grow with the
// bodies: records are read one at a time.
func Import(ctx context.Context, st *store.Store, srcs []Source, o ImportOptions) (ImportStats, error) {
	if o.MaxBody <= 0 {
		o.MaxBody = 10 << 20
	}
	im := newImporter(slices.Clone(srcs), o, newDefects(o.Log))
	im.st = st
	im.spill = newSpill(o.TempDir, o.SpillMax)
	defer func() {
		for _, f := range im.temps {
			f.Close()
			os.Remove(f.Name())
		}
		im.spill.remove()
	}()
	for i := range srcs {
		if err := im.index(ctx, i); err != nil {
			return im.result(), err
		}
	}
	err := im.archive(ctx)
	return im.result(), err
}

func newImporter(srcs []Source, o ImportOptions, def *defects) *importer {
	return &importer{srcs: srcs, o: o, def: def, byID: map[string]int{}, byDigest: map[string]int{}, inflated: map[int]bool{},
		reqByID: map[string]int{}, reqFor: map[string]int{}, hopsTo: map[string][]int{}}
}

type importer struct {
	st    *store.Store
	srcs  []Source
	o     ImportOptions
	def   *defects
	stats ImportStats

	resp     []entry          // every response record (revisit originals)
	byID     map[string]int   // record id → resp index
	byDigest map[string]int   // payload digest + URL → resp index
	todo     []entry          // HTML 200 responses and revisits, to archive
	inflated map[int]bool     // sources gzipped as a whole, read inflated
	reqs     []entry          // request records
	reqByID  map[string]int   // record id → reqs index
	reqFor   map[string]int   // id of the record a request names concurrent → reqs index
	hops     []hop            // redirect responses
	hopsTo   map[string][]int // the URL a redirect leads to → hops indexes, in file order
	temps    []*os.File
	spill    *spill // nil: none
}

func (im *importer) result() ImportStats {
	s := im.stats
	s.Defects = im.def.counts()
	return s
}

func (im *importer) skip(kind string, src int, off int64, detail string) {
	im.stats.Skipped++
	im.def.note(kind, im.srcs[src].Name, off, detail)
}

// index is the first pass over one file: in parts on every CPU when it is
// large and gzipped record by record (split.go), else in one.
func (im *importer) index(ctx context.Context, si int) error {
	if starts := splitPoints(im.srcs[si], runtime.GOMAXPROCS(0)); len(starts) > 1 {
		if done, err := im.indexParts(ctx, si, starts); done || err != nil {
			return err
		}
	}
	for {
		how, err := im.scan(ctx, si, 0, -1, nil)
		if err != nil || how != scanWhole {
			return err
		}
		if err := im.inflate(si); err != nil {
			return err
		}
	}
}

// How a scan ended.
type scanEnd int

const (
	scanEOF       scanEnd = iota // the file's end, or damage that nothing can be read past
	scanLanded                   // the last record read ended exactly at the end asked for
	scanWhole                    // one gzip member is the whole file: read it inflated
	scanAbandoned                // told to stop: its part is not needed
)

// scan notes the records of source si from offset start on, until the
// file's end or, when end >= 0, until a record ends exactly at end. A
// record that runs past end means end was no record boundary: the scan
// then goes on to the file's end, as a reading of the whole file would,
// and tells its part (when one is given: split.go), which can also stop it.
func (im *importer) scan(ctx context.Context, si int, start, end int64, p *part) (scanEnd, error) {
	src := im.srcs[si]
	r := newScanner(io.NewSectionReader(src.R, start, src.Size-start), start, indexOpts()...)
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return scanEOF, ctx.Err()
		}
		if p != nil && n%64 == 0 && p.abandoned() {
			return scanAbandoned, nil
		}
		rec, err := r.next()
		if errors.Is(err, io.EOF) {
			return scanEOF, nil
		}
		first := n == 0 && start == 0
		if rec.WarcRecord == nil {
			if first && err != nil && looksARC(src) {
				return scanEOF, fmt.Errorf("%s: %w", src.Name, ErrARC)
			}
			// Nothing more can be read from here on.
			im.stats.Records++
			im.skip(defectDamaged, si, rec.Offset, errString(err))
			return scanEOF, nil
		}
		if first && rec.Offset == 0 && rec.Size >= src.Size && isGzip(src) && !im.inflated[si] {
			// One gzip member took the whole file: either a file of one
			// record, or one compressed as a whole, which gowarc reads
			// only the first record of. Read it inflated.
			rec.Close()
			return scanWhole, nil
		}
		im.stats.Records++
		im.note(si, rec, err, r.kept)
		rec.Close()
		if end >= 0 && rec.Offset+rec.Size >= end {
			if rec.Offset+rec.Size == end {
				return scanLanded, nil
			}
			end = -1
			if p != nil {
				p.overshot()
			}
		}
	}
}

func isGzip(src Source) bool {
	var magic [2]byte
	n, _ := src.R.ReadAt(magic[:], 0)
	return n == 2 && magic == [2]byte{0x1f, 0x8b}
}

// inflate replaces source si, a WARC gzipped as a whole, by its inflated
// copy in a temporary file (removed when Import returns).
func (im *importer) inflate(si int) error {
	src := im.srcs[si]
	zr, err := newGzip(io.NewSectionReader(src.R, 0, src.Size))
	if err != nil {
		return fmt.Errorf("%s: %w", src.Name, err)
	}
	f, err := os.CreateTemp(im.o.TempDir, ".newsarchive-import-*.warc")
	if err != nil {
		return err
	}
	im.temps = append(im.temps, f)
	n, err := io.Copy(f, zr)
	if err != nil {
		// What inflated before a damaged end is read; the rest is lost.
		im.def.note(defectDamaged, src.Name, n, err.Error())
	}
	im.srcs[si] = Source{Name: src.Name, R: f, Size: n}
	im.inflated[si] = true
	return nil
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// note indexes one record of the first pass; kept is its inflated bytes
// (nil: not held), spilled when the second pass will read it.
func (im *importer) note(si int, rec gowarc.Record, err error, kept []byte) {
	wr := rec.WarcRecord
	h := wr.WarcHeader()
	if err != nil {
		im.skip(defectDamaged, si, rec.Offset, err.Error())
		return
	}
	uri := h.Get(gowarc.WarcTargetURI)
	for _, v := range rec.Validation {
		var fe *gowarc.HeaderFieldError
		if errors.As(v, &fe) && fe.FieldName == gowarc.WarcTargetURI {
			// gowarc blanks a field it cannot parse: read it as written.
			uri = rawField(im.srcs[si], rec.Offset, gowarc.WarcTargetURI)
			if strings.HasPrefix(uri, "<") && strings.HasSuffix(uri, ">") {
				im.def.note(defectBrackets, im.srcs[si].Name, rec.Offset, uri)
				uri = uri[1 : len(uri)-1]
				continue
			}
		}
		kind, skip := classify(v)
		if skip {
			im.skip(kind, si, rec.Offset, v.Error())
			return
		}
		im.def.note(kind, im.srcs[si].Name, rec.Offset, v.Error())
	}
	if strings.HasPrefix(uri, "<") && strings.HasSuffix(uri, ">") {
		im.def.note(defectBrackets, im.srcs[si].Name, rec.Offset, uri)
		uri = uri[1 : len(uri)-1]
	}
	date, _ := time.Parse(time.RFC3339Nano, h.Get(gowarc.WarcDate))
	length, _ := h.GetInt64(gowarc.ContentLength)
	e := entry{src: si, offset: rec.Offset, date: date.UTC(), url: uri, digest: h.Get(gowarc.WarcPayloadDigest), orig: -1, length: length, size: rec.Size,
		id: h.Get(gowarc.WarcRecordID), with: h.Get(gowarc.WarcConcurrentTo), req: -1}
	switch wr.Type() {
	case gowarc.Response:
		if e.digest == "" || !h.Has(gowarc.WarcBlockDigest) {
			im.def.note(defectNoDigest, im.srcs[si].Name, rec.Offset, uri)
		}
		b, ok := wr.Block().(gowarc.HttpResponseBlock)
		if !ok {
			im.stats.Ignored++
			return
		}
		st := statusOf(b)
		page := st == http.StatusOK && maybeHTML(b.HttpHeader())
		if page {
			e.spillOff, e.spillLen = im.spill.keep(kept)
		}
		i := len(im.resp)
		im.resp = append(im.resp, e)
		if id := h.Get(gowarc.WarcRecordID); id != "" {
			im.byID[id] = i
		}
		if e.digest != "" {
			im.byDigest[e.digest+" "+uri] = i
		}
		if st >= 300 && st < 400 {
			im.noteHop(uri, e.date, b)
		}
		if !page {
			im.stats.Ignored++
			return
		}
		im.todo = append(im.todo, e)
	case gowarc.Request:
		im.stats.Ignored++
		if _, ok := wr.Block().(gowarc.HttpRequestBlock); ok {
			e.spillOff, e.spillLen = im.spill.keep(kept)
			i := len(im.reqs)
			im.reqs = append(im.reqs, e)
			if e.id != "" {
				im.reqByID[e.id] = i
			}
			if e.with != "" {
				im.reqFor[e.with] = i
			}
		}
	case gowarc.Revisit:
		e.revisit = true
		e.refersTo = h.Get(gowarc.WarcRefersTo)
		if u := strings.Trim(h.Get(gowarc.WarcRefersToTargetURI), "<>"); u != "" && e.digest != "" {
			e.refersTo += " " + e.digest + " " + u
		}
		im.todo = append(im.todo, e)
	default:
		im.stats.Ignored++
	}
}

// maybeHTML passes responses that could be HTML pages (declared so, or
// untyped: sniffed later).
func maybeHTML(h *http.Header) bool {
	if h == nil {
		return true
	}
	ct := strings.ToLower(h.Get("Content-Type"))
	return ct == "" || strings.Contains(ct, "html") || strings.HasPrefix(ct, "text/plain") || strings.HasPrefix(ct, "application/octet-stream")
}

// ErrARC refuses an ARC file, before anything is imported.
var ErrARC = errors.New("an ARC file: the WARC library newsarchive uses (gowarc) reads WARC 1.0 and 1.1 only")

// looksARC reports an ARC file (version 1 or 2): it starts with a
// filedesc:// line, possibly gzipped.
func looksARC(src Source) bool {
	head := make([]byte, 512)
	n, _ := src.R.ReadAt(head, 0)
	head = head[:n]
	if bytes.HasPrefix(head, []byte{0x1f, 0x8b}) {
		if zr, err := newGzip(bytes.NewReader(head)); err == nil {
			b, _ := io.ReadAll(io.LimitReader(zr, 16))
			head = b
		}
	}
	return bytes.HasPrefix(head, []byte("filedesc://"))
}

// resolve finds each revisit's original: by WARC-Refers-To, else by
// payload digest and URL.
func (im *importer) resolve() {
	for i := range im.todo {
		e := &im.todo[i]
		// The request that fetched it: named by the request
		// (WARC-Concurrent-To, as Heritrix and newsarchive write) or
		// naming it (as wget writes).
		if j, ok := im.reqFor[e.id]; ok && e.id != "" {
			e.req = j
		} else if j, ok := im.reqByID[e.with]; ok && e.with != "" {
			e.req = j
		}
		if !e.revisit {
			e.hops = im.chain(e.url, e.date)
			continue
		}
		id, rest, _ := strings.Cut(e.refersTo, " ")
		if j, ok := im.byID[id]; ok {
			e.orig = j
			continue
		}
		if rest != "" {
			if j, ok := im.byDigest[rest]; ok {
				e.orig = j
				continue
			}
		}
		if j, ok := im.byDigest[e.digest+" "+e.url]; ok {
			e.orig = j
		}
	}
}
