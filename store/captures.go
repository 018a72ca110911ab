package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"newsarchive/capture"
)

// Capture is what is stored of one version's fetch, for writing it out as
// a web archive (WARC): the raw body as received, its provenance, and the
// times and status the version records.
type Capture struct {
	FetchedAt time.Time
	Status    int
	// Raw is the body as stored; nil when the version has none (imported
	// from JSON).
	Raw        []byte
	Provenance capture.Provenance
	// FirstSeen and LastChecked are the article's: LastChecked is the last
	// fetch that found the latest version's content.
	FirstSeen, LastChecked time.Time
}

// CaptureOf returns the stored capture of version n of key (n = 0: the
// latest). A version without a raw body returns a Capture with Raw nil.
func (s *Store) CaptureOf(key string, n int) (Capture, error) {
	var c Capture
	err := s.viewVersion(key, n, func(tx *bolt.Tx, m meta, vid uint64, rec verRec) error {
		c = Capture{
			FetchedAt:   time.Unix(rec.FetchedAt, 0).UTC(),
			Status:      rec.Status,
			FirstSeen:   time.Unix(m.FirstSeen, 0).UTC(),
			LastChecked: time.Unix(m.LastChecked, 0).UTC(),
		}
		p, err := provTx(tx, vid)
		if err != nil {
			return err
		}
		c.Provenance = p
		if rec.hasRaw() {
			raw, _, err := loadRaw(tx, rec.RawID)
			if err != nil {
				return fmt.Errorf("%s version %d: %w", rec.Key, rec.Num, err)
			}
			c.Raw = raw
		}
		return nil
	})
	return c, err
}
