package warc

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/google/uuid"
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
	// Revisit is set on a revisit's metadata: the archive records only the
	// last fetch that found the version's content (its last_checked).
	Revisit string `json:"revisit,omitempty"`
	// Extraction and Fetch are the version's recorded provenance.
	Extraction json.RawMessage `json:"extraction,omitempty"`
	Redirects  json.RawMessage `json:"redirects,omitempty"`
	Article    json.RawMessage `json:"article"`
}

// indexEntry is one response or revisit record, for a CDXJ index.
type indexEntry struct {
	URL, Digest, Mime string
	Date              time.Time
	Status            int
	Offset, Length    int64
	Revisit           bool
	Title, Text       string // of the article (WACZ pages)
}

// writer writes records, each gzipped on its own, and counts offsets.
type writer struct {
	w     *countWriter
	gz    *gzip.Writer
	opts  []gowarc.WarcRecordOption
	mar   gowarc.Marshaler
	info  string // warcinfo record id
	stats Stats
	onIdx func(indexEntry)
}

type countWriter struct {
	w *bufio.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func newWriter(w io.Writer) *writer {
	gz, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return &writer{
		w:  &countWriter{w: bufio.NewWriterSize(w, 1<<20)},
		gz: gz,
		opts: []gowarc.WarcRecordOption{
			gowarc.WithDefaultDigestAlgorithm("sha1"),
			gowarc.WithAddMissingDigest(true),
			gowarc.WithBufferMaxMemBytes(64 << 20),
		},
		mar: gowarc.NewMarshaler(),
	}
}

// field is one WARC header field.
type field struct{ name, value string }

// record builds and writes one record; it returns the record (closed) and
// its offset and compressed length.
func (x *writer) record(t gowarc.RecordType, id string, date time.Time, fields []field, block ...[]byte) (gowarc.WarcRecord, int64, int64, error) {
	b := gowarc.NewRecordBuilder(t, x.opts...)
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
			return nil, 0, 0, err
		}
	}
	rec, _, err := b.Build()
	if err != nil {
		return nil, 0, 0, fmt.Errorf("warc: build %s record: %w", t, err)
	}
	defer rec.Close()
	off := x.w.n
	x.gz.Reset(x.w)
	if _, _, err := x.mar.Marshal(x.gz, rec, 0); err != nil {
		return nil, 0, 0, err
	}
	if err := x.gz.Close(); err != nil {
		return nil, 0, 0, err
	}
	x.stats.Records++
	return rec, off, x.w.n - off, nil
}

// warcinfo writes the file's first record.
func (x *writer) warcinfo(o Options, now time.Time) error {
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
	rec, _, _, err := x.record(gowarc.Warcinfo, "", now, []field{
		{gowarc.WarcFilename, o.Filename},
		{gowarc.ContentType, gowarc.ApplicationWarcFields},
	}, []byte(b.String()))
	if err != nil {
		return err
	}
	x.info = strings.Trim(rec.WarcHeader().Get(gowarc.WarcRecordID), "<>")
	return nil
}

// newID is a record id: a UUID URN.
func newID() string { return uuid.New().URN() }

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

func write(st *store.Store, w io.Writer, o Options, onIdx func(indexEntry)) (Stats, error) {
	x := newWriter(w)
	x.onIdx = onIdx
	if err := x.warcinfo(o, time.Now().UTC()); err != nil {
		return x.stats, err
	}
	so := o.ScanOptions
	so.WithKey = false
	err := st.ScanJSON(so, func(d store.Doc) error {
		c, err := st.CaptureOf(d.Key, d.Version)
		if err != nil {
			return err
		}
		if err := x.capture(d, c); err != nil {
			return fmt.Errorf("%s version %d: %w", d.Key, d.Version, err)
		}
		if o.Progress != nil {
			o.Progress(x.stats)
		}
		return nil
	})
	if err != nil {
		return x.stats, fmt.Errorf("warc export: %w", err)
	}
	if err := x.w.w.Flush(); err != nil {
		return x.stats, fmt.Errorf("warc export: %w", err)
	}
	return x.stats, nil
}

// capture writes one version: request, response, metadata, and for the
// latest version a revisit when the archive checked it again later.
func (x *writer) capture(d store.Doc, c store.Capture) error {
	var df docFields
	if err := json.Unmarshal(d.JSON, &df); err != nil {
		return err
	}
	target := df.URL
	if c.Provenance.Fetch != nil && c.Provenance.Fetch.FinalURL != "" {
		target = c.Provenance.Fetch.FinalURL
	}
	if target == "" {
		target = d.Key
	}
	md := Metadata{Key: d.Key, Version: d.Version, Headers: "recorded", Article: d.JSON}
	if ex, err := json.Marshal(c.Provenance.Extraction); err == nil && string(ex) != "{}" {
		md.Extraction = ex
	}
	if f := c.Provenance.Fetch; f != nil && len(f.Redirects) > 0 {
		md.Redirects, _ = json.Marshal(f.Redirects)
	}
	x.stats.Captures++
	if c.Raw == nil {
		x.stats.NoRaw++
		md.Body, md.Headers = "none", "none"
		_, err := x.metadata(target, c.FetchedAt, "", md)
		return err
	}
	head := buildResponseHead(c.Provenance, c.Status, len(c.Raw))
	if head.Reconstructed {
		md.Headers = "reconstructed"
		x.stats.Reconstructed++
	}
	md.Decoded = head.Decoded
	ip := ""
	if f := c.Provenance.Fetch; f != nil && f.RemoteAddr != "" {
		if h, _, err := net.SplitHostPort(f.RemoteAddr); err == nil {
			ip = h
		}
	}
	rid, qid := newID(), newID()
	if _, _, _, err := x.record(gowarc.Request, qid, c.FetchedAt, []field{
		{gowarc.WarcTargetURI, target},
		{gowarc.WarcConcurrentTo, "<" + rid + ">"},
		{gowarc.ContentType, "application/http;msgtype=request"},
	}, requestHead(target, c.Provenance)); err != nil {
		return err
	}
	resp, off, n, err := x.record(gowarc.Response, rid, c.FetchedAt, []field{
		{gowarc.WarcTargetURI, target},
		{gowarc.WarcIPAddress, ip},
		{gowarc.WarcConcurrentTo, "<" + qid + ">"},
		{gowarc.ContentType, "application/http;msgtype=response"},
	}, head.head, c.Raw)
	if err != nil {
		return err
	}
	rid = resp.WarcHeader().Get(gowarc.WarcRecordID)
	digest := resp.WarcHeader().Get(gowarc.WarcPayloadDigest)
	if x.onIdx != nil {
		x.onIdx(indexEntry{URL: target, Digest: digest, Mime: mimeOf(resp), Date: c.FetchedAt, Status: c.Status,
			Offset: off, Length: n, Title: df.Title, Text: df.Text})
	}
	if _, err := x.metadata(target, c.FetchedAt, rid, md); err != nil {
		return err
	}
	if d.Latest && c.LastChecked.After(c.FetchedAt) {
		return x.revisit(target, c, rid, digest)
	}
	return nil
}

func (x *writer) metadata(target string, at time.Time, refersTo string, md Metadata) (gowarc.WarcRecord, error) {
	js, err := json.Marshal(md)
	if err != nil {
		return nil, err
	}
	rec, _, _, err := x.record(gowarc.Metadata, "", at, []field{
		{gowarc.WarcTargetURI, target},
		{gowarc.WarcRefersTo, refersTo},
		{gowarc.WarcConcurrentTo, refersTo},
		{gowarc.ContentType, metadataType},
	}, js, []byte("\r\n"))
	return rec, err
}

// revisit writes the version's last revalidation (the article's
// last_checked): a revisit of its response, with no block of its own.
func (x *writer) revisit(target string, c store.Capture, rid, digest string) error {
	_, off, n, err := x.record(gowarc.Revisit, "", c.LastChecked, []field{
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
	if x.onIdx != nil {
		x.onIdx(indexEntry{URL: target, Digest: digest, Mime: "warc/revisit", Date: c.LastChecked, Status: c.Status,
			Offset: off, Length: n, Revisit: true})
	}
	return nil
}

// mimeOf is the media type of a response record's payload.
func mimeOf(rec gowarc.WarcRecord) string {
	if b, ok := rec.Block().(gowarc.HttpResponseBlock); ok && b.HttpHeader() != nil {
		ct := b.HttpHeader().Get("Content-Type")
		if i := strings.IndexByte(ct, ';'); i >= 0 {
			ct = ct[:i]
		}
		return strings.TrimSpace(strings.ToLower(ct))
	}
	return "unk"
}
