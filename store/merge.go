package store

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
	"newsarchive/urlnorm"
)

// Record is one exported article version to merge back into an archive.
type Record struct {
	// Key is the archive key; "" derives it from the article's URL and
	// canonical URL as urlnorm.Key does with no allowed-host list.
	Key     string
	Article *article.Article // with its archive fields (version, fetched_at, …)
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
		p, err := s.prepare(Snapshot{Key: key, URL: a.URL, Article: a, Status: a.HTTPStatus, FetchedAt: at})
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

// ReextractFunc re-extracts one stored capture: raw is the version's raw
// body, old its stored article (archive fields set). A nil article means
// "not an article any more": nothing is recorded.
type ReextractFunc func(key string, raw []byte, old *article.Article) (*article.Article, error)

// ReextractStats counts what Reextract did.
type ReextractStats struct {
	Articles  int // articles with at least one raw body
	Captures  int // distinct raw bodies re-extracted
	Added     int // versions added
	Unchanged int // re-extractions with the stored content hash
	Failed    int // re-extractions that returned an error
}

// Reextract runs fn over every distinct raw body stored with an article's
// versions (a capture), oldest capture first, and records a new version
// where the result's content hash is neither one already recorded for that
// body nor the article's latest. The newest capture goes last and always
// wins: the latest version ends up as today's reading of the newest page.
// A new version keeps its capture's fetched_at, status and raw body
// (stored once), so running Reextract twice adds nothing the second time.
// fn runs outside any transaction.
func (s *Store) Reextract(ctx context.Context, fn ReextractFunc) (ReextractStats, error) {
	var st ReextractStats
	var keys []string
	flush := func() error {
		for _, k := range keys {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := s.reextractOne(ctx, k, fn, &st); err != nil {
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

// capture is one distinct raw body of an article with what is known of it.
type capture struct {
	rid    uint64
	at     int64 // latest fetched_at of a version using it
	n      int   // that version's number
	status int
	hashes map[[32]byte]bool // content hashes recorded for this body
}

func (s *Store) reextractOne(ctx context.Context, key string, fn ReextractFunc, st *ReextractStats) error {
	var caps []*capture
	err := s.view(func(tx *bolt.Tx) error {
		byRaw := map[uint64]*capture{}
		prefix := versionPrefix(key)
		vb := tx.Bucket(bVersions)
		c := tx.Bucket(bVIndex).Cursor()
		for k, idv := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, idv = c.Next() {
			rec, err := decodeVer(vb.Get(idv))
			if err != nil {
				return err
			}
			if !rec.hasRaw() {
				continue
			}
			n := rec.Num
			cp := byRaw[rec.RawID]
			if cp == nil {
				cp = &capture{rid: rec.RawID, hashes: map[[32]byte]bool{}}
				byRaw[rec.RawID] = cp
				caps = append(caps, cp)
			}
			cp.hashes[rec.Hash] = true
			if rec.FetchedAt > cp.at || (rec.FetchedAt == cp.at && n > cp.n) {
				cp.at, cp.n, cp.status = rec.FetchedAt, n, rec.Status
			}
		}
		return nil
	})
	if err != nil || len(caps) == 0 {
		return err
	}
	// Oldest capture first, so the newest page's reading ends up latest.
	sort.SliceStable(caps, func(i, j int) bool {
		if caps[i].at != caps[j].at {
			return caps[i].at < caps[j].at
		}
		return caps[i].n < caps[j].n
	})
	st.Articles++
	for i, c := range caps {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, sha, err := s.rawByID(c.rid)
		if err != nil {
			return err
		}
		old, err := s.Version(key, c.n)
		if err != nil {
			return err
		}
		st.Captures++
		a, err := fn(key, raw, &old)
		if err != nil {
			st.Failed++
			continue
		}
		if a == nil {
			continue
		}
		h, _ := hashBytes(article.ContentHash(a))
		newest := i == len(caps)-1
		if c.hashes[h] && !newest {
			st.Unchanged++ // this body already has a version saying this
			continue
		}
		p, err := s.prepare(Snapshot{Key: key, URL: a.URL, Article: a, Status: c.status, FetchedAt: time.Unix(c.at, 0)})
		if err != nil {
			return err
		}
		p.url = "" // the capture's URL is already an alias
		p.hasRaw, p.rawSHA = true, sha
		var added bool
		err = s.update(func(tx *bolt.Tx) error {
			added = false
			_, m, err := lookup(tx, key)
			if err != nil {
				return err
			}
			if m.Hash == hex.EncodeToString(p.hash[:]) {
				return nil // the latest already says this
			}
			if tx.Bucket(bRawSHA).Get(p.rawSHA[:]) == nil {
				return fmt.Errorf("%s version %d: raw body vanished", key, c.n)
			}
			added = true
			_, err = s.putTx(tx, p)
			return err
		})
		if err != nil {
			return fmt.Errorf("store: reextract %s: %w", key, err)
		}
		if added {
			st.Added++
		} else {
			st.Unchanged++
		}
	}
	return nil
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
