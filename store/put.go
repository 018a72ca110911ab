package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"runtime"
	"time"

	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
	"newsarchive/urlnorm"
)

// prepared is a snapshot with the CPU work done in the caller's goroutine
// (hashing, JSON, compression), so that the writer goroutine only touches
// bbolt.
type prepared struct {
	key, url  string
	hash      [32]byte
	doc       []byte // compressed article JSON
	docJSON   []byte // the JSON itself: the raw body's dictionary
	title     string
	published string
	status    int
	at        int64
	raw       []byte // uncompressed raw body, kept for a late compression
	rawSHA    [32]byte
	rawZ      []byte // encodeRaw(raw); nil until needed
	hasRaw    bool
	prov      []byte    // encodeProv(snapshot's provenance); nil: none
	base      *baseline // the latest version re-read by this snapshot's extractor

	// import / reextract controls
	firstSeen, lastChecked int64 // merged into the article record if set
	wantVersion            int   // keep this version number if free (import)
	force                  bool  // add a version even when the hash equals an older one

	outbox OutboxFunc // notifications written with a new version (outbox.go)
}

// prepare does a snapshot's CPU work. With compare (Put, PutMany) it also
// re-reads the latest version when another extractor made it (baseline.go).
func (s *Store) prepare(snap Snapshot, compare bool) (*prepared, error) {
	if snap.Article == nil {
		return nil, fmt.Errorf("%w: no article", ErrInvalid)
	}
	key, u := snap.Key, snap.URL
	if key == "" {
		key = u
	}
	if key == "" {
		key = snap.Article.URL
	}
	nk, err := urlnorm.Normalize(key)
	if err != nil {
		return nil, fmt.Errorf("%w: key: %w", ErrInvalid, err)
	}
	p := &prepared{key: nk, status: snap.Status, outbox: snap.Outbox}
	if u != "" {
		if nu, err := urlnorm.Normalize(u); err == nil {
			p.url = nu
		}
	}
	at := snap.FetchedAt
	if at.IsZero() {
		at = time.Now()
	}
	p.at = at.Unix()
	h, _ := hashBytes(article.ContentHash(snap.Article))
	p.hash = h
	p.title, p.published = snap.Article.Title, snap.Article.PublishedAt
	js, err := marshalArticle(snap.Article)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	p.doc = compress(js)
	p.docJSON = js
	if s.opts.noRawDict {
		p.docJSON = nil
	}
	p.prov = encodeProv(snap.Provenance)
	if compare {
		p.base = s.baseline(p, snap)
	}
	if len(snap.Raw) > 0 {
		p.hasRaw = true
		p.raw = snap.Raw
		p.rawSHA = sha256.Sum256(snap.Raw)
		// Compress now (in parallel with other callers) unless the body
		// is already stored or the content is unchanged, in which case
		// no version (and no body) is written.
		if !s.rawOrSameKnown(p) {
			p.rawZ = encodeRaw(snap.Raw, p.rawSHA, p.docJSON)
		}
	}
	return p, nil
}

// rawOrSameKnown is a cheap read-only look: is the raw body already stored,
// or is the content hash the article's latest? Only a hint; the writer
// decides and compresses late when the hint was wrong.
func (s *Store) rawOrSameKnown(p *prepared) bool {
	known := false
	s.view(func(tx *bolt.Tx) error {
		if b := bucket(tx, bRawSHA); b != nil && b.Get(p.rawSHA[:]) != nil {
			known = true
			return nil
		}
		if b := bucket(tx, bMeta); b != nil {
			if v := b.Get([]byte(p.key)); v != nil {
				if m, err := decodeMeta(v); err == nil && m.Hash == hex.EncodeToString(p.hash[:]) {
					known = true
				}
				if p.base != nil && p.base.r.hash == p.hash {
					known = true
				}
			}
		}
		return nil
	})
	return known
}

// Put archives one snapshot. It is safe for concurrent use; concurrent puts
// are committed together (group commit), and Put returns once its snapshot is
// durable. A snapshot whose content hash equals the latest version's only
// updates last_checked (and records its URL as an alias).
func (s *Store) Put(ctx context.Context, snap Snapshot) (PutResult, error) {
	if err := ctx.Err(); err != nil {
		return PutResult{}, err
	}
	if s.w == nil {
		return PutResult{}, fmt.Errorf("store: opened read-only")
	}
	sent := s.w.announce()
	defer sent()
	p, err := s.prepare(snap, true)
	if err != nil {
		return PutResult{}, err
	}
	var res PutResult
	err = s.w.do(func(tx *bolt.Tx) error {
		r, err := s.putTx(tx, p)
		res = r
		return err
	}, sent)
	if err != nil {
		return PutResult{}, fmt.Errorf("store: put %s: %w", p.key, err)
	}
	return res, nil
}

// PutMany archives many snapshots in one transaction. Preparation
// (hashing, JSON, compression) runs on every CPU while the writer already
// applies the snapshots prepared so far, in order, so the two overlap.
// Snapshots are applied in order, so several of one key chain up.
func (s *Store) PutMany(ctx context.Context, snaps []Snapshot) ([]PutResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if s.w == nil {
		return nil, fmt.Errorf("store: opened read-only")
	}
	ps := make([]*prepared, len(snaps))
	errs := make([]error, len(snaps))
	ready := make([]chan struct{}, len(snaps))
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	next := make(chan int, len(snaps))
	for i := range snaps {
		next <- i
	}
	close(next)
	stop := make(chan struct{})
	defer close(stop)
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for i := range next {
				select {
				case <-stop:
					return
				default:
				}
				ps[i], errs[i] = s.prepare(snaps[i], true)
				close(ready[i])
			}
		}()
	}
	res := make([]PutResult, len(ps))
	err := s.update(func(tx *bolt.Tx) error {
		for i := range ps {
			<-ready[i]
			if errs[i] != nil {
				return fmt.Errorf("snapshot %d: %w", i, errs[i])
			}
			r, err := s.putTx(tx, ps[i])
			if err != nil {
				return fmt.Errorf("put %s: %w", ps[i].key, err)
			}
			res[i] = r
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return res, nil
}

// putTx applies one prepared snapshot inside the writer's transaction.
func (s *Store) putTx(tx *bolt.Tx, p *prepared) (PutResult, error) {
	metas := tx.Bucket(bMeta)
	var m meta
	exists := false
	if v := metas.Get([]byte(p.key)); v != nil {
		var err error
		if m, err = decodeMeta(v); err != nil {
			return PutResult{}, err
		}
		exists = true
	}
	if err := putAliases(tx, p.key, p.url); err != nil {
		return PutResult{}, err
	}
	hash := hex.EncodeToString(p.hash[:])
	mergeTimes(&m, p)
	reread := false
	if exists && p.base != nil {
		var err error
		if reread, err = applyBaseline(tx, p, &m); err != nil {
			return PutResult{}, err
		}
	}
	if exists && m.Hash == hash && !p.force {
		if p.at > m.LastChecked {
			m.LastChecked = p.at
		}
		return PutResult{Outcome: Unchanged, Key: p.key, Version: m.Latest, Reread: reread}, metas.Put([]byte(p.key), m.encode())
	}
	outcome := Changed
	n := m.Latest + 1
	if !exists {
		outcome = New
		m.FirstSeen = p.at
		if p.firstSeen != 0 {
			m.FirstSeen = p.firstSeen
		}
		if p.wantVersion > 0 {
			n = p.wantVersion
		}
		m.Oldest = n
	} else if p.wantVersion > n {
		n = p.wantVersion
	}
	if err := addVersion(tx, p, n); err != nil {
		return PutResult{}, err
	}
	m.Latest, m.Hash, m.Title, m.PublishedAt = n, hash, p.title, p.published
	m.Count++
	if p.at > m.LastChecked {
		m.LastChecked = p.at
	}
	if s.opts.KeepVersions > 0 {
		if err := pruneTx(tx, p.key, &m, s.opts.KeepVersions); err != nil {
			return PutResult{}, err
		}
	}
	res := PutResult{Outcome: outcome, Key: p.key, Version: n, Reread: reread}
	if reread {
		res.Previous = p.base.a
	}
	if err := writeOutbox(tx, p.outbox, res, p.at); err != nil {
		return PutResult{}, err
	}
	return res, metas.Put([]byte(p.key), m.encode())
}

// mergeTimes folds an imported record's first_seen/last_checked into m.
func mergeTimes(m *meta, p *prepared) {
	if p.firstSeen != 0 && (m.FirstSeen == 0 || p.firstSeen < m.FirstSeen) {
		m.FirstSeen = p.firstSeen
	}
	if p.lastChecked > m.LastChecked {
		m.LastChecked = p.lastChecked
	}
}

// appendOnly marks a bucket whose keys only grow (sequence ids, times):
// bbolt then packs its pages full instead of half, as for random inserts.
func appendOnly(b *bolt.Bucket) *bolt.Bucket {
	b.FillPercent = 1.0
	return b
}

// addVersion writes version n of p.key: the record under a new version id,
// its vindex and time-index entries, and its raw body (once per SHA-256)
// with a reference.
func addVersion(tx *bolt.Tx, p *prepared, n int) error {
	versions := appendOnly(tx.Bucket(bVersions))
	vid, err := versions.NextSequence()
	if err != nil {
		return err
	}
	rec := verRec{FetchedAt: p.at, Status: p.status, Hash: p.hash, Num: n, Key: p.key, Doc: p.doc}
	if p.hasRaw {
		if rec.RawID, err = putRaw(tx, p, vid); err != nil {
			return err
		}
		if err := appendOnly(tx.Bucket(bRawRefs)).Put(rawRefKey(rec.RawID, vid), present); err != nil {
			return err
		}
	}
	if err := versions.Put(u64(vid), rec.encode()); err != nil {
		return err
	}
	if p.prov != nil {
		if err := putProvTx(tx, vid, p.prov); err != nil {
			return err
		}
	}
	if err := tx.Bucket(bVIndex).Put(versionKey(p.key, n), u64(vid)); err != nil {
		return err
	}
	return appendOnly(tx.Bucket(bTime)).Put(timeKey(p.at, vid), present)
}

// putRaw returns the id of p's raw body, storing it if it is new with
// version vid's JSON as its dictionary.
func putRaw(tx *bolt.Tx, p *prepared, vid uint64) (uint64, error) {
	shas := tx.Bucket(bRawSHA)
	if v := shas.Get(p.rawSHA[:]); len(v) == 8 {
		return binary.BigEndian.Uint64(v), nil
	}
	if p.raw == nil && p.rawZ == nil {
		return 0, fmt.Errorf("raw body %x is not stored", p.rawSHA[:6])
	}
	raws := appendOnly(tx.Bucket(bRaw))
	rid, err := raws.NextSequence()
	if err != nil {
		return 0, err
	}
	z := p.rawZ
	if z == nil {
		z = encodeRaw(p.raw, p.rawSHA, p.docJSON)
	}
	if len(p.docJSON) > 0 {
		setRawDict(z, vid)
	}
	if err := raws.Put(u64(rid), z); err != nil {
		return 0, err
	}
	return rid, shas.Put(p.rawSHA[:], u64(rid))
}

// putAliases maps the key to itself and the fetch URL to the key. A URL
// that is itself another article's key keeps pointing there, so that a
// page whose canonical link moved cannot hide an archived article.
func putAliases(tx *bolt.Tx, key, u string) error {
	al := tx.Bucket(bAliases)
	if string(al.Get([]byte(key))) != key {
		if err := al.Put([]byte(key), []byte(key)); err != nil {
			return err
		}
	}
	if u == "" || u == key {
		return nil
	}
	if cur := al.Get([]byte(u)); string(cur) == key || (cur != nil && string(cur) == u) {
		return nil
	}
	return al.Put([]byte(u), []byte(key))
}

// pruneTx deletes the oldest versions of key beyond keep, never the latest.
func pruneTx(tx *bolt.Tx, key string, m *meta, keep int) error {
	if keep < 1 {
		keep = 1
	}
	for m.Count > keep && m.Oldest < m.Latest {
		if err := deleteVersion(tx, key, m.Oldest); err != nil {
			return err
		}
		m.Oldest++
		m.Count--
		// Skip numbers that were never stored (an import may start a key
		// at a later version).
		for m.Oldest < m.Latest && tx.Bucket(bVIndex).Get(versionKey(key, m.Oldest)) == nil {
			m.Oldest++
		}
	}
	return nil
}

// deleteVersion removes one version with its index entries, its raw
// reference and, when no other version uses it, its raw body.
func deleteVersion(tx *bolt.Tx, key string, n int) error {
	vi := tx.Bucket(bVIndex)
	vk := versionKey(key, n)
	idv := vi.Get(vk)
	if len(idv) != 8 {
		return nil
	}
	vid := binary.BigEndian.Uint64(idv)
	vb := tx.Bucket(bVersions)
	if v := vb.Get(idv); v != nil {
		rec, err := decodeVer(v)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bTime).Delete(timeKey(rec.FetchedAt, vid)); err != nil {
			return err
		}
		if rec.hasRaw() {
			if err := unrefRaw(tx, rec.RawID, vid); err != nil {
				return err
			}
		}
		// After unrefRaw: the body may still need vid's original
		// extraction as its dictionary to be re-encoded.
		if err := dropProvTx(tx, vid); err != nil {
			return err
		}
		if err := vb.Delete(u64(vid)); err != nil {
			return err
		}
	}
	return vi.Delete(vk)
}

// unrefRaw drops version vid's reference to raw body rid and the body
// itself when that was the last one. When vid was the body's dictionary,
// the body is re-encoded against the next version that uses it (doc is
// vid's article JSON, still readable in this transaction).
func unrefRaw(tx *bolt.Tx, rid, vid uint64) error {
	refs := tx.Bucket(bRawRefs)
	if err := refs.Delete(rawRefKey(rid, vid)); err != nil {
		return err
	}
	prefix := u64(rid)
	raws := tx.Bucket(bRaw)
	v := raws.Get(prefix)
	if k, _ := refs.Cursor().Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) {
		if v == nil || rawDict(v) != vid {
			return nil
		}
		heir := binary.BigEndian.Uint64(k[8:])
		raw, sha, err := loadRaw(tx, rid) // still decodable: vid's record exists
		if err != nil {
			return err
		}
		dict, err := dictDoc(tx, heir)
		if err != nil {
			return fmt.Errorf("raw body %d: %w", rid, err)
		}
		z := encodeRaw(raw, sha, dict)
		setRawDict(z, heir)
		return raws.Put(prefix, z)
	}
	if v != nil {
		sha := rawSHA(v)
		if err := tx.Bucket(bRawSHA).Delete(sha[:]); err != nil {
			return err
		}
	}
	return raws.Delete(prefix)
}

// Touch records a check of url that found it unchanged without content
// (an HTTP 304): last_checked of the article known under url is updated.
// ErrNotFound if no article is known under url.
func (s *Store) Touch(ctx context.Context, url string, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	nu, err := urlnorm.Normalize(url)
	if err != nil {
		return fmt.Errorf("store: touch: %w", err)
	}
	if at.IsZero() {
		at = time.Now()
	}
	return s.update(func(tx *bolt.Tx) error {
		key := tx.Bucket(bAliases).Get([]byte(nu))
		if key == nil {
			return fmt.Errorf("store: touch %s: %w", nu, ErrNotFound)
		}
		metas := tx.Bucket(bMeta)
		v := metas.Get(key)
		if v == nil {
			return fmt.Errorf("store: touch %s: %w", nu, ErrNotFound)
		}
		m, err := decodeMeta(v)
		if err != nil {
			return err
		}
		if at.Unix() > m.LastChecked {
			m.LastChecked = at.Unix()
		}
		return metas.Put(append([]byte{}, key...), m.encode())
	})
}
