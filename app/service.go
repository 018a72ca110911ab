package app

import (
	"errors"
	"fmt"
	"io"
	"log/slog"

	"newsarchive/config"
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
// for another process.
func OpenStore(c config.Config, readOnly bool) (*store.Store, error) {
	st, err := store.Open(c.Store.Path, store.Options{
		LockTimeout:  c.Store.LockTimeout.D(),
		KeepVersions: c.Store.KeepVersions,
		ReadOnly:     readOnly,
	})
	if errors.Is(err, store.ErrLocked) {
		return nil, fmt.Errorf("%s: %w (waited %s; is a crawl or the scheduler running?)", c.Store.Path, err, c.Store.LockTimeout)
	}
	return st, err
}

// acquire returns the archive to write into and a release function that
// closes it unless the Service holds it.
func (s *Service) acquire() (*store.Store, func() error, error) {
	if s.Store != nil {
		return s.Store, func() error { return nil }, nil
	}
	st, err := OpenStore(s.Config, false)
	if err != nil {
		return nil, nil, err
	}
	return st, st.Close, nil
}
