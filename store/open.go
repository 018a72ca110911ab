package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterr "go.etcd.io/bbolt/errors"
)

// Store is an open archive. All methods are safe for concurrent use.
type Store struct {
	db   *bolt.DB
	path string
	opts Options

	w *writer // nil when read-only

	jobsMu sync.Mutex
	jobs   map[string]*CrawlState
}

// Open opens (creating if needed, unless ReadOnly) the archive at path. It
// waits up to LockTimeout for another process to release the file and then
// fails with ErrLocked; a LockTimeout of 0 fails at once.
func Open(path string, opts Options) (*Store, error) {
	if opts.ReadOnly {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: %w", path, ErrNoArchive)
		}
	} else if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
	}
	timeout := opts.LockTimeout
	if timeout <= 0 {
		// bbolt reads 0 as "wait forever"; decision 4 wants no hang.
		timeout = time.Nanosecond
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{
		Timeout:  timeout,
		ReadOnly: opts.ReadOnly,
		// The hashmap freelist keeps commits fast on large archives.
		FreelistType: bolt.FreelistMapType,
		// 2 KiB pages: random inserts (articles, aliases, the version
		// index) rewrite less per commit, and the big append-only values
		// waste less rounding up to whole pages than with 4 KiB.
		PageSize: pageSize,
	})
	if errors.Is(err, bolterr.ErrTimeout) {
		return nil, ErrLocked
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// Grow the file 1 MiB at a time instead of bbolt's 16 MiB, so that its
	// size on disk tracks the data (one growth per commit at most).
	db.AllocSize = 1 << 20
	if err := checkSchema(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s := &Store{db: db, path: path, opts: opts, jobs: map[string]*CrawlState{}}
	if !opts.ReadOnly {
		if err := db.Update(func(tx *bolt.Tx) error {
			for _, b := range topBuckets {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			info := tx.Bucket(bInfo)
			if info.Get([]byte("schema")) == nil {
				return info.Put([]byte("schema"), []byte(schemaVersion))
			}
			return nil
		}); err != nil {
			db.Close()
			return nil, fmt.Errorf("store: init %s: %w", path, err)
		}
		s.w = newWriter(db)
		if err := s.pruneIfLowered(); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Path returns the archive file's path.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.w == nil }

// Close flushes pending writes (including crawl-state writes that were not
// yet durable) and releases the file lock. It returns the first error of a
// write that nobody waited for, if any.
func (s *Store) Close() error {
	var werr error
	if s.w != nil {
		werr = s.w.close()
	}
	if err := s.db.Close(); err != nil && werr == nil {
		werr = err
	}
	return werr
}

// view runs fn in a read transaction.
func (s *Store) view(fn func(tx *bolt.Tx) error) error { return s.db.View(fn) }

// update runs fn in the writer's next group commit and waits until it is
// durable.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	if s.w == nil {
		return fmt.Errorf("store: opened read-only")
	}
	return s.w.do(fn)
}

// bucket returns a top-level bucket; nil when it does not exist (a
// read-only open of an archive that has never been written to).
func bucket(tx *bolt.Tx, name []byte) *bolt.Bucket { return tx.Bucket(name) }

// logAsync records an error of a write nobody waits for (colly's
// SetCookies cannot return one); Close reports the first.
func (s *Store) logAsync(err error) {
	if s.w == nil || err == nil {
		return
	}
	s.w.errMu.Lock()
	if s.w.asyncErr == nil {
		s.w.asyncErr = err
	}
	s.w.errMu.Unlock()
}

func unixNano(n int64) time.Time { return time.Unix(0, n) }

// pageSize applies to archives created from now on; an existing file keeps
// the page size it was created with.
const pageSize = 2048

// checkSchema refuses an archive written in another layout rather than
// misreading it.
func checkSchema(db *bolt.DB) error {
	return db.View(func(tx *bolt.Tx) error {
		info := tx.Bucket(bInfo)
		if info == nil {
			return nil
		}
		if v := info.Get([]byte("schema")); v != nil && string(v) != schemaVersion {
			return schemaError(string(v))
		}
		return nil
	})
}
