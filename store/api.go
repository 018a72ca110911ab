package store

// This file holds the store's public types and errors. The methods live in
// topic files: open.go (Open, Close, locking), put.go (Put, PutMany, Touch),
// read.go (Resolve, Latest, Version, Raw, History, List), scan.go (Scan,
// ScanJSON), crawlstate.go (frontier.State), runs.go, backup.go, stats.go,
// verify.go, merge.go (Import, Reextract).

import (
	"errors"
	"time"

	"newsarchive/article"
)

// ErrLocked is returned by Open when another process holds the archive for
// longer than Options.LockTimeout.
var ErrLocked = errors.New("the archive is in use by another newsarchive process")

// ErrNotFound is returned when no article (or version, or raw body) matches.
var ErrNotFound = errors.New("not in the archive")

// ErrNoArchive is returned by Open with ReadOnly when there is no archive
// file at the path yet.
var ErrNoArchive = errors.New("no archive here yet (run crawl or fetch first)")

// ErrSchema is returned by Open when the archive was written in a layout
// this version does not read.
var ErrSchema = errors.New("archive layout not supported")

// ErrClosed is returned when the store is used after Close.
var ErrClosed = errors.New("the archive is closed")

// ErrInvalid is returned when a snapshot or record cannot be archived (no
// article, no usable URL).
var ErrInvalid = errors.New("invalid snapshot")

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
	// WithKey makes ScanJSON add the archive key as a last "key" member
	// (export does, so that import finds the key again).
	WithKey bool
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
	// Hosts are the run's per-host figures: AddRun stores them beside the
	// run, Runs leaves them out, RunHosts reads them.
	Hosts []RunHost `json:"-"`
}
