package store

import (
	"bytes"
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
	"newsarchive/capture"
	"newsarchive/urlnorm"
)

// Record is one exported article version to merge back into an archive.
type Record struct {
	// Key is the archive key; "" derives it from the article's URL and
	// canonical URL as urlnorm.Key does with no allowed-host list.
	Key     string
	Article *article.Article // with its archive fields (version, fetched_at, …)
	// Provenance, when the export carried it, is kept with the version.
	Provenance capture.Provenance
}

// Merge imports exported versions (import). A record whose content hash
// and fetched_at match a stored version of its key, or whose hash is the
// latest version's, adds nothing but widens first_seen/last_checked; any
// other record becomes a new version, keeping its version number when that
// is above the article's latest (so a merge into an empty archive
// reproduces the numbering). Imported versions have no raw HTML. All
// records are one transaction.
func (s *Store) Merge(ctx context.Context, recs []Record) ([]PutResult, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ps := make([]*prepared, len(recs))
	for i, rec := range recs {
		a := rec.Article
		if a == nil {
			return nil, fmt.Errorf("store: record %d: %w: no article", i, ErrInvalid)
		}
		key := rec.Key
		if key == "" {
			k, err := urlnorm.Key(a.URL, a.CanonicalURL, nil)
			if err != nil {
				return nil, fmt.Errorf("store: record %d: %w: %w", i, ErrInvalid, err)
			}
			key = k
		}
		at, err := time.Parse(time.RFC3339, a.FetchedAt)
		if err != nil {
			return nil, fmt.Errorf("store: record %d (%s): %w: fetched_at %q", i, key, ErrInvalid, a.FetchedAt)
		}
		p, err := s.prepare(Snapshot{Key: key, URL: a.URL, Article: a, Status: a.HTTPStatus, FetchedAt: at, Provenance: rec.Provenance}, false)
		if err != nil {
			return nil, fmt.Errorf("store: record %d: %w", i, err)
		}
		p.firstSeen, p.lastChecked = parseTime(a.FirstSeen), parseTime(a.LastChecked)
		p.wantVersion = a.Version
		ps[i] = p
	}
	res := make([]PutResult, len(ps))
	err := s.update(func(tx *bolt.Tx) error {
		for i, p := range ps {
			r, err := mergeTx(s, tx, p)
			if err != nil {
				return fmt.Errorf("merge %s: %w", p.key, err)
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

func mergeTx(s *Store, tx *bolt.Tx, p *prepared) (PutResult, error) {
	metas := tx.Bucket(bMeta)
	if v := metas.Get([]byte(p.key)); v != nil {
		m, err := decodeMeta(v)
		if err != nil {
			return PutResult{}, err
		}
		if n := findVersion(tx, p.key, p.hash, p.at); n > 0 {
			mergeTimes(&m, p)
			if err := putAliases(tx, p.key, p.url); err != nil {
				return PutResult{}, err
			}
			return PutResult{Outcome: Unchanged, Key: p.key, Version: n}, metas.Put([]byte(p.key), m.encode())
		}
	}
	return s.putTx(tx, p)
}

// findVersion returns the version of key with this content hash fetched at
// at, 0 if none.
func findVersion(tx *bolt.Tx, key string, hash [32]byte, at int64) int {
	prefix := versionPrefix(key)
	vb := tx.Bucket(bVersions)
	c := tx.Bucket(bVIndex).Cursor()
	for k, idv := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, idv = c.Next() {
		rec, err := decodeVer(vb.Get(idv))
		if err == nil && rec.Hash == hash && rec.FetchedAt == at {
			return rec.Num
		}
	}
	return 0
}
