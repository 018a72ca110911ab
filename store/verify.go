package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
)

// VerifyReport is what Verify found.
type VerifyReport struct {
	Articles, Versions, Aliases, TimeEntries, RawBodies, RawRefs int
	Provenances, Originals                                       int
	// Pages counts the tree pages whose structure was checked.
	Pages int
	// Damaged is set when the file itself is damaged (pages overwritten or
	// missing), not only its records inconsistent.
	Damaged bool
	// Problems lists the inconsistencies found (at most maxProblems; Total
	// counts all of them).
	Problems []string
	Total    int
}

// OK reports whether no inconsistency was found.
func (r *VerifyReport) OK() bool { return r.Total == 0 }

const maxProblems = 200

func (r *VerifyReport) bad(format string, args ...any) {
	r.Total++
	if len(r.Problems) < maxProblems {
		r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
	}
}

// Verify checks the file's page structure (read from the file itself, so
// that a damaged page is reported with its number rather than met through
// bbolt's memory map; read-only stores only), then every bucket and index against the others in one
// read transaction (a consistent snapshot): each article's versions, its
// latest hash and counts; every version's time-index entry, raw reference,
// raw body and recomputed content hash; that every index entry, alias and
// raw reference points at something that exists; each raw body's SHA-256;
// and the crawl-state counters. A check that meets damage reports it and
// the others go on. It returns an error only when it could not read;
// inconsistencies and damage are in the report.
func (s *Store) Verify(ctx context.Context) (*VerifyReport, error) {
	r := &VerifyReport{}
	// A writable store's pages were walked when it was opened; a walk now
	// would race its own commits, which write outside any read
	// transaction.
	pages, err := 0, error(nil)
	if s.ReadOnly() {
		pages, err = checkPages(s.path, func(p string) { r.Damaged = true; r.bad("%s", p) })
	}
	var de *DamagedError
	switch {
	case errors.As(err, &de):
		r.Damaged = true
		r.bad("%s", de.Detail)
	case err != nil:
		return nil, fmt.Errorf("store: verify: %w", err)
	}
	r.Pages = pages
	err = s.view(func(tx *bolt.Tx) error {
		for _, name := range topBuckets {
			if tx.Bucket(name) == nil && !s.ReadOnly() {
				r.bad("bucket %s is missing", name)
			}
		}
		if tx.Bucket(bMeta) == nil {
			return nil // never written to
		}
		steps := []struct {
			name  string
			check func(*bolt.Tx, *VerifyReport) error
		}{
			{"articles", verifyArticles}, {"versions", verifyVersions}, {"time index", verifyTime},
			{"aliases", verifyAliases}, {"raw bodies", verifyRaw}, {"crawl state", verifyCrawl}, {"provenance", verifyProv},
		}
		for _, step := range steps {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := verifyStep(step.name, step.check, tx, r); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.As(err, &de) {
		r.Damaged = true
		r.bad("the bucket list cannot be read: %s", de.Detail)
		err = nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: verify: %w", err)
	}
	return r, nil
}

// verifyStep runs one check; a fault or bbolt panic on a damaged page
// (view makes faults panics) ends that check only, as a problem.
func verifyStep(name string, check func(*bolt.Tx, *VerifyReport) error, tx *bolt.Tx, r *VerifyReport) (err error) {
	defer func() {
		if p := recover(); p != nil {
			r.Damaged = true
			r.bad("%s: reading stopped at a damaged page: %v", name, p)
		}
	}()
	return check(tx, r)
}

// verifyArticles: each article record against its version index entries,
// versions and aliases.
func verifyArticles(tx *bolt.Tx, r *VerifyReport) error {
	vi, vb, al := tx.Bucket(bVIndex), tx.Bucket(bVersions), tx.Bucket(bAliases)
	return tx.Bucket(bMeta).ForEach(func(k, v []byte) error {
		r.Articles++
		key := string(k)
		m, err := decodeMeta(v)
		if err != nil {
			r.bad("article %s: %v", key, err)
			return nil
		}
		if string(al.Get(k)) != key {
			r.bad("article %s: no alias from its own key", key)
		}
		prefix := versionPrefix(key)
		var nums []int
		var latest *verRec
		c := vi.Cursor()
		for ck, idv := c.Seek(prefix); ck != nil && bytes.HasPrefix(ck, prefix); ck, idv = c.Next() {
			_, n, ok := splitVersionKey(ck)
			if !ok || len(ck) != len(prefix)+4 {
				continue
			}
			nums = append(nums, n)
			rv := vb.Get(idv)
			if rv == nil {
				r.bad("article %s version %d: record missing", key, n)
				continue
			}
			rec, err := decodeVer(rv)
			if err != nil {
				r.bad("article %s version %d: %v", key, n, err)
				continue
			}
			if rec.Key != key || rec.Num != n {
				r.bad("article %s version %d: index points at %s version %d", key, n, rec.Key, rec.Num)
			}
			if n == m.Latest {
				latest = &rec
			}
		}
		switch {
		case len(nums) == 0:
			r.bad("article %s: no versions", key)
			return nil
		case len(nums) != m.Count:
			r.bad("article %s: record says %d versions, %d stored", key, m.Count, len(nums))
		}
		if nums[0] != m.Oldest {
			r.bad("article %s: oldest version is %d, record says %d", key, nums[0], m.Oldest)
		}
		if nums[len(nums)-1] != m.Latest || latest == nil {
			r.bad("article %s: latest version is %d, record says %d", key, nums[len(nums)-1], m.Latest)
			return nil
		}
		if hex.EncodeToString(latest.Hash[:]) != m.Hash {
			r.bad("article %s: latest hash %x, record says %s", key, latest.Hash, m.Hash)
		}
		if m.FirstSeen == 0 || m.LastChecked < m.FirstSeen {
			r.bad("article %s: first_seen %s, last_checked %s", key, fmtTime(m.FirstSeen), fmtTime(m.LastChecked))
		}
		return nil
	})
}

// verifyVersions: each version against its article, index entries, raw
// body and content hash; each index entry against its article.
func verifyVersions(tx *bolt.Tx, r *VerifyReport) error {
	metas, vi, tb := tx.Bucket(bMeta), tx.Bucket(bVIndex), tx.Bucket(bTime)
	raws, refs := tx.Bucket(bRaw), tx.Bucket(bRawRefs)
	err := tx.Bucket(bVersions).ForEach(func(k, v []byte) error {
		r.Versions++
		if len(k) != 8 {
			r.bad("version id %q is malformed", k)
			return nil
		}
		vid := binary.BigEndian.Uint64(k)
		rec, err := decodeVer(v)
		if err != nil {
			r.bad("version id %d: %v", vid, err)
			return nil
		}
		key, n := rec.Key, rec.Num
		if metas.Get([]byte(key)) == nil {
			r.bad("%s version %d: no article record", key, n)
		}
		if idv := vi.Get(versionKey(key, n)); !bytes.Equal(idv, k) {
			r.bad("%s version %d: missing from the version index", key, n)
		}
		if tb.Get(timeKey(rec.FetchedAt, vid)) == nil {
			r.bad("%s version %d: missing from the time index", key, n)
		}
		if rec.hasRaw() {
			if raws.Get(u64(rec.RawID)) == nil {
				r.bad("%s version %d: raw body %d missing", key, n, rec.RawID)
			}
			if refs.Get(rawRefKey(rec.RawID, vid)) == nil {
				r.bad("%s version %d: raw reference missing", key, n)
			}
		}
		doc, err := decompress(rec.Doc, len(rec.Doc)*3)
		if err != nil {
			r.bad("%s version %d: %v", key, n, err)
			return nil
		}
		a, err := decodeArticle(doc, article.Archive{})
		if err != nil {
			r.bad("%s version %d: %v", key, n, err)
			return nil
		}
		if h := article.ContentHash(&a); h != hex.EncodeToString(rec.Hash[:]) {
			r.bad("%s version %d: content hash %x does not match its article (%s)", key, n, rec.Hash[:6], h[:12])
		}
		return nil
	})
	if err != nil {
		return err
	}
	vb := tx.Bucket(bVersions)
	return vi.ForEach(func(k, idv []byte) error {
		key, n, ok := splitVersionKey(k)
		if !ok {
			r.bad("version index key %q is malformed", k)
			return nil
		}
		if metas.Get([]byte(key)) == nil {
			r.bad("version index: %s version %d has no article record", key, n)
		}
		if vb.Get(idv) == nil {
			r.bad("version index: %s version %d points at a missing record", key, n)
		}
		return nil
	})
}

// verifyTime: every time-index entry names an existing version fetched then.
func verifyTime(tx *bolt.Tx, r *VerifyReport) error {
	vb := tx.Bucket(bVersions)
	return tx.Bucket(bTime).ForEach(func(k, _ []byte) error {
		r.TimeEntries++
		at, vid, ok := splitTimeKey(k)
		if !ok {
			r.bad("time-index key %q is malformed", k)
			return nil
		}
		v := vb.Get(u64(vid))
		if v == nil {
			r.bad("time index: version id %d at %s does not exist", vid, fmtTime(at))
			return nil
		}
		if rec, err := decodeVer(v); err == nil && rec.FetchedAt != at {
			r.bad("time index: %s version %d at %s, fetched %s", rec.Key, rec.Num, fmtTime(at), fmtTime(rec.FetchedAt))
		}
		return nil
	})
}

// verifyAliases: every alias points at an article.
func verifyAliases(tx *bolt.Tx, r *VerifyReport) error {
	metas := tx.Bucket(bMeta)
	return tx.Bucket(bAliases).ForEach(func(k, v []byte) error {
		r.Aliases++
		if metas.Get(v) == nil {
			r.bad("alias %s points at %s, which is not archived", k, v)
		}
		return nil
	})
}

// verifyRaw: references point at versions that use the body; every body is
// referenced, indexed by its SHA-256 and hashes to it.
func verifyRaw(tx *bolt.Tx, r *VerifyReport) error {
	vb, raws, shas := tx.Bucket(bVersions), tx.Bucket(bRaw), tx.Bucket(bRawSHA)
	err := tx.Bucket(bRawRefs).ForEach(func(k, _ []byte) error {
		r.RawRefs++
		if len(k) != 16 {
			r.bad("raw reference %q is malformed", k)
			return nil
		}
		rid, vid := binary.BigEndian.Uint64(k[:8]), binary.BigEndian.Uint64(k[8:])
		v := vb.Get(k[8:])
		if v == nil {
			r.bad("raw reference: version id %d does not exist", vid)
			return nil
		}
		if rec, err := decodeVer(v); err == nil && rec.RawID != rid {
			r.bad("raw reference: %s version %d uses another body", rec.Key, rec.Num)
		}
		if raws.Get(k[:8]) == nil {
			r.bad("raw reference: body %d missing", rid)
		}
		return nil
	})
	if err != nil {
		return err
	}
	refs := tx.Bucket(bRawRefs).Cursor()
	err = raws.ForEach(func(k, v []byte) error {
		r.RawBodies++
		rid := binary.BigEndian.Uint64(k)
		if rk, _ := refs.Seek(k); rk == nil || !bytes.HasPrefix(rk, k) {
			r.bad("raw body %d is not used by any version", rid)
		}
		sha := rawSHA(v)
		if got := shas.Get(sha[:]); !bytes.Equal(got, k) {
			r.bad("raw body %d: missing from the SHA-256 index", rid)
		}
		if dv := rawDict(v); dv != 0 && refs.Bucket().Get(rawRefKey(rid, dv)) == nil {
			r.bad("raw body %d: its dictionary version %d does not use it", rid, dv)
			return nil
		}
		raw, _, err := loadRaw(tx, rid)
		if err != nil {
			r.bad("raw body %d: %v", rid, err)
			return nil
		}
		if sum := sha256.Sum256(raw); sum != sha {
			r.bad("raw body %d: content hashes to %x, not %x", rid, sum[:6], sha[:6])
		}
		return nil
	})
	if err != nil {
		return err
	}
	return shas.ForEach(func(k, v []byte) error {
		if raws.Get(v) == nil {
			r.bad("SHA-256 index: %x points at a missing body", k[:6])
		}
		return nil
	})
}
