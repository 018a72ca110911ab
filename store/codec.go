package store

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/klauspost/compress/zstd"

	"newsarchive/article"
)

// Bucket names (see doc.go for the layout).
var (
	bMeta     = []byte("articles")
	bVersions = []byte("versions")
	bAliases  = []byte("aliases")
	bTime     = []byte("bytime")
	bRaw      = []byte("raw")
	bRawRefs  = []byte("rawrefs")
	bRuns     = []byte("runs")
	bCrawl    = []byte("crawl")
	bInfo     = []byte("info")
)

var topBuckets = [][]byte{bMeta, bVersions, bAliases, bTime, bRaw, bRawRefs, bRuns, bCrawl, bInfo}

// schemaVersion is written to info/schema so that a later layout change can
// recognise (and migrate) an old archive instead of misreading it.
const schemaVersion = "1"

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
	var m meta
	if err := json.Unmarshal(v, &m); err != nil {
		return m, fmt.Errorf("store: corrupt article record: %w", err)
	}
	return m, nil
}

func (m *meta) encode() []byte {
	b, _ := json.Marshal(m)
	return b
}

// version record: a fixed binary header, then the zstd-compressed article
// JSON (without archive fields). Binary because export reads one per
// article and must not parse more than it writes.
//
//	[0]      format (1)
//	[1:9]    fetched_at, unix seconds, big endian
//	[9:11]   http status
//	[11:43]  content hash (SHA-256)
//	[43:75]  raw body SHA-256, all zero when the version has no raw body
//	[75:]    zstd(article JSON)
const (
	verFormat    = 1
	verHeaderLen = 75
)

type verRec struct {
	FetchedAt int64
	Status    int
	Hash      [32]byte
	RawSHA    [32]byte // zero: no raw body stored (imported versions)
	Doc       []byte   // compressed article JSON
}

func (r *verRec) hasRaw() bool { return r.RawSHA != [32]byte{} }

func (r *verRec) encode() []byte {
	b := make([]byte, verHeaderLen+len(r.Doc))
	b[0] = verFormat
	binary.BigEndian.PutUint64(b[1:9], uint64(r.FetchedAt))
	binary.BigEndian.PutUint16(b[9:11], uint16(r.Status))
	copy(b[11:43], r.Hash[:])
	copy(b[43:75], r.RawSHA[:])
	copy(b[75:], r.Doc)
	return b
}

// decodeVer parses a version record. Doc aliases v: callers inside a
// transaction must decompress (which copies) before the transaction ends.
func decodeVer(v []byte) (verRec, error) {
	var r verRec
	if len(v) < verHeaderLen || v[0] != verFormat {
		return r, fmt.Errorf("store: corrupt version record (%d bytes)", len(v))
	}
	r.FetchedAt = int64(binary.BigEndian.Uint64(v[1:9]))
	r.Status = int(binary.BigEndian.Uint16(v[9:11]))
	copy(r.Hash[:], v[11:43])
	copy(r.RawSHA[:], v[43:75])
	r.Doc = v[75:]
	return r, nil
}

// versionKey is key + 0x00 + big-endian version, so that one article's
// versions are adjacent and ordered. URLs never contain a NUL byte.
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

// timeKey is fetched_at (8 bytes, big endian unix seconds) + key + 0x00 +
// version, so that a range of fetch times is one cursor walk.
func timeKey(at int64, key string, n int) []byte {
	b := make([]byte, 8+len(key)+5)
	binary.BigEndian.PutUint64(b, uint64(at))
	copy(b[8:], versionKey(key, n))
	return b
}

func splitTimeKey(k []byte) (int64, string, int, bool) {
	if len(k) < 13 {
		return 0, "", 0, false
	}
	key, n, ok := splitVersionKey(k[8:])
	return int64(binary.BigEndian.Uint64(k[:8])), key, n, ok
}

// rawRefKey is raw SHA-256 + versionKey: which versions use a raw body, so
// that pruning can tell when a body is no longer needed.
func rawRefKey(sha [32]byte, key string, n int) []byte {
	return append(append([]byte{}, sha[:]...), versionKey(key, n)...)
}

// raw blob value: uncompressed length (8 bytes, big endian) + zstd(raw).
// The length lets stats report the raw HTML held without decompressing.
func encodeRaw(raw []byte) []byte {
	b := make([]byte, 8, 8+len(raw)/3)
	binary.BigEndian.PutUint64(b, uint64(len(raw)))
	return encoder().EncodeAll(raw, b)
}

func rawLen(v []byte) int64 {
	if len(v) < 8 {
		return 0
	}
	return int64(binary.BigEndian.Uint64(v[:8]))
}

func decodeRaw(v []byte) ([]byte, error) {
	if len(v) < 8 {
		return nil, fmt.Errorf("store: corrupt raw body record")
	}
	return decompress(v[8:], int(rawLen(v)))
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
	zEnc, err = zstd.NewWriter(nil,
		zstd.WithEncoderLevel(zstd.SpeedDefault),
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
// transaction.
func decompress(b []byte, sizeHint int) ([]byte, error) {
	zOnce.Do(initZstd)
	out, err := zDec.DecodeAll(b, make([]byte, 0, sizeHint))
	if err != nil {
		return nil, fmt.Errorf("store: corrupt compressed record: %w", err)
	}
	return out, nil
}

// marshalArticle encodes a without archive fields, HTML not escaped (the
// html field is mostly markup), no trailing newline. withArchive appends
// the archive fields to exactly this form.
func marshalArticle(a *article.Article) ([]byte, error) {
	c := *a
	c.Archive = article.Archive{}
	c.Normalize()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&c); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}

// withArchive appends the archive fields to an article JSON object produced
// by marshalArticle, giving byte for byte what encoding/json writes for the
// article with those fields set (Archive is the struct's last, embedded
// field and every archive field is omitempty). extra, if not empty, is
// appended as more members (e.g. `"key":"…"`).
func withArchive(doc []byte, a article.Archive, extra string) []byte {
	out := make([]byte, 0, len(doc)+200)
	out = append(out, doc[:len(doc)-1]...)
	if a.Version != 0 {
		out = append(out, `,"version":`...)
		out = strconv.AppendInt(out, int64(a.Version), 10)
	}
	str := func(name, v string) {
		if v != "" {
			out = append(out, `,"`...)
			out = append(out, name...)
			out = append(out, `":`...)
			out = strconv.AppendQuote(out, v) // timestamps and hex: no escaping differences
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
	out = append(out, extra...)
	return append(out, '}')
}

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

func archiveOf(m meta, n int, r verRec) article.Archive {
	return article.Archive{
		Version:     n,
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
