package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// AddRun records a finished (or failed) run and returns its ID. IDs grow
// with every run, whatever the job, so they order runs by when they were
// recorded.
func (s *Store) AddRun(r Run) (uint64, error) {
	var id uint64
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bRuns)
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		id = seq
		r.ID = seq
		v, err := json.Marshal(r)
		if err != nil {
			return err
		}
		return b.Put(u64(seq), v)
	})
	if err != nil {
		return 0, fmt.Errorf("store: add run: %w", err)
	}
	return id, nil
}

// Runs returns the runs of job ("" for all), newest first, at most limit (0: all).
func (s *Store) Runs(job string, limit int) ([]Run, error) {
	out := []Run{}
	err := s.view(func(tx *bolt.Tx) error {
		b := bucket(tx, bRuns)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			var r Run
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("store: corrupt run %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if job != "" && r.Job != job {
				continue
			}
			out = append(out, r)
			if limit > 0 && len(out) == limit {
				break
			}
		}
		return nil
	})
	return out, err
}
