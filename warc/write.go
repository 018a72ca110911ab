package warc

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"newsarchive/capture"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
	gowarc "github.com/nlnwa/gowarc/v3"

	"newsarchive/store"
)

// Options select what Write exports and describe the export.
type Options struct {
	store.ScanOptions
	// Software names the writer in the warcinfo record
	// ("newsarchive/0.1 (extractor 2026.12-1)").
	Software string
	// Job describes the export in the warcinfo record (the archive, the
	// filters).
	Job string
	// Filename is the WARC-Filename of the warcinfo record.
	Filename string
	// Progress, when set, is called after each capture written.
	Progress func(Stats)
}

// Stats counts what Write wrote.
type Stats struct {
	Captures      int // versions written (request, response, metadata)
	Revisits      int // revalidations written as revisit records
	Redirects     int // redirect hops written as request and response pairs
	Records       int // WARC records in all, warcinfo included
	NoRaw         int // versions without a stored body: metadata record only
	Reconstructed int // captures whose headers were not recorded
}

// Record types newsarchive writes, and the profile of its revisits.
const (
	metadataType   = "application/json"
	revisitProfile = gowarc.ProfileServerNotModifiedV1_1
)

// Metadata is the block of the metadata record written with each capture
// (application/json): the archive's reading of the response it refers to.
type Metadata struct {
	Key     string `json:"key"`
	Version int    `json:"version"`
	// Headers is "recorded" when the response's headers are as received,
	// "reconstructed" when none were recorded (versions archived before
	// provenance, or imported) and the response record's were made up.
	Headers string `json:"headers"`
	// Decoded names the content coding the body was stored decoded from;
	// the response record masks Content-Encoding and fixes Content-Length.
	Decoded string `json:"decoded,omitempty"`
	// Body is "none" when no body was stored (a version imported from
	// JSON): there is no response record.
	Body string `json:"body,omitempty"`
	// Extraction is the version's recorded extraction (capture.Extraction),
	// Redirects the hops before the response (capture.Redirect).
	Extraction json.RawMessage `json:"extraction,omitempty"`
	Redirects  json.RawMessage `json:"redirects,omitempty"`
	// Article is the archived article JSON of the version, as export
	// writes it (archive fields included).
	Article json.RawMessage `json:"article"`
}

// indexEntry is one response or revisit record, for a CDXJ index.
type indexEntry struct {
	URL, Digest, Mime string
	Date              time.Time
	Status            int
	Offset, Length    int64
	Revisit           bool
	Redirect          bool   // a hop on the way to a capture: indexed, not a page
	Title, Text       string // of the article (WACZ pages)
}

// writer builds records, each gzipped on its own, into buf: one per
// worker, so that captures are built on every CPU and written in order.
type writer struct {
	buf     *bytes.Buffer
	gz      *gzip.Writer
	zw      copyWriter // gz, as gowarc's marshaler copies the block into it
	opts    []gowarc.WarcRecordOption
	mar     gowarc.Marshaler
	info    string // warcinfo record id
	stats   Stats
	idx     []indexEntry // offsets within buf
	wantIdx bool
}

func newWriter(info string, wantIdx bool) *writer {
	gz, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return &writer{
		buf:  new(bytes.Buffer),
		gz:   gz,
		zw:   copyWriter{w: gz, buf: make([]byte, 32<<10)},
		info: info,
		// Block digests are gowarc's, payload digests ours (sha1, base32);
		// the strict reading in the tests checks every one.
		opts: []gowarc.WarcRecordOption{
			gowarc.WithDefaultDigestAlgorithm("sha1"),
			gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
			gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
			gowarc.WithSkipParseBlock(), // the block is written, not read
			nil,                         // the block's size: see record
		},
		mar:     gowarc.NewMarshaler(),
		wantIdx: wantIdx,
	}
}

// field is one WARC header field.
type field struct{ name, value string }

// sha1Digest is a WARC digest of the concatenated parts.
func sha1Digest(parts ...[]byte) string {
	h := sha1.New()
	for _, p := range parts {
		h.Write(p)
	}
	return "sha1:" + base32.StdEncoding.EncodeToString(h.Sum(nil))
}

// record builds one record and appends it, gzipped, to buf; it returns
// its offset in buf and its compressed length.
func (x *writer) record(t gowarc.RecordType, id string, date time.Time, fields []field, block ...[]byte) (int64, int64, error) {
	size := 0
	for _, p := range block {
		size += len(p)
	}
	// gowarc buffers the block in memory up to the limit given (16 KiB at
	// first, however small the block, then grown by appending). The block's
	// own size as the limit makes a small record's buffer small and never
	// spills to disk: the block is exactly that long.
	x.opts[len(x.opts)-1] = gowarc.WithBufferMaxMemBytes(int64(max(size, 1)))
	b := newBuilder(t, x.opts...)
	if id == "" {
		id = newID()
	}
	b.AddWarcHeader(gowarc.WarcRecordID, "<"+id+">")
	b.AddWarcHeaderTime(gowarc.WarcDate, date)
	if x.info != "" {
		b.AddWarcHeader(gowarc.WarcWarcinfoID, "<"+x.info+">")
	}
	for _, f := range fields {
		if f.value != "" {
			b.AddWarcHeader(f.name, f.value)
		}
	}
	for _, p := range block {
		if _, err := b.Write(p); err != nil {
			return 0, 0, err
		}
	}
	rec, _, err := b.Build()
	if err != nil {
		return 0, 0, fmt.Errorf("warc: build %s record: %w", t, err)
	}
	defer rec.Close()
	// gowarc hashes the block as it reads it; reading it once here puts
	// the digest in the header, and the write reads the buffer again.
	rec.WarcHeader().Set(gowarc.WarcBlockDigest, rec.Block().BlockDigest())
	off := int64(x.buf.Len())
	x.gz.Reset(x.buf)
	if _, _, err := x.mar.Marshal(&x.zw, rec, 0); err != nil {
		return 0, 0, err
	}
	if err := x.gz.Close(); err != nil {
		return 0, 0, err
	}
	x.stats.Records++
	return off, int64(x.buf.Len()) - off, nil
}

// warcinfo writes the file's first record.
func (x *writer) warcinfo(o Options, now time.Time) error {
	info := x.info
	x.info = "" // the warcinfo record does not refer to itself
	defer func() { x.info = info }()
	var b strings.Builder
	sw := o.Software
	if sw == "" {
		sw = "newsarchive"
	}
	fmt.Fprintf(&b, "software: %s\r\nformat: WARC File Format 1.1\r\n", sw)
	b.WriteString("conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n")
	if o.Job != "" {
		fmt.Fprintf(&b, "isPartOf: %s\r\n", oneLine(o.Job))
	}
	b.WriteString("description: articles archived by newsarchive; each capture is a request, a response (body as received) and a metadata record (application/json) with the extracted article and its version number\r\n")
	_, _, err := x.record(gowarc.Warcinfo, info, now, []field{
		{gowarc.WarcFilename, o.Filename},
		{gowarc.ContentType, gowarc.ApplicationWarcFields},
	}, []byte(b.String()))
	return err
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// docFields are the parts of an exported article JSON the WARC needs.
type docFields struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Write streams the selected versions of st to w as a WARC/1.1 file, each
// record gzipped on its own. On error the output is incomplete; write to a
// temporary file and rename it only on success.
func Write(st *store.Store, w io.Writer, o Options) (Stats, error) {
	return write(st, w, o, nil)
}

// capture writes one version: request, response, metadata, and for the
// latest version a revisit when the archive checked it again later.
func (x *writer) capture(d store.Doc, c store.Capture) error {
	var df docFields
	target := ""
	if c.Provenance.Fetch != nil {
		target = c.Provenance.Fetch.FinalURL
	}
	if target == "" || x.wantIdx {
		if err := json.Unmarshal(d.JSON, &df); err != nil {
			return err
		}
	}
	if target == "" {
		target = df.URL
	}
	if target == "" {
		target = d.Key
	}
	md := metadata{key: d.Key, version: d.Version, headers: "recorded", article: d.JSON, prov: c.Provenance}
	x.stats.Captures++
	if c.Raw == nil {
		x.stats.NoRaw++
		md.body, md.headers = "none", "none"
		return x.metadata(target, c.FetchedAt, "", md)
	}
	head := buildResponseHead(c.Provenance, c.Status, len(c.Raw))
	if head.Reconstructed {
		md.headers = "reconstructed"
		x.stats.Reconstructed++
	}
	md.decoded = head.Decoded
	ip := ""
	if f := c.Provenance.Fetch; f != nil && f.RemoteAddr != "" {
		if h, _, err := net.SplitHostPort(f.RemoteAddr); err == nil {
			ip = h
		}
	}
	if err := x.redirects(c); err != nil {
		return err
	}
	ex, err := x.exchange(target, ip, c.FetchedAt, requestHead(target, c.Provenance), head.head, c.Raw)
	if err != nil {
		return err
	}
	if x.wantIdx {
		x.idx = append(x.idx, indexEntry{URL: target, Digest: ex.digest, Mime: head.mime, Date: c.FetchedAt, Status: c.Status,
			Offset: ex.off, Length: ex.n, Title: df.Title, Text: df.Text})
	}
	if err := x.metadata(target, c.FetchedAt, "<"+ex.rid+">", md); err != nil {
		return err
	}
	if d.Latest && c.LastChecked.After(c.FetchedAt) {
		return x.revisit(target, c, "<"+ex.rid+">", ex.digest)
	}
	return nil
}

// redirects writes each redirect hop of a capture as its own request and
// response pair, before the capture, so that replay tools (pywb,
// ReplayWeb.page) follow the redirect from the URL that was asked for.
// The crawler keeps only a hop's status line and Location, and sent the
// same request headers on every hop; all hops carry the capture's time.
func (x *writer) redirects(c store.Capture) error {
	f := c.Provenance.Fetch
	if f == nil {
		return nil
	}
	for _, hop := range f.Redirects {
		if hop.URL == "" || hop.StatusLine == "" {
			continue
		}
		head := oneLine(hop.StatusLine) + "\r\n"
		if hop.Location != "" {
			head += "Location: " + oneLine(hop.Location) + "\r\n"
		}
		head += "Content-Length: 0\r\n\r\n"
		ex, err := x.exchange(hop.URL, "", c.FetchedAt, requestHead(hop.URL, c.Provenance), []byte(head))
		if err != nil {
			return err
		}
		x.stats.Redirects++
		if x.wantIdx {
			x.idx = append(x.idx, indexEntry{URL: hop.URL, Digest: ex.digest, Mime: "unk", Date: c.FetchedAt,
				Status: lineStatus(hop.StatusLine), Offset: ex.off, Length: ex.n, Redirect: true})
		}
	}
	return nil
}

// exchanged is one request and response pair as written: the response's
// record id, payload digest, and offset and length in the buffer.
type exchanged struct {
	rid, digest string
	off, n      int64
}

// exchange writes a request record and its response record, each naming
// the other in WARC-Concurrent-To; the response's payload is body (its
// block is head then body).
func (x *writer) exchange(target, ip string, at time.Time, req, head []byte, body ...[]byte) (exchanged, error) {
	rid, qid := newID(), newID()
	if _, _, err := x.record(gowarc.Request, qid, at, []field{
		{gowarc.WarcTargetURI, target},
		{gowarc.WarcConcurrentTo, "<" + rid + ">"},
		{gowarc.ContentType, "application/http;msgtype=request"},
		{gowarc.WarcPayloadDigest, sha1Digest()},
	}, req); err != nil {
		return exchanged{}, err
	}
	digest := sha1Digest(body...)
	off, n, err := x.record(gowarc.Response, rid, at, []field{
		{gowarc.WarcTargetURI, target},
		{gowarc.WarcIPAddress, ip},
		{gowarc.WarcConcurrentTo, "<" + qid + ">"},
		{gowarc.ContentType, "application/http;msgtype=response"},
		{gowarc.WarcPayloadDigest, digest},
	}, append([][]byte{head}, body...)...)
	if err != nil {
		return exchanged{}, err
	}
	return exchanged{rid: rid, digest: digest, off: off, n: n}, nil
}

// lineStatus reads the code of a status line ("HTTP/1.1 301 Moved"), 0 if
// it has none.
func lineStatus(line string) int {
	parts := strings.Fields(line)
	if len(parts) < 2 {
		return 0
	}
	n, err := strconv.Atoi(parts[1])
	if err != nil {
		return 0
	}
	return n
}

// metadata is what the metadata record of a capture says (see Metadata).
type metadata struct {
	key                    string
	version                int
	headers, decoded, body string
	article                []byte
	prov                   capture.Provenance
}

// encode writes md as Metadata's JSON; the article goes in as it is.
func (md metadata) encode() ([]byte, error) {
	head := Metadata{Key: md.key, Version: md.version, Headers: md.headers, Decoded: md.decoded, Body: md.body}
	if md.prov.Extraction != (capture.Extraction{}) {
		head.Extraction, _ = json.Marshal(md.prov.Extraction)
	}
	if f := md.prov.Fetch; f != nil && len(f.Redirects) > 0 {
		head.Redirects, _ = json.Marshal(f.Redirects)
	}
	head.Article = json.RawMessage("null")
	js, err := json.Marshal(head)
	if err != nil {
		return nil, err
	}
	// Replace the placeholder: the article JSON is the store's, already
	// compact, and re-encoding it would cost more than the record.
	js = bytes.TrimSuffix(js, []byte(`null}`))
	out := make([]byte, 0, len(js)+len(md.article)+3)
	out = append(out, js...)
	out = append(out, md.article...)
	return append(out, "}\r\n"...), nil
}

func (x *writer) metadata(target string, at time.Time, refersTo string, md metadata) error {
	js, err := md.encode()
	if err != nil {
		return err
	}
	_, _, err = x.record(gowarc.Metadata, "", at, []field{
		{gowarc.WarcTargetURI, target},
		{gowarc.WarcRefersTo, refersTo},
		{gowarc.WarcConcurrentTo, refersTo},
		{gowarc.ContentType, metadataType},
	}, js)
	return err
}

// revisit writes the version's last revalidation (the article's
// last_checked): a revisit of its response, with no block of its own.
func (x *writer) revisit(target string, c store.Capture, rid, digest string) error {
	off, n, err := x.record(gowarc.Revisit, "", c.LastChecked, []field{
		{gowarc.WarcTargetURI, target},
		{gowarc.WarcRefersTo, rid},
		{gowarc.WarcRefersToTargetURI, target},
		{gowarc.WarcRefersToDate, c.FetchedAt.Format(time.RFC3339)},
		{gowarc.WarcProfile, revisitProfile},
		{gowarc.WarcPayloadDigest, digest},
	})
	if err != nil {
		return err
	}
	x.stats.Revisits++
	if x.wantIdx {
		x.idx = append(x.idx, indexEntry{URL: target, Digest: digest, Mime: "warc/revisit", Date: c.LastChecked, Status: c.Status,
			Offset: off, Length: n, Revisit: true})
	}
	return nil
}

// copyWriter is w with a ReadFrom that copies through buf: io.Copy,
// which gowarc's marshaler calls with the block, would otherwise allocate
// a 32 KiB buffer for each record.
type copyWriter struct {
	w   io.Writer
	buf []byte
}

func (c *copyWriter) Write(p []byte) (int, error) { return c.w.Write(p) }

func (c *copyWriter) ReadFrom(r io.Reader) (int64, error) {
	return io.CopyBuffer(struct{ io.Writer }{c.w}, struct{ io.Reader }{r}, c.buf)
}

// countWriter counts the bytes written through it (record offsets).
type countWriter struct {
	w *bufio.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
