package warc

// Reading one record of the second pass, at the offset the first found.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"

	gowarc "github.com/nlnwa/gowarc/v3"

	"newsarchive/capture"
	"newsarchive/store"
)

// recordReader reads single records at known offsets. Each worker keeps
// one, so that gowarc's unmarshaler (with its gzip reader) and the read
// buffer serve record after record instead of being made for each.
type recordReader struct {
	u   gowarc.Unmarshaler // responses: checked, block buffered
	uq  gowarc.Unmarshaler // requests: only their head is read
	br  *bufio.Reader
	def *defects
}

func newRecordReader(def *defects) *recordReader {
	uuidMu.Lock()
	defer uuidMu.Unlock()
	// Syntax findings were reported by the first pass. The spec policy
	// stays above ignore: it checks the record, and has the block buffered
	// (to disk past 1 MiB) before the reader moves past it.
	u := gowarc.NewUnmarshaler(
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
	)
	// A request's head is read as gowarc parses the block; its body (none,
	// for a GET) is skipped unread.
	uq := gowarc.NewUnmarshaler(
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
	)
	return &recordReader{u: u, uq: uq, br: bufio.NewReaderSize(nil, 64<<10), def: def}
}

// read parses the record in r, its own bytes (as in the WARC, or inflated
// in the spill), found at off in src. It checks the record against the
// spec, which the first pass leaves to it: a finding that skips the
// record (a digest that does not match: the bytes are not what was
// captured) is an error, the others are noted.
func (rr *recordReader) read(src Source, off int64, r io.Reader) (gowarc.WarcRecord, error) {
	rr.br.Reset(r)
	rec, _, findings, err := rr.u.Unmarshal(rr.br)
	if err != nil {
		return nil, err
	}
	for _, f := range findings {
		var fe *gowarc.HeaderFieldError
		if errors.As(f, &fe) && fe.FieldName == gowarc.WarcTargetURI {
			continue // read as written by the first pass (angle brackets)
		}
		kind, skip := classify(f)
		if skip {
			rec.Close()
			return nil, skipped{kind, f}
		}
		rr.def.note(kind, src.Name, off, f.Error())
	}
	return rec, nil
}

// skipped is a finding that skips a record, of its kind of defect.
type skipped struct {
	kind string
	error
}

// outcome of reading one entry in the second pass.
type outcome struct {
	snap            *store.Snapshot
	ignored, notArt bool
	defect, detail  string
}

// extract reads an entry's response (a revisit's original) and extracts it.
func (im *importer) extract(rr *recordReader, e entry) outcome {
	at := e
	if e.revisit {
		if e.orig < 0 {
			return outcome{defect: defectNoOriginal, detail: e.url}
		}
		at = im.resp[e.orig]
	}
	resp, err := rr.response(im.srcs[at.src], at, im.bytesOf(at), im.o.MaxBody)
	if d := (skipped{}); errors.As(err, &d) {
		return outcome{defect: d.kind, detail: d.Error()}
	}
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
	hdr := resp.header // parsed for this record alone: no copy needed
	unmask(hdr)
	prov := capture.Provenance{
		Fetch:      &capture.Fetch{StatusLine: resp.statusLine, Header: hdr, FinalURL: at.url, RemoteAddr: resp.ip, Redirects: at.hops},
		Extraction: p.Extraction,
	}
	if e.req >= 0 {
		// The crawler records what it sent; its HTTP client adds Host.
		if rh, err := rr.requestHeader(im.bytesOf(im.reqs[e.req])); err == nil {
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

// bytesOf is the record of e: inflated from the spill, else its bytes in
// the WARC.
func (im *importer) bytesOf(e entry) io.Reader {
	if e.spillLen > 0 {
		return im.spill.at(e.spillOff, e.spillLen)
	}
	return io.NewSectionReader(im.srcs[e.src].R, e.offset, e.size)
}

// response reads the response record of e in r; a payload past 4 × max
// (a body that cannot decode within max) is cut there.
func (rr *recordReader) response(src Source, e entry, r io.Reader, max int64) (response, error) {
	rec, err := rr.read(src, e.offset, r)
	if err != nil {
		return response{}, err
	}
	defer rec.Close()
	b, ok := rec.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return response{}, fmt.Errorf("offset %d: not an HTTP response", e.offset)
	}
	pr, err := b.PayloadBytes()
	if err != nil {
		return response{}, err
	}
	head := b.ProtocolHeaderBytes()
	payload, err := readAll(io.LimitReader(pr, max*4+1), e.length-int64(len(head)), max*4)
	if err != nil {
		return response{}, err
	}
	line, h := parseHead(head)
	return response{
		statusLine: line,
		status:     statusOf(b),
		header:     h,
		payload:    payload,
		ip:         rec.WarcHeader().Get(gowarc.WarcIPAddress),
	}, nil
}

// readAll is io.ReadAll into one buffer of the size the record declares
// (when it is within limit), not one grown by doubling from 512 bytes.
func readAll(r io.Reader, size, limit int64) ([]byte, error) {
	if size < 0 || size > limit {
		size = 0
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

// requestHeader reads the headers of the request record in r. They are
// what was sent, kept as provenance: the record is not checked further.
func (rr *recordReader) requestHeader(r io.Reader) (http.Header, error) {
	rr.br.Reset(r)
	rec, _, _, err := rr.uq.Unmarshal(rr.br)
	if err != nil {
		return nil, err
	}
	defer rec.Close()
	b, ok := rec.Block().(gowarc.HttpRequestBlock)
	if !ok {
		return nil, errors.New("not an HTTP request")
	}
	_, h := parseHead(b.ProtocolHeaderBytes())
	return h, nil
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
