package warc

// The second pass of Import: the captures, in date order.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	gowarc "github.com/nlnwa/gowarc/v3"

	"newsarchive/capture"
	"newsarchive/store"
)

// A batch of captures is extracted side by side and archived in one
// transaction: at most batchSize captures and batchBytes of records.
const (
	batchSize  = 128
	batchBytes = 32 << 20
)

// archive is the second pass: captures in date order (file order among
// equal dates), extracted on every CPU, archived in batches. A batch is
// written (store.PutMany, one transaction) while the next is extracted,
// so that the cores do not wait on the store; batches are written one
// after the other, in order.
func (im *importer) archive(ctx context.Context) error {
	im.resolve()
	sort.SliceStable(im.todo, func(a, b int) bool { return im.todo[a].date.Before(im.todo[b].date) })
	type written struct {
		res []store.PutResult
		err error
	}
	var pending chan written // the batch being written, if any
	wait := func() error {
		if pending == nil {
			return nil
		}
		w := <-pending
		pending = nil
		if w.err != nil {
			return fmt.Errorf("web archive import: %w: %w", ErrStore, w.err)
		}
		im.count(w.res)
		if im.o.Progress != nil {
			im.o.Progress(im.result())
		}
		return nil
	}
	for start := 0; start < len(im.todo); {
		if err := ctx.Err(); err != nil {
			wait()
			return err
		}
		end, size := start, int64(0)
		for end < len(im.todo) && end-start < batchSize && (end == start || size < batchBytes) {
			e := im.todo[end]
			if e.revisit && e.orig >= 0 {
				e = im.resp[e.orig]
			}
			size += e.length
			end++
		}
		batch := im.todo[start:end]
		start = end
		snaps := im.extractAll(batch)
		var keep []store.Snapshot
		for _, s := range snaps {
			if s != nil {
				keep = append(keep, *s)
			}
		}
		if err := wait(); err != nil {
			return err
		}
		if len(keep) == 0 {
			if im.o.Progress != nil {
				im.o.Progress(im.result())
			}
			continue
		}
		ch := make(chan written, 1)
		pending = ch
		go func() {
			res, err := im.st.PutMany(ctx, keep)
			ch <- written{res, err}
		}()
	}
	return wait()
}

// count adds the outcomes of a batch written.
func (im *importer) count(res []store.PutResult) {
	for _, r := range res {
		im.stats.Pages++
		switch r.Outcome {
		case store.New:
			im.stats.New++
		case store.Changed:
			im.stats.Changed++
		default:
			im.stats.Unchanged++
		}
	}
}

// outcome of reading one entry in the second pass.
type outcome struct {
	snap            *store.Snapshot
	ignored, notArt bool
	defect, detail  string
}

func (im *importer) extractAll(batch []entry) []*store.Snapshot {
	outs := make([]outcome, len(batch))
	workers := min(runtime.GOMAXPROCS(0), len(batch))
	var wg sync.WaitGroup
	var next atomic.Int64 // pages differ in cost: each worker takes the next
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(batch); i = int(next.Add(1) - 1) {
				outs[i] = im.extract(batch[i])
			}
		}()
	}
	wg.Wait()
	snaps := make([]*store.Snapshot, len(batch))
	for i, out := range outs {
		switch {
		case out.defect != "":
			im.skip(out.defect, batch[i].src, batch[i].offset, out.detail)
		case out.ignored:
			im.stats.Ignored++
		case out.notArt:
			im.stats.NotArticles++
		default:
			snaps[i] = out.snap
		}
	}
	return snaps
}

// extract reads an entry's response (a revisit's original) and extracts it.
func (im *importer) extract(e entry) outcome {
	at := e
	if e.revisit {
		if e.orig < 0 {
			return outcome{defect: defectNoOriginal, detail: e.url}
		}
		at = im.resp[e.orig]
	}
	resp, err := im.readResponse(at)
	if err != nil {
		return outcome{defect: defectDamaged, detail: err.Error()}
	}
	if resp.status != http.StatusOK {
		return outcome{ignored: true}
	}
	body, ok, err := decodeBody(resp.payload, resp.header, im.o.MaxBody)
	switch {
	case err != nil:
		return outcome{defect: defectEncoding, detail: err.Error()}
	case !ok:
		return outcome{defect: defectTooBig, detail: e.url}
	}
	ct := resp.header.Get("Content-Type")
	if !isHTML(ct, body) {
		return outcome{ignored: true}
	}
	p, err := im.o.Read(e.url, body, ct, e.date)
	if err != nil || p.Article == nil {
		return outcome{defect: defectExtract, detail: fmt.Sprintf("%s: %v", e.url, err)}
	}
	if !p.IsArticle {
		return outcome{notArt: true}
	}
	hdr := resp.header.Clone()
	unmask(hdr)
	prov := capture.Provenance{
		Fetch:      &capture.Fetch{StatusLine: resp.statusLine, Header: hdr, FinalURL: at.url, RemoteAddr: resp.ip},
		Extraction: p.Extraction,
	}
	if e.req >= 0 {
		// The crawler records what it sent; its HTTP client adds Host.
		if rh, err := im.readRequestHeader(im.reqs[e.req]); err == nil {
			rh.Del("Host")
			prov.Fetch.RequestHeader = rh
		}
	}
	return outcome{snap: &store.Snapshot{
		Key: p.Key, URL: p.URL, Article: p.Article, Raw: body, Status: resp.status,
		FetchedAt: e.date, Provenance: prov,
	}}
}

// response is an HTTP response record's content.
type response struct {
	statusLine string
	status     int
	header     http.Header
	payload    []byte
	ip         string
}

// readResponse reads the response record at e.
func (im *importer) readResponse(e entry) (response, error) {
	src := im.srcs[e.src]
	// Findings were reported by the first pass. The spec policy stays above
	// ignore so that the block is buffered (to disk past 1 MiB) before the
	// reader moves past it.
	// Only the record's own bytes: the reader's buffer fills no further.
	r, err := newReader(io.NewSectionReader(src.R, e.offset, e.size), 0, readerOpts()...)
	if err != nil {
		return response{}, err
	}
	defer r.Close()
	rec, err := r.Next()
	if err != nil {
		return response{}, err
	}
	defer rec.Close()
	b, ok := rec.WarcRecord.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return response{}, fmt.Errorf("offset %d: not an HTTP response", e.offset)
	}
	pr, err := b.PayloadBytes()
	if err != nil {
		return response{}, err
	}
	payload, err := io.ReadAll(io.LimitReader(pr, im.o.MaxBody*4+1))
	if err != nil {
		return response{}, err
	}
	line, h := parseHead(b.ProtocolHeaderBytes())
	return response{
		statusLine: line,
		status:     statusOf(b),
		header:     h,
		payload:    payload,
		ip:         rec.WarcRecord.WarcHeader().Get(gowarc.WarcIPAddress),
	}, nil
}

// rawField reads a WARC header field of the record at off as it is
// written, "" if absent.
func rawField(src Source, off int64, name string) string {
	var r io.Reader = io.NewSectionReader(src.R, off, src.Size-off)
	br := bufio.NewReader(r)
	if head, _ := br.Peek(2); bytes.Equal(head, []byte{0x1f, 0x8b}) {
		zr, err := newGzip(br)
		if err != nil {
			return ""
		}
		br = bufio.NewReader(zr)
	}
	tp := textproto.NewReader(br)
	if _, err := tp.ReadLine(); err != nil { // WARC/1.x
		return ""
	}
	h, _ := tp.ReadMIMEHeader()
	return strings.TrimSpace(h.Get(name))
}

// statusOf is a response's status code, also for a status line net/http
// does not parse ("HTTP/2 200").
func statusOf(b gowarc.HttpResponseBlock) int {
	if c := b.HttpStatusCode(); c != 0 {
		return c
	}
	line, _, _ := bytes.Cut(b.ProtocolHeaderBytes(), []byte("\n"))
	f := strings.Fields(string(line))
	if len(f) < 2 || !strings.HasPrefix(f[0], "HTTP/") {
		return 0
	}
	c, err := strconv.Atoi(f[1])
	if err != nil {
		return 0
	}
	return c
}

// readRequestHeader reads the headers of the request record at e.
func (im *importer) readRequestHeader(e entry) (http.Header, error) {
	src := im.srcs[e.src]
	r, err := newReader(io.NewSectionReader(src.R, e.offset, e.size), 0, readerOpts()...)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	rec, err := r.Next()
	if err != nil {
		return nil, err
	}
	defer rec.Close()
	b, ok := rec.WarcRecord.Block().(gowarc.HttpRequestBlock)
	if !ok {
		return nil, fmt.Errorf("offset %d: not an HTTP request", e.offset)
	}
	_, h := parseHead(b.ProtocolHeaderBytes())
	return h, nil
}
