package store

import (
	"os"

	bolt "go.etcd.io/bbolt"
)

// Stats are the archive's counts and sizes.
type Stats struct {
	Articles  int
	Versions  int
	Aliases   int
	RawBodies int
	// RawBytes is the raw HTML held (uncompressed, each body once);
	// RawStored what its compressed form takes.
	RawBytes, RawStored int64
	// DocStored is the compressed article JSON of all versions.
	DocStored int64
	Runs      int
	Jobs      int
	// FileBytes is the archive file's size on disk.
	FileBytes int64
}

// Stats counts the archive's records in one read transaction.
func (s *Store) Stats() (Stats, error) {
	var st Stats
	err := s.view(func(tx *bolt.Tx) error {
		n := func(name []byte) int {
			if b := bucket(tx, name); b != nil {
				return b.Stats().KeyN
			}
			return 0
		}
		st.Articles, st.Aliases, st.Runs = n(bMeta), n(bAliases), n(bRuns)
		if b := bucket(tx, bVersions); b != nil {
			b.ForEach(func(_, v []byte) error {
				st.Versions++
				st.DocStored += int64(len(v) - verHeaderLen)
				return nil
			})
		}
		if b := bucket(tx, bRaw); b != nil {
			b.ForEach(func(_, v []byte) error {
				st.RawBodies++
				st.RawBytes += rawLen(v)
				st.RawStored += int64(len(v) - rawHeaderLen)
				return nil
			})
		}
		if b := bucket(tx, bCrawl); b != nil {
			b.ForEachBucket(func([]byte) error { st.Jobs++; return nil })
		}
		return nil
	})
	if fi, ferr := os.Stat(s.path); ferr == nil {
		st.FileBytes = fi.Size()
	}
	return st, err
}
