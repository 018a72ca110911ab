package app

import "errors"

// The kinds of failure RunJob and Fetch report, so that a caller (the
// command line's exit status) can tell them apart with errors.Is. The
// error's message stays its cause's own.
var (
	// ErrConfig: a job's settings cannot be used (a bad pattern or seed).
	ErrConfig = errors.New("invalid configuration")
	// ErrNothingFetched: the run or fetch had errors and fetched no page
	// at all (every seed unreachable, refused or answering with an error).
	ErrNothingFetched = errors.New("nothing could be fetched")
	// ErrArchive: the archive could not be opened for writing (another
	// process held it past store.lock_timeout, no permission, damage) or a
	// write to it failed (disk full, I/O error).
	ErrArchive = errors.New("the archive could not be written")
	// ErrInterrupted: the context was cancelled (SIGINT, SIGTERM); the
	// next run of the job continues where this one stopped.
	ErrInterrupted = errors.New("interrupted")
)

// kindError files err under kind without changing its message.
type kindError struct{ kind, err error }

func (e *kindError) Error() string   { return e.err.Error() }
func (e *kindError) Unwrap() []error { return []error{e.kind, e.err} }

// mark files err under kind (nil stays nil).
func mark(kind, err error) error {
	if err == nil || errors.Is(err, kind) {
		return err
	}
	return &kindError{kind: kind, err: err}
}
