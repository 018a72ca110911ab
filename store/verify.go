package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
)

// VerifyReport is what Verify found.
type VerifyReport struct {
	Articles, Versions, Aliases, TimeEntries, RawBodies, RawRefs int
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

// Verify checks every bucket and index against the others in one read
// transaction (a consistent snapshot): each article's versions, its latest
// hash and counts; every version's time-index entry, raw reference, raw
// body and recomputed content hash; that every index entry, alias and raw
// reference points at something that exists; each raw body's SHA-256; and
// the crawl-state counters. It returns an error only when it could not
// read; inconsistencies are in the report.
func (s *Store) Verify(ctx context.Context) (*VerifyReport, error) {
	r := &VerifyReport{}
	err := s.view(func(tx *bolt.Tx) error {
		for _, name := range topBuckets {
			if tx.Bucket(name) == nil && !s.ReadOnly() {
				r.bad("bucket %s is missing", name)
			}
		}
		if tx.Bucket(bMeta) == nil {
			return nil // never written to
		}
		steps := []func(*bolt.Tx, *VerifyReport) error{
			verifyArticles, verifyVersions, verifyTime, verifyAliases, verifyRaw, verifyCrawl,
		}
		for _, step := range steps {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := step(tx, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: verify: %w", err)
	}
	return r, nil
}

// verifyArticles: each article record against its versions and aliases.
func verifyArticles(tx *bolt.Tx, r *VerifyReport) error {
	vb, al := tx.Bucket(bVersions), tx.Bucket(bAliases)
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
		var latest []byte
		c := vb.Cursor()
		for ck, cv := c.Seek(prefix); ck != nil && bytes.HasPrefix(ck, prefix); ck, cv = c.Next() {
			if len(ck) != len(prefix)+4 {
				continue // a longer key that shares the prefix? impossible: keys hold no NUL
			}
			_, n, _ := splitVersionKey(ck)
			nums = append(nums, n)
			if n == m.Latest {
				latest = cv
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
		if rec, err := decodeVer(latest); err == nil && hex.EncodeToString(rec.Hash[:]) != m.Hash {
			r.bad("article %s: latest hash %x, record says %s", key, rec.Hash, m.Hash)
		}
		if m.FirstSeen == 0 || m.LastChecked < m.FirstSeen {
			r.bad("article %s: first_seen %s, last_checked %s", key, fmtTime(m.FirstSeen), fmtTime(m.LastChecked))
		}
		return nil
	})
}

// verifyVersions: each version against its article, time index, raw body
// and content hash.
func verifyVersions(tx *bolt.Tx, r *VerifyReport) error {
	metas, tb := tx.Bucket(bMeta), tx.Bucket(bTime)
	raws, refs := tx.Bucket(bRaw), tx.Bucket(bRawRefs)
	return tx.Bucket(bVersions).ForEach(func(k, v []byte) error {
		r.Versions++
		key, n, ok := splitVersionKey(k)
		if !ok {
			r.bad("version key %q is malformed", k)
			return nil
		}
		if metas.Get([]byte(key)) == nil {
			r.bad("%s version %d: no article record", key, n)
		}
		rec, err := decodeVer(v)
		if err != nil {
			r.bad("%s version %d: %v", key, n, err)
			return nil
		}
		if tb.Get(timeKey(rec.FetchedAt, key, n)) == nil {
			r.bad("%s version %d: missing from the time index", key, n)
		}
		if rec.hasRaw() {
			if raws.Get(rec.RawSHA[:]) == nil {
				r.bad("%s version %d: raw body %x missing", key, n, rec.RawSHA[:6])
			}
			if refs.Get(rawRefKey(rec.RawSHA, key, n)) == nil {
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
}

// verifyTime: every time-index entry names an existing version fetched then.
func verifyTime(tx *bolt.Tx, r *VerifyReport) error {
	vb := tx.Bucket(bVersions)
	return tx.Bucket(bTime).ForEach(func(k, _ []byte) error {
		r.TimeEntries++
		at, key, n, ok := splitTimeKey(k)
		if !ok {
			r.bad("time-index key %q is malformed", k)
			return nil
		}
		v := vb.Get(versionKey(key, n))
		if v == nil {
			r.bad("time index: %s version %d does not exist", key, n)
			return nil
		}
		if rec, err := decodeVer(v); err == nil && rec.FetchedAt != at {
			r.bad("time index: %s version %d at %s, fetched %s", key, n, fmtTime(at), fmtTime(rec.FetchedAt))
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
// referenced and hashes to its key.
func verifyRaw(tx *bolt.Tx, r *VerifyReport) error {
	vb, raws := tx.Bucket(bVersions), tx.Bucket(bRaw)
	err := tx.Bucket(bRawRefs).ForEach(func(k, _ []byte) error {
		r.RawRefs++
		if len(k) < 32+5 {
			r.bad("raw reference %q is malformed", k)
			return nil
		}
		key, n, ok := splitVersionKey(k[32:])
		if !ok {
			r.bad("raw reference %q is malformed", k)
			return nil
		}
		v := vb.Get(k[32:])
		if v == nil {
			r.bad("raw reference: %s version %d does not exist", key, n)
			return nil
		}
		if rec, err := decodeVer(v); err == nil && !bytes.Equal(rec.RawSHA[:], k[:32]) {
			r.bad("raw reference: %s version %d uses another body", key, n)
		}
		if raws.Get(k[:32]) == nil {
			r.bad("raw reference: body %x of %s version %d missing", k[:6], key, n)
		}
		return nil
	})
	if err != nil {
		return err
	}
	refs := tx.Bucket(bRawRefs).Cursor()
	return raws.ForEach(func(k, v []byte) error {
		r.RawBodies++
		if rk, _ := refs.Seek(k); rk == nil || !bytes.HasPrefix(rk, k) {
			r.bad("raw body %x is not used by any version", k[:6])
		}
		raw, err := decodeRaw(v)
		if err != nil {
			r.bad("raw body %x: %v", k[:6], err)
			return nil
		}
		if sum := sha256.Sum256(raw); !bytes.Equal(sum[:], k) {
			r.bad("raw body %x: content hashes to %x", k[:6], sum[:6])
		}
		return nil
	})
}

// verifyCrawl: each job's counters match its queue and in-flight set, and
// every queued URL is in the seen set.
func verifyCrawl(tx *bolt.Tx, r *VerifyReport) error {
	root := tx.Bucket(bCrawl)
	if root == nil {
		return nil
	}
	return root.ForEachBucket(func(job []byte) error {
		jb := root.Bucket(job)
		for _, name := range [][]byte{cQueue, cInflight, cSeen, cValid, cCookies, cVisited, cCounts} {
			if jb.Bucket(name) == nil {
				r.bad("crawl state %s: bucket %s missing", job, name)
				return nil
			}
		}
		seen := jb.Bucket(cSeen)
		nq := 0
		jb.Bucket(cQueue).ForEach(func(k, v []byte) error {
			nq++
			req, err := decodeReq(v)
			if err != nil {
				r.bad("crawl state %s: queue entry %x: %v", job, k, err)
			} else if seen.Get([]byte(req.URL)) == nil {
				r.bad("crawl state %s: queued %s is not in the seen set", job, req.URL)
			}
			return nil
		})
		nf := jb.Bucket(cInflight).Stats().KeyN
		if q := count(jb, "queued"); q != int64(nq) {
			r.bad("crawl state %s: counter says %d queued, %d in the queue", job, q, nq)
		}
		if f := count(jb, "inflight"); f != int64(nf) {
			r.bad("crawl state %s: counter says %d in flight, %d in the set", job, f, nf)
		}
		return nil
	})
}
