package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// LastVersionID returns the greatest version id in the archive, 0 when it
// has none. Ids only grow and the latest version of an article is never
// pruned, so a derived index that has seen every version up to this id is
// in step with the archive.
func (s *Store) LastVersionID() (uint64, error) {
	var id uint64
	err := s.view(func(tx *bolt.Tx) error {
		if b := bucket(tx, bVersions); b != nil {
			if k, _ := b.Cursor().Last(); len(k) == 8 {
				id = binary.BigEndian.Uint64(k)
			}
		}
		return nil
	})
	return id, err
}

// VersionsAfter calls fn with every version whose id is greater than
// after, in id order (the order they were archived in), with archive
// fields set as ScanJSON sets them. It is how a derived index catches up
// on what it missed: a watermark on the last id it took is enough.
func (s *Store) VersionsAfter(after uint64, fn func(Doc) error) error {
	e := &emitter{fn: fn}
	return s.chunkedFrom(bVersions, u64(after+1), nil, func(tx *bolt.Tx, k, v []byte, out *[]func() error) error {
		if len(k) != 8 {
			return fmt.Errorf("store: bad version id %x (run verify)", k)
		}
		rec, err := decodeVer(v)
		if err != nil {
			return err
		}
		mv := bucket(tx, bMeta).Get([]byte(rec.Key))
		if mv == nil {
			return fmt.Errorf("store: version of unknown article %s (run verify)", rec.Key)
		}
		m, err := decodeMeta(mv)
		if err != nil {
			return err
		}
		return e.add(tx, binary.BigEndian.Uint64(k), m, rec, out)
	})
}
