package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"newsarchive/capture"
)

// ReextractStats counts what Reextract did.
type ReextractStats struct {
	Articles    int // articles with at least one raw capture
	Versions    int // versions re-read (those with raw HTML)
	Refreshed   int // versions whose stored reading changed
	HashChanged int // of those, versions whose content hash changed
	Unchanged   int // versions the extractor reads as they are stored
	NoRaw       int // versions without raw HTML (imported), left as they are
	Failed      int // re-readings that failed or found no article; left as they are
	// Identical lists the versions that have become identical (the same
	// content hash) to the version before them. They are kept: the site
	// did serve two captures; only their readings now agree.
	Identical []Identical
	// Undeclared lists the versions whose content changed although their
	// capture has no stored headers and no recorded charset (archived
	// before they were kept): their charset was decided again without the
	// HTTP header, which may have named it. Original has the first
	// reading.
	Undeclared []VersionRef
}

// Identical names a version whose content now equals its predecessor's.
type Identical struct {
	Key               string
	Version, Previous int
}

// VersionRef names one version.
type VersionRef struct {
	Key     string
	Version int
}

// Reextract re-reads the raw capture of every version with fn and
// refreshes each version's derived fields — article, content hash,
// extraction provenance — in place. Version numbers, fetched_at, status,
// raw bodies and fetch provenance stay as they are; no version is added or
// removed; the first extraction of each refreshed version stays
// retrievable (Original). Versions without raw HTML are left alone. A
// capture with no stored headers is decoded with the charset its last
// extraction decided, if known, else as it always was (BOM, <meta>,
// detection). fn runs outside any transaction.
func (s *Store) Reextract(ctx context.Context, fn ExtractFunc) (ReextractStats, error) {
	var st ReextractStats
	var keys []string
	flush := func() error {
		for _, k := range keys {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := s.reextractOne(k, fn, &st); err != nil {
				return err
			}
		}
		keys = keys[:0]
		return nil
	}
	err := s.chunked(bMeta, func(_ *bolt.Tx, k, _ []byte, out *[]func() error) error {
		keys = append(keys, string(k))
		if len(keys) == chunkSize {
			*out = append(*out, flush)
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	return st, err
}

// storedVersion is what reextract reads of one version before re-reading.
type storedVersion struct {
	n    int
	vid  uint64
	hash [32]byte
	rid  uint64
	prov capture.Provenance
	url  string
	at   time.Time // fetched_at
}

// readingKey groups versions whose re-reading is the same: one body,
// decoded the same way, under one URL.
type readingKey struct {
	rid     uint64
	ct, url string
}

func (s *Store) reextractOne(key string, fn ExtractFunc, st *ReextractStats) error {
	var vs []storedVersion
	err := s.view(func(tx *bolt.Tx) error {
		prefix := versionPrefix(key)
		vb := tx.Bucket(bVersions)
		c := tx.Bucket(bVIndex).Cursor()
		for k, idv := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, idv = c.Next() {
			if len(k) != len(prefix)+4 || len(idv) != 8 {
				continue
			}
			rec, err := decodeVer(vb.Get(idv))
			if err != nil {
				return err
			}
			vid := binary.BigEndian.Uint64(idv)
			v := storedVersion{n: rec.Num, vid: vid, hash: rec.Hash, rid: rec.RawID, at: time.Unix(rec.FetchedAt, 0).UTC()}
			if rec.hasRaw() {
				if v.prov, err = provTx(tx, vid); err != nil {
					return err
				}
				doc, err := decompress(rec.Doc, len(rec.Doc)*3)
				if err != nil {
					return err
				}
				v.url = docURL(doc, key)
			}
			vs = append(vs, v)
		}
		return nil
	})
	if err != nil {
		return err
	}
	readings := map[readingKey]*refresh{}
	todo := map[int]*refresh{} // version number → its new reading
	hasRaw := false
	for _, v := range vs {
		if v.rid == 0 {
			st.NoRaw++
			continue
		}
		hasRaw = true
		st.Versions++
		ct, from := v.prov.ContentType("")
		rk := readingKey{v.rid, ct, v.url}
		r, done := readings[rk]
		if !done {
			r = s.reread(fn, StoredCapture{Key: key, Version: v.n, URL: v.url, Provenance: v.prov, FetchedAt: v.at, ContentType: ct, ContentTypeFrom: from}, v.rid)
			readings[rk] = r
		}
		if r == nil {
			st.Failed++
			continue
		}
		todo[v.n] = r
	}
	if hasRaw {
		st.Articles++
	}
	if len(todo) == 0 {
		return nil
	}
	after := map[int][32]byte{}
	var undeclared []VersionRef
	err = s.update(func(tx *bolt.Tx) error {
		clear(after)
		undeclared = undeclared[:0]
		refreshed, changed := 0, 0
		k, m, err := lookup(tx, key)
		if err != nil {
			return err
		}
		for _, v := range vs {
			r := todo[v.n]
			after[v.n] = v.hash
			if r == nil {
				continue
			}
			// Only the version that was read, as it was read.
			if rec, err := versionRec(tx, k, v.n); err != nil || rec.Hash != v.hash {
				continue
			}
			if idv := tx.Bucket(bVIndex).Get(versionKey(k, v.n)); !bytes.Equal(idv, u64(v.vid)) {
				continue
			}
			ok, err := refreshTx(tx, v.vid, r)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			refreshed++
			after[v.n] = r.hash
			if r.hash != v.hash {
				changed++
				if _, from := v.prov.ContentType(""); from == "" {
					undeclared = append(undeclared, VersionRef{Key: key, Version: v.n})
				}
			}
			if v.n == m.Latest {
				m.Hash, m.Title, m.PublishedAt = hex.EncodeToString(r.hash[:]), r.title, r.published
			}
		}
		st.Refreshed += refreshed
		st.HashChanged += changed
		st.Unchanged += len(todo) - refreshed
		return tx.Bucket(bMeta).Put([]byte(k), m.encode())
	})
	if err != nil {
		return fmt.Errorf("store: reextract %s: %w", key, err)
	}
	st.Undeclared = append(st.Undeclared, undeclared...)
	for i := 1; i < len(vs); i++ {
		a, b := vs[i-1], vs[i]
		if after[a.n] == after[b.n] && a.hash != b.hash {
			st.Identical = append(st.Identical, Identical{Key: key, Version: b.n, Previous: a.n})
		}
	}
	return nil
}

// reread runs fn over raw body rid; nil when it failed or found no
// article.
func (s *Store) reread(fn ExtractFunc, c StoredCapture, rid uint64) *refresh {
	raw, _, err := s.rawByID(rid)
	if err != nil {
		return nil
	}
	c.Raw = raw
	a, ex, err := fn(c)
	if err != nil || a == nil {
		return nil
	}
	r, err := newRefresh(a, c.Provenance.Reading(ex, c.ContentType, c.ContentTypeFrom))
	if err != nil {
		return nil
	}
	return r
}

// rawByID returns a stored raw body and its SHA-256.
func (s *Store) rawByID(rid uint64) ([]byte, [32]byte, error) {
	var out []byte
	var sha [32]byte
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, sha, err = loadRaw(tx, rid)
		return err
	})
	return out, sha, err
}
