package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// RunHost is one host's figures in a run.
type RunHost struct {
	Host     string        `json:"host"`
	Requests int           `json:"requests"` // robots.txt, redirect hops and retries included
	Pages    int           `json:"pages"`
	Errors   int           `json:"errors"`
	Bytes    int64         `json:"bytes"`
	Latency  time.Duration `json:"latency"` // mean per request
	Wait     time.Duration `json:"wait"`    // held back by politeness
}

// bRunHosts holds each run's per-host figures (run id → JSON []RunHost),
// apart from the runs so that listing runs never reads them. It is made
// by the first run that has some.
var bRunHosts = []byte("runhosts")

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
		if err := b.Put(u64(seq), v); err != nil {
			return err
		}
		if len(r.Hosts) == 0 {
			return nil
		}
		hb, err := tx.CreateBucketIfNotExists(bRunHosts)
		if err != nil {
			return err
		}
		if v, err = json.Marshal(r.Hosts); err != nil {
			return err
		}
		return hb.Put(u64(seq), v)
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

// RunHosts returns the per-host figures of run id (none if it has none).
func (s *Store) RunHosts(id uint64) ([]RunHost, error) {
	out := []RunHost{}
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bRunHosts)
		if b == nil {
			return nil
		}
		if v := b.Get(u64(id)); v != nil {
			if err := json.Unmarshal(v, &out); err != nil {
				return fmt.Errorf("store: corrupt host figures of run %d: %w", id, err)
			}
		}
		return nil
	})
	return out, err
}
