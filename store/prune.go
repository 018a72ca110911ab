package store

import (
	"context"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// Prune applies Options.KeepVersions to every article: the oldest versions
// beyond that many go (with their raw bodies when no other version uses
// them); the latest never does. Put prunes the article it touches, so this
// is only needed when keep_versions is lowered: Open runs it then by
// itself. It returns how many versions it removed.
func (s *Store) Prune(ctx context.Context) (int, error) {
	keep := s.opts.KeepVersions
	if keep <= 0 || s.w == nil {
		return 0, nil
	}
	var keys []string
	err := s.chunked(bMeta, func(_ *bolt.Tx, k, v []byte, _ *[]func() error) error {
		m, err := decodeMeta(v)
		if err != nil {
			return err
		}
		if m.Count > keep {
			keys = append(keys, string(k))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	removed := 0
	for len(keys) > 0 {
		if err := ctx.Err(); err != nil {
			return removed, err
		}
		batch := keys[:min(len(keys), chunkSize)]
		keys = keys[len(batch):]
		n := 0
		err := s.update(func(tx *bolt.Tx) error {
			n = 0
			metas := tx.Bucket(bMeta)
			for _, key := range batch {
				v := metas.Get([]byte(key))
				if v == nil {
					continue
				}
				m, err := decodeMeta(v)
				if err != nil {
					return err
				}
				before := m.Count
				if err := pruneTx(tx, key, &m, keep); err != nil {
					return err
				}
				n += before - m.Count
				if err := metas.Put([]byte(key), m.encode()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return removed, fmt.Errorf("store: prune: %w", err)
		}
		removed += n
	}
	return removed, nil
}

// pruneIfLowered runs Prune when keep_versions is set and stricter than
// the value the archive was last pruned to (info/keep_versions).
func (s *Store) pruneIfLowered() error {
	keep := s.opts.KeepVersions
	if keep <= 0 {
		return nil
	}
	var last int
	s.view(func(tx *bolt.Tx) error {
		last, _ = strconv.Atoi(string(tx.Bucket(bInfo).Get([]byte("keep_versions"))))
		return nil
	})
	if last > 0 && last <= keep {
		return nil
	}
	if _, err := s.Prune(context.Background()); err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bInfo).Put([]byte("keep_versions"), []byte(strconv.Itoa(keep)))
	})
}
