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
	return s.captureOf(key, n, nil)
}

// CaptureOfDoc is CaptureOf for a document as ScanJSON gave it (its JSON
// unmodified). A body is compressed against the article JSON of a version
// that uses it, most often its own: the scan has decompressed that JSON
// already, and the body's dictionary is then taken from the document
// instead of being decompressed again.
func (s *Store) CaptureOfDoc(d Doc) (Capture, error) {
	var own func(tx *bolt.Tx, vid uint64) []byte
	if d.stored > 0 && d.stored <= len(d.JSON) {
		own = func(tx *bolt.Tx, vid uint64) []byte {
			if vid != d.ID {
				return nil
			}
			if b := bucket(tx, bOriginal); b != nil && b.Get(u64(vid)) != nil {
				return nil // refreshed: the dictionary is its original JSON
			}
			dict := make([]byte, d.stored)
			copy(dict, d.JSON[:d.stored-1])
			dict[d.stored-1] = '}'
			return dict
		}
	}
	return s.captureOf(d.Key, d.Version, own)
}

// captureOf is CaptureOf; own, when set, returns the dictionary of a body
// compressed against version vid's JSON, nil when it cannot.
func (s *Store) captureOf(key string, n int, own func(tx *bolt.Tx, vid uint64) []byte) (Capture, error) {
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
			raw, _, err := loadRawWith(tx, rec.RawID, own)
			if err != nil {
				return fmt.Errorf("%s version %d: %w", rec.Key, rec.Num, err)
			}
			c.Raw = raw
		}
		return nil
	})
	return c, err
}
