package app

import (
	"errors"
	"fmt"
	"io"
	"log/slog"

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
	// Extractor reads pages and re-reads stored captures (zero: the
	// current extractor).
	Extractor extract.Extractor
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

func openStore(c config.Config, readOnly bool, ex extract.Extractor) (*store.Store, error) {
	st, err := store.Open(c.Store.Path, storeOptions(c, readOnly, ex))
	switch {
	case errors.Is(err, store.ErrLocked):
		return nil, mark(ErrArchive, fmt.Errorf("%s: %w (waited %s; is a crawl or the scheduler running?)", c.Store.Path, err, c.Store.LockTimeout))
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
