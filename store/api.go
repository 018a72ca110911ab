package store

// This file holds the store's public types and errors. The methods live in
// topic files: open.go (Open, Close, locking), put.go (Put, PutMany, Touch),
// read.go (Resolve, Latest, Version, Raw, History, List), scan.go (Scan,
// ScanJSON), crawlstate.go (frontier.State), runs.go, backup.go, stats.go,
// verify.go, merge.go (Import), provenance.go (Provenance, Original,
// in-place refreshes), baseline.go (comparing like with like), reextract.go,
// migrate.go, salvage.go and salvage_read.go; pages.go and walk.go read the
// file's pages directly (damage checks).

import (
	"errors"
	"time"

	"newsarchive/article"
	"newsarchive/capture"
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

// ErrNeedsMigration is returned by Open (together with ErrSchema) when the
// archive is in an older layout that Migrate upgrades.
var ErrNeedsMigration = errors.New("run 'newsarchive migrate' to upgrade it in place")

// ErrEmpty is returned by Open for a zero-length file: it is not made into
// a new archive, since it may be one whose contents were lost.
var ErrEmpty = errors.New("empty archive file")

// ErrNotArchive is returned by Open for a file that is not a bbolt file, or
// a bbolt file that is not an archive.
var ErrNotArchive = errors.New("not a newsarchive archive")

// ErrDamaged is what a *DamagedError wraps: the archive file is not what
// bbolt wrote (cut short, overwritten). Open refuses such a file for
// writing and, with ReadOnly, unless Options.Damaged; reads that meet
// damage return it instead of crashing.
var ErrDamaged = errors.New("the archive is damaged")

// DamagedError names the damaged archive and what was found.
type DamagedError struct {
	Path   string
	Detail string
}

func (e *DamagedError) Error() string {
	return e.Path + ": " + ErrDamaged.Error() + " (" + e.Detail + ")"
}

func (e *DamagedError) Unwrap() error { return ErrDamaged }

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
	// Reread re-reads a stored capture with the current extractor. With
	// it, Put compares like with like: when the latest version was
	// extracted by another extractor version than the snapshot, that
	// version is re-read before the hashes are compared (see doc.go).
	// Nil compares the stored hash as it is. It must be safe for
	// concurrent use (PutMany prepares on every CPU).
	Reread ExtractFunc

	// noRawDict compresses raw bodies without their article JSON as a
	// dictionary (the benchmark measures both ways).
	noRawDict bool
	// beforeCommit, when set, runs inside Migrate's transaction once
	// everything is written (a test stops the process there).
	beforeCommit func()

	// Damaged opens a damaged file anyway (verify, salvage): reads of its
	// damaged pages return a *DamagedError. Only with ReadOnly.
	Damaged bool
}

// Snapshot is one fetch of a page, to be archived.
type Snapshot struct {
	Key       string           // archive key (normalised canonical URL)
	URL       string           // normalised URL it was fetched under (an alias of Key)
	Article   *article.Article // extracted article; archive fields are ignored
	Raw       []byte           // raw body as received
	Status    int
	FetchedAt time.Time
	// Outbox, when set, gives the notifications a new version causes;
	// Put writes them in the version's own transaction (outbox.go).
	Outbox OutboxFunc
	// Provenance is what is known of the fetch and the extraction; its
	// Extraction.Extractor is the version Put compares with the latest
	// version's.
	Provenance capture.Provenance
}

// StoredCapture is a stored raw capture, handed to an ExtractFunc.
type StoredCapture struct {
	Key     string
	Version int
	// URL is the address the version's article was extracted under (its
	// url field; the key if that is empty).
	URL        string
	Raw        []byte
	Provenance capture.Provenance
	// FetchedAt is when the version was fetched (its fetched_at). Where
	// versions share one body, it is the earliest of them: the bytes
	// existed then.
	FetchedAt time.Time
	// ContentType is what to decode Raw with (Provenance.ContentType):
	// the stored Content-Type header, or for a capture without stored
	// headers the charset recorded or a fallback; ContentTypeFrom says
	// which (capture.FromHeader…, "" for none).
	ContentType, ContentTypeFrom string
}

// ExtractFunc reads a stored capture with the current extractor and says
// how (its Extraction.Extractor names the extractor version). A nil
// article means "not an article": the version is left as it is.
type ExtractFunc func(c StoredCapture) (*article.Article, capture.Extraction, error)

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
	// Reread is true when the latest version was re-read with the
	// snapshot's extractor (and refreshed in place) before comparing.
	Reread bool
	// Previous, set when Reread, is that re-reading: the previous
	// version as it now reads (archive fields unset), which a diff of
	// this put must start from rather than from the version as it was
	// read before the put.
	Previous *article.Article
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
	// Provenance is what is known of the version's fetch and extraction.
	Provenance capture.Provenance
	// Refreshed is true when the version's article was re-read in place
	// by a later extractor; Store.Original returns the first reading.
	Refreshed bool
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
	// WithProvenance adds a "provenance" member (capture.Provenance) to
	// versions whose provenance is known.
	WithProvenance bool
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
	// Workers are the pages archived from each worker of a distributed
	// run (none for a local run); older records decode with none.
	Workers map[string]int `json:",omitempty"`
}
