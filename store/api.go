package store

// This file fixes the store's public API so that cli, scraper wiring and
// export can be written against it. Bodies marked "unimplemented" are to be
// filled in; signatures may gain fields but should not lose them.

import (
	"context"
	"errors"
	"io"
	"time"

	"newsarchive/article"
	"newsarchive/frontier"
)

// ErrLocked is returned by Open when another process holds the archive for
// longer than Options.LockTimeout.
var ErrLocked = errors.New("the archive is in use by another newsarchive process")

// ErrNotFound is returned when no article (or version) matches.
var ErrNotFound = errors.New("not in the archive")

// Options configure Open.
type Options struct {
	// LockTimeout is how long Open waits for another process's lock.
	LockTimeout time.Duration
	// KeepVersions prunes older versions beyond this many (0 keeps all).
	KeepVersions int
	// ReadOnly opens without write access (list, show, export…). bbolt
	// still takes a shared lock, so a writer waits for readers and the
	// other way round.
	ReadOnly bool
}

// Snapshot is one fetch of a page, to be archived.
type Snapshot struct {
	Key       string           // archive key (normalised canonical URL)
	URL       string           // normalised URL it was fetched under (an alias of Key)
	Article   *article.Article // extracted article; archive fields are ignored
	Raw       []byte           // raw body as received
	Status    int
	FetchedAt time.Time
}

// Outcome says what Put did.
type Outcome uint8

const (
	Unchanged Outcome = iota // same content hash as the latest version: last_checked updated
	New                      // version 1 of a new key
	Changed                  // version N+1
)

func (o Outcome) String() string {
	switch o {
	case New:
		return "new"
	case Changed:
		return "changed"
	}
	return "unchanged"
}

// PutResult is the result of one Put.
type PutResult struct {
	Outcome Outcome
	Key     string
	Version int // the latest version number after the put
}

// VersionInfo describes one stored version (history).
type VersionInfo struct {
	Version     int
	FetchedAt   string
	ContentHash string
	HTTPStatus  int
	// Changed names the content fields that differ from the previous
	// version ("title", "text", …); empty for version 1.
	Changed []string
}

// Summary is one line of `list`.
type Summary struct {
	Key         string
	Title       string
	PublishedAt string
	Versions    int
	LastChecked string
}

// ScanOptions select what Scan yields.
type ScanOptions struct {
	AllVersions  bool      // every version instead of the latest of each article
	Since, Until time.Time // on the version's fetched_at; zero means unbounded
	Site         string    // host (matches subdomains too); "" for all
}

// Run is the record of one crawl run (shown by `newsarchive runs`).
type Run struct {
	ID        uint64
	Job       string
	Started   time.Time
	Ended     time.Time
	Pages     int
	New       int
	Changed   int
	Unchanged int
	Errors    int
	Error     string // why the run failed or stopped early, if it did
}

var errUnimplemented = errors.New("unimplemented")

// Open opens (creating if needed) the archive at path.
func Open(path string, opts Options) (*Store, error) { return nil, errUnimplemented }

// Store is an open archive.
type Store struct{}

// Close flushes pending writes and releases the file lock.
func (s *Store) Close() error { return errUnimplemented }

// Put archives one snapshot. It is safe for concurrent use; concurrent puts
// are committed together (group commit), and Put returns once its snapshot is
// durable.
func (s *Store) Put(ctx context.Context, snap Snapshot) (PutResult, error) {
	return PutResult{}, errUnimplemented
}

// PutMany archives many snapshots in as few transactions as possible.
func (s *Store) PutMany(ctx context.Context, snaps []Snapshot) ([]PutResult, error) {
	return nil, errUnimplemented
}

// Touch records a check of url that found it unchanged without content
// (an HTTP 304): last_checked of the article known under url is updated.
func (s *Store) Touch(ctx context.Context, url string, at time.Time) error { return errUnimplemented }

// Resolve returns the archive key for any URL the article was fetched or is
// known under (normalising it first). ErrNotFound if none.
func (s *Store) Resolve(url string) (string, error) { return "", errUnimplemented }

// Latest returns the latest version of key with archive fields set.
func (s *Store) Latest(key string) (article.Article, error) {
	return article.Article{}, errUnimplemented
}

// Version returns version n of key.
func (s *Store) Version(key string, n int) (article.Article, error) {
	return article.Article{}, errUnimplemented
}

// Raw returns the raw HTML stored with version n of key.
func (s *Store) Raw(key string, n int) ([]byte, error) { return nil, errUnimplemented }

// History lists the versions of key, oldest first.
func (s *Store) History(key string) ([]VersionInfo, error) { return nil, errUnimplemented }

// List calls fn for every article, ordered by key.
func (s *Store) List(fn func(Summary) error) error { return errUnimplemented }

// Scan streams articles (with archive fields) to fn in key order, or in
// fetched_at order when Since/Until are set. Values are copied out of the
// transaction before fn sees them.
func (s *Store) Scan(opts ScanOptions, fn func(*article.Article) error) error {
	return errUnimplemented
}

// CrawlState returns the persistent frontier of a job.
func (s *Store) CrawlState(job string) frontier.State { return nil }

// AddRun records a finished (or failed) run and returns its ID.
func (s *Store) AddRun(r Run) (uint64, error) { return 0, errUnimplemented }

// Runs returns the runs of job ("" for all), newest first, at most limit (0: all).
func (s *Store) Runs(job string, limit int) ([]Run, error) { return nil, errUnimplemented }

// Backup writes a consistent copy of the archive to w.
func (s *Store) Backup(w io.Writer) (int64, error) { return 0, errUnimplemented }
