package app

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"

	"newsarchive/config"
	"newsarchive/extract"
	"newsarchive/store"
)

// Service runs jobs and one-off fetches against the archive that Config
// names.
type Service struct {
	Config config.Config
	// Log receives the service's lines; nil discards them.
	Log *slog.Logger
	// Store, when set, is an archive the caller holds open for the
	// Service's whole life; RunJob and Fetch use it and leave it open.
	// When nil, each call opens the archive for its own length, so that
	// no command holds the file longer than it needs.
	Store *store.Store
	// Indexer, when set, is told of every version a run archives (see
	// index.go); nil archives without indexing.
	Indexer Indexer
	// Extractor reads pages and re-reads stored captures (zero: the
	// current extractor).
	Extractor extract.Extractor

	// running guards a held Store's jobs: two runs of one job would share
	// its crawl state. Shared by the copies WithLog makes.
	running *jobSet
}

// ErrJobRunning is returned by RunJob when a Service holding its Store is
// already running the job (a scheduled run and a crawl --job at once).
var ErrJobRunning = errors.New("a run of this job is already going in this process")

// NewHeld returns a Service for a long-running process that holds st open
// for its whole life; one run of a job at a time goes through it.
func NewHeld(c config.Config, log *slog.Logger, st *store.Store) *Service {
	return &Service{Config: c, Log: log, Store: st, running: &jobSet{names: map[string]bool{}}}
}

// WithLog returns a copy of s that logs to log and shares s's Store and
// its guard on running jobs.
func (s *Service) WithLog(log *slog.Logger) *Service {
	c := *s
	c.Log = log
	return &c
}

type jobSet struct {
	mu    sync.Mutex
	names map[string]bool
}

// start marks job running; false if it already is.
func (j *jobSet) start(job string) bool {
	if j == nil {
		return true
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.names[job] {
		return false
	}
	j.names[job] = true
	return true
}

func (j *jobSet) done(job string) {
	if j == nil {
		return
	}
	j.mu.Lock()
	delete(j.names, job)
	j.mu.Unlock()
}

// New returns a Service for c.
func New(c config.Config, log *slog.Logger) *Service {
	return &Service{Config: c, Log: log}
}

func (s *Service) logger() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// OpenStore opens the archive named by c, waiting up to store.lock_timeout
// for another process. A failure to open it for writing, and a lock held
// too long by another process, are ErrArchive.
func OpenStore(c config.Config, readOnly bool) (*store.Store, error) {
	return openStore(c, readOnly, extract.Extractor{})
}

// OpenDamaged opens the archive read-only even when it is damaged: reads of
// damaged pages then return a *store.DamagedError (verify, salvage).
func OpenDamaged(c config.Config) (*store.Store, error) {
	o := storeOptions(c, true, extract.Extractor{})
	o.Damaged = true
	return store.Open(c.Store.Path, o)
}

func openStore(c config.Config, readOnly bool, ex extract.Extractor) (*store.Store, error) {
	st, err := store.Open(c.Store.Path, storeOptions(c, readOnly, ex))
	switch {
	case errors.Is(err, store.ErrLocked):
		return nil, mark(ErrArchive, fmt.Errorf("%s: %w (waited %s; is a crawl, the scheduler or serve running?)", c.Store.Path, err, c.Store.LockTimeout))
	case err != nil && !readOnly:
		return nil, mark(ErrArchive, err)
	}
	return st, err
}

// acquire returns the archive to write into and a release function that
// closes it unless the Service holds it.
func (s *Service) acquire() (*store.Store, func() error, error) {
	if s.Store != nil {
		return s.Store, func() error { return nil }, nil
	}
	st, err := openStore(s.Config, false, s.Extractor)
	if err != nil {
		return nil, nil, err
	}
	return st, st.Close, nil
}
