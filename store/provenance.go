package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
	"newsarchive/capture"
)

// encodeProv is the prov bucket's value: zstd(JSON provenance); nil for a
// provenance that knows nothing (no entry is stored: absent is unknown).
func encodeProv(p capture.Provenance) []byte {
	if p.Fetch == nil && p.Extraction == (capture.Extraction{}) {
		return nil
	}
	js, err := json.Marshal(p)
	if err != nil {
		return nil
	}
	return compress(js)
}

func decodeProv(v []byte) (capture.Provenance, error) {
	var p capture.Provenance
	js, err := decompress(v, len(v)*4)
	if err != nil {
		return p, err
	}
	if err := json.Unmarshal(js, &p); err != nil {
		return p, fmt.Errorf("store: corrupt provenance: %w", err)
	}
	return p, nil
}

// provTx returns version vid's provenance (zero when none is stored).
func provTx(tx *bolt.Tx, vid uint64) (capture.Provenance, error) {
	b := bucket(tx, bProv)
	if b == nil {
		return capture.Provenance{}, nil
	}
	v := b.Get(u64(vid))
	if v == nil {
		return capture.Provenance{}, nil
	}
	return decodeProv(v)
}

func putProvTx(tx *bolt.Tx, vid uint64, z []byte) error {
	if z == nil {
		return tx.Bucket(bProv).Delete(u64(vid))
	}
	return appendOnly(tx.Bucket(bProv)).Put(u64(vid), z)
}

// original record (original bucket, keyed by version id): a version's
// first extraction, kept when a later extractor refreshed the version in
// place.
//
//	[0:32]   content hash
//	[32:34]  length n of the extraction JSON
//	[34:34+n] extraction JSON (capture.Extraction)
//	[34+n:]  zstd(article JSON), as it was in the version record
type original struct {
	Hash       [32]byte
	Extraction capture.Extraction
	Doc        []byte // compressed article JSON
}

func (o *original) encode() []byte {
	ex, _ := json.Marshal(o.Extraction)
	b := make([]byte, 34, 34+len(ex)+len(o.Doc))
	copy(b, o.Hash[:])
	binary.BigEndian.PutUint16(b[32:34], uint16(len(ex)))
	b = append(b, ex...)
	return append(b, o.Doc...)
}

// decodeOriginal parses an original record; Doc aliases v.
func decodeOriginal(v []byte) (original, error) {
	var o original
	if len(v) < 34 {
		return o, fmt.Errorf("store: corrupt original extraction (%d bytes)", len(v))
	}
	n := int(binary.BigEndian.Uint16(v[32:34]))
	if len(v) < 34+n {
		return o, fmt.Errorf("store: corrupt original extraction (%d bytes)", len(v))
	}
	copy(o.Hash[:], v[:32])
	if err := json.Unmarshal(v[34:34+n], &o.Extraction); err != nil {
		return o, fmt.Errorf("store: corrupt original extraction: %w", err)
	}
	o.Doc = v[34+n:]
	return o, nil
}

// dictDoc returns the article JSON a raw body's dictionary version vid was
// compressed against: the version's original extraction when it was
// refreshed since, else its current one. It never changes while the
// version exists, so the bodies stay decodable through refreshes.
func dictDoc(tx *bolt.Tx, vid uint64) ([]byte, error) {
	if b := bucket(tx, bOriginal); b != nil {
		if v := b.Get(u64(vid)); v != nil {
			o, err := decodeOriginal(v)
			if err != nil {
				return nil, err
			}
			return decompress(o.Doc, len(o.Doc)*3)
		}
	}
	rv := bucket(tx, bVersions).Get(u64(vid))
	if rv == nil {
		return nil, fmt.Errorf("dictionary version %d missing", vid)
	}
	rec, err := decodeVer(rv)
	if err != nil {
		return nil, err
	}
	return decompress(rec.Doc, len(rec.Doc)*3)
}

// refresh is a new reading of a stored version's capture.
type refresh struct {
	hash       [32]byte
	doc        []byte // compressed article JSON
	title      string // for the article record, when it is the latest
	published  string
	extraction capture.Extraction
}

// newRefresh prepares a re-read article for refreshTx (CPU work, outside
// the writer).
func newRefresh(a *article.Article, ex capture.Extraction) (*refresh, error) {
	js, err := marshalArticle(a)
	if err != nil {
		return nil, err
	}
	h, _ := hashBytes(article.ContentHash(a))
	return &refresh{hash: h, doc: compress(js), title: a.Title, published: a.PublishedAt, extraction: ex}, nil
}

// refreshTx replaces version vid's derived fields (article, content hash,
// extraction) in place. Number, fetched_at, status, raw body and fetch
// provenance stay; the first extraction is kept in the original bucket
// (once: later refreshes keep the very first). It reports whether anything
// changed.
func refreshTx(tx *bolt.Tx, vid uint64, r *refresh) (bool, error) {
	vb := tx.Bucket(bVersions)
	v := vb.Get(u64(vid))
	if v == nil {
		return false, fmt.Errorf("version id %d missing", vid)
	}
	rec, err := decodeVer(v)
	if err != nil {
		return false, err
	}
	prov, err := provTx(tx, vid)
	if err != nil {
		return false, err
	}
	if rec.Hash == r.hash && prov.Extraction == r.extraction && sameDoc(rec.Doc, r.doc) {
		return false, nil
	}
	ob := tx.Bucket(bOriginal)
	if ob.Get(u64(vid)) == nil {
		o := original{Hash: rec.Hash, Extraction: prov.Extraction, Doc: rec.Doc}
		if err := ob.Put(u64(vid), o.encode()); err != nil { // encode copies Doc
			return false, err
		}
	}
	rec.Hash, rec.Doc = r.hash, r.doc
	if err := vb.Put(u64(vid), rec.encode()); err != nil {
		return false, err
	}
	prov.Extraction = r.extraction
	return true, putProvTx(tx, vid, encodeProv(prov))
}

// sameDoc compares two compressed article JSONs by content.
func sameDoc(a, b []byte) bool {
	if string(a) == string(b) {
		return true
	}
	x, err1 := decompress(a, len(a)*3)
	y, err2 := decompress(b, len(b)*3)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

// dropProvTx removes version vid's provenance and original extraction
// (when the version is deleted).
func dropProvTx(tx *bolt.Tx, vid uint64) error {
	if err := tx.Bucket(bProv).Delete(u64(vid)); err != nil {
		return err
	}
	return tx.Bucket(bOriginal).Delete(u64(vid))
}

// viewVersion runs fn in a read transaction on version n of key (or of
// the article known under that URL; n = 0: the latest).
func (s *Store) viewVersion(key string, n int, fn func(tx *bolt.Tx, m meta, vid uint64, rec verRec) error) error {
	return s.view(func(tx *bolt.Tx) error {
		k, m, err := lookup(tx, key)
		if err != nil {
			return err
		}
		if n == 0 {
			n = m.Latest
		}
		vid, err := versionID(tx, k, n)
		if err != nil {
			return err
		}
		rec, err := versionRec(tx, k, n)
		if err != nil {
			return err
		}
		return fn(tx, m, vid, rec)
	})
}

// Provenance returns what is known of version n of key (n = 0: the
// latest) and whether it was refreshed in place since it was archived.
func (s *Store) Provenance(key string, n int) (capture.Provenance, bool, error) {
	var p capture.Provenance
	refreshed := false
	err := s.viewVersion(key, n, func(tx *bolt.Tx, _ meta, vid uint64, _ verRec) error {
		var err error
		if p, err = provTx(tx, vid); err != nil {
			return err
		}
		if b := bucket(tx, bOriginal); b != nil {
			refreshed = b.Get(u64(vid)) != nil
		}
		return nil
	})
	return p, refreshed, err
}

// Original returns version n of key (n = 0: the latest) as it was first
// extracted, with archive fields (its content hash then) and the
// extraction that made it. A version never refreshed is returned as it is.
func (s *Store) Original(key string, n int) ([]byte, capture.Extraction, error) {
	var out []byte
	var ex capture.Extraction
	err := s.viewVersion(key, n, func(tx *bolt.Tx, m meta, vid uint64, rec verRec) error {
		if b := bucket(tx, bOriginal); b != nil {
			if v := b.Get(u64(vid)); v != nil {
				o, err := decodeOriginal(v)
				if err != nil {
					return err
				}
				rec.Hash, rec.Doc, ex = o.Hash, o.Doc, o.Extraction
				return withDoc(m, rec, &out)
			}
		}
		p, err := provTx(tx, vid)
		if err != nil {
			return err
		}
		ex = p.Extraction
		return withDoc(m, rec, &out)
	})
	return out, ex, err
}

// withDoc sets *out to rec's article JSON with archive fields.
func withDoc(m meta, rec verRec, out *[]byte) error {
	doc, err := decompress(rec.Doc, len(rec.Doc)*3)
	if err != nil {
		return err
	}
	*out = withArchive(doc, archiveOf(m, rec), "")
	return nil
}

// versionID returns the id of version n of key.
func versionID(tx *bolt.Tx, key string, n int) (uint64, error) {
	idv := bucket(tx, bVIndex).Get(versionKey(key, n))
	if len(idv) != 8 {
		return 0, fmt.Errorf("%s version %d: %w", key, n, ErrNotFound)
	}
	return binary.BigEndian.Uint64(idv), nil
}

// versionProvenance fills in the provenance of the version with id idv.
func versionProvenance(tx *bolt.Tx, idv []byte, info *VersionInfo) error {
	if len(idv) != 8 {
		return nil
	}
	vid := binary.BigEndian.Uint64(idv)
	p, err := provTx(tx, vid)
	if err != nil {
		return err
	}
	info.Provenance = p
	if b := bucket(tx, bOriginal); b != nil {
		info.Refreshed = b.Get(idv) != nil
	}
	return nil
}

// withProvenance appends a "provenance" member holding the decompressed
// provenance z to the JSON object doc.
func withProvenance(doc, z []byte) ([]byte, error) {
	js, err := decompress(z, len(z)*4)
	if err != nil {
		return nil, err
	}
	out := append(doc[:len(doc)-1], `,"provenance":`...)
	out = append(out, js...)
	return append(out, '}'), nil
}
