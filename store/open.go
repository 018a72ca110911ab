package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
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
// fails with ErrLocked; a LockTimeout of 0 fails at once. An existing file
// is checked first (pages.go): an empty one is ErrEmpty, not an archive
// ErrNotArchive, a cut-short one a *DamagedError; a file opened for writing
// also has its whole page structure checked once it is locked, so that no
// write lands in a damaged file.
func Open(path string, opts Options) (*Store, error) {
	if opts.Damaged && !opts.ReadOnly {
		return nil, errors.New("store: Options.Damaged needs ReadOnly")
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if opts.ReadOnly {
			return nil, fmt.Errorf("%s: %w", path, ErrNoArchive)
		}
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("store: %w", err)
			}
		}
	} else if err := precheck(path, opts); err != nil {
		return nil, err
	}
	timeout := opts.LockTimeout
	if timeout <= 0 {
		// bbolt reads 0 as "wait forever"; a second process must never hang.
		timeout = time.Nanosecond
	}
	db, err := openBolt(path, &bolt.Options{
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
		if cerr := precheck(path, Options{}); cerr != nil {
			return nil, cerr
		}
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if !opts.ReadOnly {
		// Under the lock: nobody else is writing, so what is found is
		// damage and not a commit in progress.
		if err := checkForWriting(path); err != nil {
			db.Close()
			return nil, err
		}
	}
	// Grow the file 1 MiB at a time instead of bbolt's 16 MiB, so that its
	// size on disk tracks the data (one growth per commit at most).
	db.AllocSize = 1 << 20
	if err := safeView(db, path, checkSchema); err != nil && !(opts.Damaged && errors.Is(err, ErrDamaged)) {
		db.Close()
		if errors.Is(err, ErrDamaged) {
			return nil, err
		}
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

// view runs fn in a read transaction. A damaged page read through bbolt's
// memory map faults (a page past the end of a cut-short file) or trips one
// of bbolt's assertions (an overwritten page); both are turned into a
// *DamagedError here instead of killing the process.
func (s *Store) view(fn func(tx *bolt.Tx) error) error { return safeView(s.db, s.path, fn) }

func safeView(db *bolt.DB, path string, fn func(tx *bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = &DamagedError{Path: path, Detail: fmt.Sprint(r)}
		}
	}()
	return db.View(fn)
}

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
func checkSchema(tx *bolt.Tx) error {
	info := tx.Bucket(bInfo)
	if info == nil {
		// A bbolt file with buckets but none of ours is someone
		// else's: never add ours to it.
		other := false
		tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			other = other || !ourBucket(name)
			return nil
		})
		if other {
			return fmt.Errorf("%w (a bbolt file without its buckets)", ErrNotArchive)
		}
		return nil
	}
	if v := info.Get([]byte("schema")); v != nil && string(v) != schemaVersion {
		return schemaError(string(v))
	}
	return nil
}

// precheck runs openPages' O(1) checks on an existing file before bbolt
// maps it: bbolt would initialise an empty file (or, read-only, fail
// writing to it) and fault on a cut-short one.
func precheck(path string, opts Options) error {
	pf, err := openPages(path)
	if pf != nil {
		pf.Close()
	}
	if err == nil {
		return nil
	}
	if opts.Damaged && errors.Is(err, ErrDamaged) {
		return nil
	}
	return err
}

// openBolt is bolt.Open with its panics and faults (a damaged freelist
// page is read while opening for writing) turned into a *DamagedError;
// the file bbolt opened is closed then, which releases its lock.
func openBolt(path string, bo *bolt.Options) (db *bolt.DB, err error) {
	var file *os.File
	bo.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		file = f
		return f, err
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if file != nil {
				file.Close()
			}
			db, err = nil, &DamagedError{Path: path, Detail: fmt.Sprint(r)}
		}
	}()
	return bolt.Open(path, 0o644, bo)
}

// checkForWriting walks the page structure of the file (checkPages) and
// returns a *DamagedError naming the first problem. It reads every tree
// page's first 2 KiB but no overflow pages, so its cost grows with the
// number of records, not their size: about 1 µs of CPU per tree page
// (BenchmarkOpen).
func checkForWriting(path string) error {
	var first string
	n := 0
	if _, err := checkPages(path, func(p string) {
		if n == 0 {
			first = p
		}
		n++
	}); err != nil {
		return err
	}
	if n > 1 {
		first += fmt.Sprintf("; %d more problems", n-1)
	}
	if n > 0 {
		return damaged(path, "%s", first)
	}
	return nil
}

// OwnFiles returns the files an archive at path owns besides itself: its
// lock file, its index folder and its discovery file (for serving). No
// --out may name one of them, nor the archive.
func OwnFiles(path string) []string {
	return []string{path + ".lock", path + ".index", path + ".serve"}
}

func ourBucket(name []byte) bool {
	for _, b := range append(topBuckets, bOutbox, bOutboxQ, bRunHosts) {
		if string(b) == string(name) {
			return true
		}
	}
	return false
}
