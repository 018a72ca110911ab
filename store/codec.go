package store

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
)

// Bucket names (see doc.go for the layout).
var (
	bMeta     = []byte("articles")
	bVersions = []byte("versions")
	bVIndex   = []byte("vindex")
	bRawSHA   = []byte("rawsha")
	bAliases  = []byte("aliases")
	bTime     = []byte("bytime")
	bRaw      = []byte("raw")
	bRawRefs  = []byte("rawrefs")
	bRuns     = []byte("runs")
	bCrawl    = []byte("crawl")
	bInfo     = []byte("info")
	bProv     = []byte("prov")
	bOriginal = []byte("original")
)

var topBuckets = [][]byte{bMeta, bVersions, bVIndex, bAliases, bTime, bRaw, bRawSHA, bRawRefs, bRuns, bCrawl, bInfo, bProv, bOriginal}

// schemaVersion is written to info/schema so that a later layout change can
// recognise (and migrate) an old archive instead of misreading it.
const schemaVersion = "3"

// meta is the per-article record in the articles bucket. It is JSON so that
// fields can be added without a migration; it is small and read by list.
type meta struct {
	FirstSeen   int64  `json:"fs"` // unix seconds
	LastChecked int64  `json:"lc"`
	Latest      int    `json:"v"` // latest version number
	Oldest      int    `json:"o"` // oldest version still stored (pruning)
	Hash        string `json:"h"` // content hash of the latest version
	Title       string `json:"t"` // of the latest version, for list
	PublishedAt string `json:"p"` // of the latest version, for list
	Count       int    `json:"n"` // versions stored (Latest-Oldest+1)
}

func decodeMeta(v []byte) (meta, error) {
	if m, ok := decodeMetaFast(v); ok {
		return m, nil
	}
	var m meta
	if err := json.Unmarshal(v, &m); err != nil {
		return m, fmt.Errorf("store: corrupt article record: %w", err)
	}
	return m, nil
}

// decodeMetaFast parses the record exactly as encode writes it, with
// plain strings (no escapes, valid UTF-8); ok is false for anything else,
// which decodeMeta then hands to encoding/json. List and export read one
// record per article.
func decodeMetaFast(v []byte) (m meta, ok bool) {
	p := v
	lit := func(s string) bool {
		if len(p) < len(s) || string(p[:len(s)]) != s {
			return false
		}
		p = p[len(s):]
		return true
	}
	num := func(name string) (int64, bool) {
		if !lit(name) {
			return 0, false
		}
		i := 0
		if i < len(p) && p[i] == '-' {
			i++
		}
		for i < len(p) && p[i] >= '0' && p[i] <= '9' {
			i++
		}
		n, err := strconv.ParseInt(string(p[:i]), 10, 64)
		if err != nil || (i > 1 && p[0] == '0') || (i > 2 && p[0] == '-' && p[1] == '0') {
			return 0, false
		}
		p = p[i:]
		return n, true
	}
	str := func(name string) (string, bool) {
		if !lit(name) || !lit(`"`) {
			return "", false
		}
		ascii := true
		for i, c := range p {
			switch {
			case c == '"':
				s := p[:i]
				if !ascii && !utf8.Valid(s) {
					return "", false
				}
				p = p[i+1:]
				return string(s), true
			case c == '\\' || c < 0x20:
				return "", false
			case c >= utf8.RuneSelf:
				ascii = false
			}
		}
		return "", false
	}
	var n [5]int64
	var ok1, ok2, ok3, ok4, ok5, ok6, ok7, ok8 bool
	n[0], ok1 = num(`{"fs":`)
	if !ok1 {
		return m, false
	}
	n[1], ok2 = num(`,"lc":`)
	n[2], ok3 = num(`,"v":`)
	n[3], ok4 = num(`,"o":`)
	m.Hash, ok5 = str(`,"h":`)
	m.Title, ok6 = str(`,"t":`)
	m.PublishedAt, ok7 = str(`,"p":`)
	n[4], ok8 = num(`,"n":`)
	if !(ok2 && ok3 && ok4 && ok5 && ok6 && ok7 && ok8) || string(p) != "}" {
		return meta{}, false
	}
	const maxInt = int64(^uint(0) >> 1)
	for _, x := range n[2:] {
		if x > maxInt || x < -maxInt-1 {
			return meta{}, false
		}
	}
	m.FirstSeen, m.LastChecked, m.Latest, m.Oldest, m.Count = n[0], n[1], int(n[2]), int(n[3]), int(n[4])
	return m, true
}

func (m *meta) encode() []byte {
	b, _ := json.Marshal(m)
	return b
}

// version record (versions bucket, keyed by a sequence number so that the
// big values are appended, never inserted between others): a fixed binary
// header, the key, then the zstd-compressed article JSON (without archive
// fields). Binary because export reads one per article and must not parse
// more than it writes.
//
//	[0]      format (2)
//	[1:9]    fetched_at, unix seconds, big endian
//	[9:11]   http status
//	[11:43]  content hash (SHA-256)
//	[43:51]  raw body id (raw bucket), 0 when the version has none
//	[51:55]  version number
//	[55:57]  key length
//	[57:]    key, then zstd(article JSON)
const (
	verFormat    = 2
	verHeaderLen = 57
)

type verRec struct {
	FetchedAt int64
	Status    int
	Hash      [32]byte
	RawID     uint64 // 0: no raw body stored (imported versions)
	Num       int
	Key       string
	Doc       []byte // compressed article JSON
}

func (r *verRec) hasRaw() bool { return r.RawID != 0 }

func (r *verRec) encode() []byte {
	b := make([]byte, verHeaderLen+len(r.Key)+len(r.Doc))
	b[0] = verFormat
	binary.BigEndian.PutUint64(b[1:9], uint64(r.FetchedAt))
	binary.BigEndian.PutUint16(b[9:11], uint16(r.Status))
	copy(b[11:43], r.Hash[:])
	binary.BigEndian.PutUint64(b[43:51], r.RawID)
	binary.BigEndian.PutUint32(b[51:55], uint32(r.Num))
	binary.BigEndian.PutUint16(b[55:57], uint16(len(r.Key)))
	copy(b[57:], r.Key)
	copy(b[57+len(r.Key):], r.Doc)
	return b
}

// decodeVer parses a version record. Doc aliases v: callers inside a
// transaction must decompress (which copies) before the transaction ends.
func decodeVer(v []byte) (verRec, error) {
	var r verRec
	if len(v) < verHeaderLen || v[0] != verFormat {
		return r, fmt.Errorf("store: corrupt version record (%d bytes)", len(v))
	}
	kl := int(binary.BigEndian.Uint16(v[55:57]))
	if len(v) < verHeaderLen+kl {
		return r, fmt.Errorf("store: corrupt version record (%d bytes)", len(v))
	}
	r.FetchedAt = int64(binary.BigEndian.Uint64(v[1:9]))
	r.Status = int(binary.BigEndian.Uint16(v[9:11]))
	copy(r.Hash[:], v[11:43])
	r.RawID = binary.BigEndian.Uint64(v[43:51])
	r.Num = int(binary.BigEndian.Uint32(v[51:55]))
	r.Key = string(v[57 : 57+kl])
	r.Doc = v[57+kl:]
	return r, nil
}

// versionKey (vindex bucket) is key + 0x00 + big-endian version number, so
// that one article's versions are adjacent and ordered. URLs never contain
// a NUL byte.
func versionKey(key string, n int) []byte {
	b := make([]byte, len(key)+5)
	copy(b, key)
	b[len(key)] = 0
	binary.BigEndian.PutUint32(b[len(key)+1:], uint32(n))
	return b
}

func versionPrefix(key string) []byte { return append([]byte(key), 0) }

func splitVersionKey(k []byte) (string, int, bool) {
	if len(k) < 5 || k[len(k)-5] != 0 {
		return "", 0, false
	}
	return string(k[:len(k)-5]), int(binary.BigEndian.Uint32(k[len(k)-4:])), true
}

// timeKey (bytime bucket) is fetched_at (8 bytes, big endian unix seconds)
// + version id, so that a range of fetch times is one cursor walk.
func timeKey(at int64, vid uint64) []byte {
	b := make([]byte, 16)
	binary.BigEndian.PutUint64(b, uint64(at))
	binary.BigEndian.PutUint64(b[8:], vid)
	return b
}

func splitTimeKey(k []byte) (int64, uint64, bool) {
	if len(k) != 16 {
		return 0, 0, false
	}
	return int64(binary.BigEndian.Uint64(k[:8])), binary.BigEndian.Uint64(k[8:]), true
}

// rawRefKey (rawrefs bucket) is raw id + version id: which versions use a
// raw body, so that pruning can tell when a body is no longer needed.
func rawRefKey(rid, vid uint64) []byte {
	b := make([]byte, 16)
	binary.BigEndian.PutUint64(b, rid)
	binary.BigEndian.PutUint64(b[8:], vid)
	return b
}

// raw blob value (raw bucket, keyed by a sequence id):
//
//	[0:8]    uncompressed length (lets stats report the HTML held cheaply)
//	[8:40]   SHA-256 of the body
//	[40:48]  dictionary version id: the body is compressed with that
//	         version's article JSON as a zstd raw dictionary (0: none)
//	[48:]    zstd(body)
//
// The article text appears in both the page and its article JSON, so
// compressing the page against the JSON stores the text once: raw bodies
// shrink by about a quarter. The dictionary version is always one that uses
// the body; pruning it re-encodes the body against another (unrefRaw).
const rawHeaderLen = 48

// rawDictID is the zstd dictionary id written in raw frames; the
// dictionary itself is named by the blob header.
const rawDictID = 1

var encPool = sync.Pool{New: func() any {
	e, err := zstd.NewWriter(nil, zstd.WithEncoderCRC(false), zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		panic(err)
	}
	return e
}}

var decPool = sync.Pool{New: func() any {
	d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	if err != nil {
		panic(err)
	}
	return d
}}

// encodeRaw compresses raw against dict (the JSON of the version that will
// own the body; nil for none). The dictionary version id is filled in by
// setRawDict once the version has its id.
func encodeRaw(raw []byte, sha [32]byte, dict []byte) []byte {
	b := make([]byte, rawHeaderLen, rawHeaderLen+len(raw)/4)
	binary.BigEndian.PutUint64(b, uint64(len(raw)))
	copy(b[8:40], sha[:])
	if len(dict) == 0 {
		return encoder().EncodeAll(raw, b)
	}
	dict = dictTail(dict)
	e := encPool.Get().(*zstd.Encoder)
	defer encPool.Put(e)
	if len(raw) >= streamBlock {
		if err := e.ResetWithOptions(nil, zstd.WithEncoderDictRaw(rawDictID, dict)); err != nil {
			return encoder().EncodeAll(raw, b) // no dictionary then
		}
		return e.EncodeAll(raw, b)
	}
	// Through the encoder's stream API, not EncodeAll: ResetWithOptions
	// already loads the dictionary into the stream's block encoder (a
	// 256 KiB match table cleared, filled and copied), and EncodeAll would
	// load it again into another one. A stream of one block written at
	// Close is encoded exactly as EncodeAll encodes it (one frame with its
	// content size); longer bodies take the EncodeAll path above.
	w := appendWriter{b: b}
	if err := e.ResetWithOptions(&w, zstd.WithEncoderDictRaw(rawDictID, dict)); err != nil {
		return encoder().EncodeAll(raw, b) // no dictionary then
	}
	_, err := e.Write(raw)
	if err == nil {
		err = e.Close()
	}
	if err != nil {
		return encoder().EncodeAll(raw, b[:rawHeaderLen])
	}
	return w.b
}

// dictTail is the part of a version's article JSON that encodeRaw hands
// zstd as the dictionary: from the html member on (the body's markup and
// text, then the related links, images and tags), or from the text member
// when the html is empty, else all of it. A raw dictionary is history
// that ends where the body starts, so a frame encoded against a tail of
// the JSON decodes with the whole JSON as its dictionary, as every reader
// does: each match is the same distance back from the end. The encoder
// hashes every other position of its dictionary into a fresh table per
// body, and the text member repeats what the html holds, so leaving the
// head and the text out halves that work for about 0.6 % larger bodies.
func dictTail(dict []byte) []byte {
	// Inside a JSON string a quote is escaped, so these only match the
	// members themselves.
	for _, member := range []string{`,"html":"`, `,"text":"`} {
		i := bytes.Index(dict, []byte(member))
		if i >= 0 && i+len(member) < len(dict) && dict[i+len(member)] != '"' {
			return dict[i:]
		}
	}
	return dict
}

// streamBlock is the zstd encoder's block size: a body shorter than this is
// one block, which a stream encodes at Close exactly as EncodeAll does.
const streamBlock = 128 << 10

// appendWriter is an io.Writer appending to b.
type appendWriter struct{ b []byte }

func (w *appendWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

func setRawDict(v []byte, vid uint64) { binary.BigEndian.PutUint64(v[40:48], vid) }

func rawDict(v []byte) uint64 {
	if len(v) < rawHeaderLen {
		return 0
	}
	return binary.BigEndian.Uint64(v[40:48])
}

func rawLen(v []byte) int64 {
	if len(v) < rawHeaderLen {
		return 0
	}
	return int64(binary.BigEndian.Uint64(v[:8]))
}

func rawSHA(v []byte) (out [32]byte) {
	if len(v) >= rawHeaderLen {
		copy(out[:], v[8:40])
	}
	return out
}

// decodeRaw decompresses a raw blob; dict is the JSON of the version the
// header names (nil when it names none).
func decodeRaw(v, dict []byte) ([]byte, error) {
	if len(v) < rawHeaderLen {
		return nil, fmt.Errorf("store: corrupt raw body record")
	}
	if rawDict(v) == 0 {
		return decompress(v[rawHeaderLen:], int(rawLen(v)))
	}
	d := decPool.Get().(*zstd.Decoder)
	defer decPool.Put(d)
	if err := d.ResetWithOptions(nil, zstd.WithDecoderDictRaw(rawDictID, dict)); err != nil {
		return nil, fmt.Errorf("store: raw body dictionary: %w", err)
	}
	out, err := d.DecodeAll(v[rawHeaderLen:], make([]byte, 0, rawLen(v)))
	if err != nil {
		return nil, fmt.Errorf("store: corrupt raw body: %w", err)
	}
	return out, nil
}

// loadRaw reads and decompresses raw body rid inside tx.
func loadRaw(tx *bolt.Tx, rid uint64) ([]byte, [32]byte, error) {
	return loadRawWith(tx, rid, nil)
}

// loadRawWith is loadRaw, asking own (when set) for the dictionary first
// (see CaptureOfDoc).
func loadRawWith(tx *bolt.Tx, rid uint64, own func(tx *bolt.Tx, vid uint64) []byte) ([]byte, [32]byte, error) {
	v := bucket(tx, bRaw).Get(u64(rid))
	if v == nil {
		return nil, [32]byte{}, fmt.Errorf("raw body %d: %w", rid, ErrNotFound)
	}
	var dict []byte
	if dv := rawDict(v); dv != 0 {
		if own != nil {
			dict = own(tx, dv)
		}
		var err error
		if dict == nil {
			dict, err = dictDoc(tx, dv)
		}
		if err != nil {
			return nil, [32]byte{}, fmt.Errorf("raw body %d: %w", rid, err)
		}
	}
	raw, err := decodeRaw(v, dict)
	return raw, rawSHA(v), err
}

var (
	zOnce sync.Once
	zEnc  *zstd.Encoder
	zDec  *zstd.Decoder
)

func initZstd() {
	var err error
	// EncodeAll/DecodeAll are safe for concurrent use; one shared coder
	// each avoids re-allocating zstd's window per call.
	// No frame checksums: article JSON is checked by its content hash and
	// raw bodies by their SHA-256 (verify), and export decodes faster.
	zEnc, err = zstd.NewWriter(nil,
		zstd.WithEncoderCRC(false),
		zstd.WithEncoderLevel(zstd.SpeedFastest),
		zstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)))
	if err != nil {
		panic(err)
	}
	zDec, err = zstd.NewReader(nil, zstd.WithDecoderConcurrency(0))
	if err != nil {
		panic(err)
	}
}

func encoder() *zstd.Encoder { zOnce.Do(initZstd); return zEnc }

func compress(b []byte) []byte { return encoder().EncodeAll(b, make([]byte, 0, len(b)/3+64)) }

// decompress returns a fresh buffer, so it also copies data out of a bbolt
// transaction. sizeHint is used when the frame does not state its size.
func decompress(b []byte, sizeHint int) ([]byte, error) {
	return decompressExtra(b, sizeHint, 0)
}

// decompressExtra is decompress with room for extra bytes after the
// content, so that a caller appending to it does not copy it again.
func decompressExtra(b []byte, sizeHint, extra int) ([]byte, error) {
	zOnce.Do(initZstd)
	var h zstd.Header
	if h.Decode(b) == nil && h.HasFCS && h.FrameContentSize < 1<<30 {
		sizeHint = int(h.FrameContentSize)
	}
	out, err := zDec.DecodeAll(b, make([]byte, 0, sizeHint+extra))
	if err != nil {
		return nil, fmt.Errorf("store: corrupt compressed record: %w", err)
	}
	return out, nil
}

// marshalArticle encodes a without archive fields, HTML not escaped (the
// html field is mostly markup), no trailing newline: exactly what
// encoding/json writes for the normalised article with those settings.
// withArchive appends the archive fields to exactly this form.
func marshalArticle(a *article.Article) ([]byte, error) {
	if !articleLayoutKnown {
		return marshalArticleReflect(a)
	}
	// Text and HTML dominate; growing the buffer once saves copying them
	// through every doubling.
	n := len(a.URL) + len(a.CanonicalURL) + len(a.Title) + len(a.Source) + len(a.PublishedAt) +
		len(a.ModifiedAt) + len(a.Language) + len(a.Description) + len(a.Text) + len(a.HTML) + 512
	for _, r := range a.Related {
		n += len(r.URL) + len(r.Title) + len(r.PublishedAt) + 48
	}
	for _, im := range a.Images {
		n += len(im.URL) + len(im.Caption) + 32
	}
	for _, s := range a.Authors {
		n += len(s) + 4
	}
	for _, s := range a.Tags {
		n += len(s) + 4
	}
	// Escapes (\n between paragraphs) lengthen the text a little.
	return appendArticleJSON(make([]byte, 0, n+n/32), a), nil
}

// marshalArticleReflect is marshalArticle through encoding/json.
func marshalArticleReflect(a *article.Article) ([]byte, error) {
	c := *a
	c.Archive = article.Archive{}
	c.Normalize()
	var buf bytes.Buffer
	buf.Grow(len(c.Text) + len(c.HTML) + len(c.Description) + len(c.Title) + 100*len(c.Related) + 1024)
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&c); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}

// appendArticleJSON writes what encoding/json writes for a (normalised,
// archive fields cleared, HTML not escaped) without reflection: article
// JSON is most of a Put's encoding work. articleLayoutKnown guards it
// against fields added to article.Article later.
func appendArticleJSON(b []byte, a *article.Article) []byte {
	str := func(name, v string) {
		b = append(b, name...)
		b = appendJSONString(b, v)
	}
	strs := func(name string, vs []string) {
		b = append(b, name...)
		b = append(b, '[')
		for i, v := range vs {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, v)
		}
		b = append(b, ']')
	}
	str(`{"url":`, a.URL)
	str(`,"canonical_url":`, a.CanonicalURL)
	str(`,"title":`, a.Title)
	str(`,"source":`, a.Source)
	strs(`,"authors":`, a.Authors)
	str(`,"published_at":`, a.PublishedAt)
	str(`,"modified_at":`, a.ModifiedAt)
	str(`,"language":`, a.Language)
	str(`,"description":`, a.Description)
	str(`,"text":`, a.Text)
	str(`,"html":`, a.HTML)
	b = append(b, `,"related":[`...)
	for i, r := range a.Related {
		if i > 0 {
			b = append(b, ',')
		}
		str(`{"url":`, r.URL)
		str(`,"title":`, r.Title)
		if r.PublishedAt != "" {
			str(`,"published_at":`, r.PublishedAt)
		}
		b = append(b, '}')
	}
	b = append(b, `],"images":[`...)
	for i, im := range a.Images {
		if i > 0 {
			b = append(b, ',')
		}
		str(`{"url":`, im.URL)
		if im.Caption != "" {
			str(`,"caption":`, im.Caption)
		}
		b = append(b, '}')
	}
	b = append(b, ']')
	strs(`,"tags":`, a.Tags)
	if a.Views != 0 {
		b = append(b, `,"views":`...)
		b = strconv.AppendInt(b, a.Views, 10)
	}
	return append(b, '}')
}

// articleLayoutKnown reports whether article.Article (and the types in it)
// still have exactly the fields, types and JSON tags appendArticleJSON
// writes. When someone changes them, marshalArticle falls back to
// encoding/json instead of silently dropping a field.
var articleLayoutKnown = func() bool {
	const want = `Article{URL string "url";CanonicalURL string "canonical_url";Title string "title";` +
		`Source string "source";Authors []string "authors";PublishedAt string "published_at";` +
		`ModifiedAt string "modified_at";Language string "language";Description string "description";` +
		`Text string "text";HTML string "html";Related []article.Related "related";` +
		`Images []article.Image "images";Tags []string "tags";Views int64 "views,omitempty";` +
		`Archive article.Archive ""}` +
		`Related{URL string "url";Title string "title";PublishedAt string "published_at,omitempty"}` +
		`Image{URL string "url";Caption string "caption,omitempty"}` +
		`Archive{Version int "version,omitempty";FetchedAt string "fetched_at,omitempty";` +
		`ContentHash string "content_hash,omitempty";FirstSeen string "first_seen,omitempty";` +
		`LastChecked string "last_checked,omitempty";HTTPStatus int "http_status,omitempty"}`
	return structSignature(reflect.TypeFor[article.Article](), reflect.TypeFor[article.Related](),
		reflect.TypeFor[article.Image](), reflect.TypeFor[article.Archive]()) == want
}()

func structSignature(ts ...reflect.Type) string {
	var sb strings.Builder
	for _, t := range ts {
		sb.WriteString(t.Name() + "{")
		for i := range t.NumField() {
			f := t.Field(i)
			if i > 0 {
				sb.WriteByte(';')
			}
			fmt.Fprintf(&sb, "%s %s %q", f.Name, f.Type, f.Tag.Get("json"))
		}
		sb.WriteByte('}')
	}
	return sb.String()
}

// withArchive appends the archive fields to an article JSON object produced
// by marshalArticle, giving byte for byte what encoding/json writes for the
// article with those fields set (Archive is the struct's last, embedded
// field and every archive field is omitempty). key, if not empty, is added
// last as a "key" member. doc is reused (the result may share its memory).
func withArchive(doc []byte, a article.Archive, key string) []byte {
	out := doc[:len(doc)-1]
	if a.Version != 0 {
		out = append(out, `,"version":`...)
		out = strconv.AppendInt(out, int64(a.Version), 10)
	}
	str := func(name, v string) {
		if v != "" {
			out = append(out, `,"`...)
			out = append(out, name...)
			out = append(out, `":`...)
			out = appendJSONString(out, v)
		}
	}
	str("fetched_at", a.FetchedAt)
	str("content_hash", a.ContentHash)
	str("first_seen", a.FirstSeen)
	str("last_checked", a.LastChecked)
	if a.HTTPStatus != 0 {
		out = append(out, `,"http_status":`...)
		out = strconv.AppendInt(out, int64(a.HTTPStatus), 10)
	}
	str("key", key)
	return append(out, '}')
}

// appendJSONString appends s as a JSON string the way encoding/json does
// with HTML escaping off.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0 // s[start:i] is still to copy
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				// Text is mostly plain ASCII: skip it eight bytes at a
				// time (article JSON is about a tenth of a Put's CPU).
				for i+8 <= len(s) && safe8(load8(s, i)) {
					i += 8
				}
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\u202`...)
			dst = append(dst, hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// load8 is s[i:i+8] as a little-endian word (one load once compiled).
func load8(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// safe8 reports whether every byte of w is one jsonSafe marks: ASCII, not
// a control character, a quote or a backslash. (x - lo*n) &^ x has a
// byte's high bit set for some byte below n, when there is one (n <= 128).
func safe8(w uint64) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	q, b := w^(lo*'"'), w^(lo*'\\')
	return (w|(w-lo*0x20)&^w|(q-lo)&^q|(b-lo)&^b)&hi == 0
}

// jsonSafe marks the ASCII bytes a JSON string holds as they are.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// fmtTime formats unix seconds as RFC 3339 UTC; 0 is "".
func fmtTime(sec int64) string {
	if sec == 0 {
		return ""
	}
	return time.Unix(sec, 0).UTC().Format(time.RFC3339)
}

func parseTime(s string) int64 {
	if s == "" {
		return 0
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return 0
	}
	return t.Unix()
}

func hashBytes(h string) ([32]byte, error) {
	var out [32]byte
	b, err := hex.DecodeString(h)
	if err != nil || len(b) != 32 {
		return out, fmt.Errorf("store: bad content hash %q", h)
	}
	copy(out[:], b)
	return out, nil
}

func archiveOf(m meta, r verRec) article.Archive {
	return article.Archive{
		Version:     r.Num,
		FetchedAt:   fmtTime(r.FetchedAt),
		ContentHash: hex.EncodeToString(r.Hash[:]),
		FirstSeen:   fmtTime(m.FirstSeen),
		LastChecked: fmtTime(m.LastChecked),
		HTTPStatus:  r.Status,
	}
}

func u64(n uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, n)
	return b
}

// present is the value of set-like buckets (bytime, rawrefs, seen,
// visited). Not empty: bbolt's Get returns nil for an empty value written in
// the same transaction, which would read as "absent".
var present = []byte{1}
