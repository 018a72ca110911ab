package store

import (
	"encoding/binary"

	bolt "go.etcd.io/bbolt"
)

// verifyProv: every provenance and original-extraction entry belongs to a
// version and decodes; an original's article JSON decompresses.
func verifyProv(tx *bolt.Tx, r *VerifyReport) error {
	vb := tx.Bucket(bVersions)
	if b := tx.Bucket(bProv); b != nil {
		err := b.ForEach(func(k, v []byte) error {
			r.Provenances++
			if len(k) != 8 {
				r.bad("provenance key %q is malformed", k)
				return nil
			}
			if vb.Get(k) == nil {
				r.bad("provenance of version id %d, which does not exist", binary.BigEndian.Uint64(k))
			}
			if _, err := decodeProv(v); err != nil {
				r.bad("provenance of version id %d: %v", binary.BigEndian.Uint64(k), err)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	b := tx.Bucket(bOriginal)
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		r.Originals++
		if len(k) != 8 {
			r.bad("original extraction key %q is malformed", k)
			return nil
		}
		vid := binary.BigEndian.Uint64(k)
		if vb.Get(k) == nil {
			r.bad("original extraction of version id %d, which does not exist", vid)
		}
		o, err := decodeOriginal(v)
		if err != nil {
			r.bad("original extraction of version id %d: %v", vid, err)
			return nil
		}
		if _, err := decompress(o.Doc, len(o.Doc)*3); err != nil {
			r.bad("original extraction of version id %d: %v", vid, err)
		}
		return nil
	})
}
