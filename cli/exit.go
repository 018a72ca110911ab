package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"os/signal"
	"syscall"

	"newsarchive/app"
)

// Exit codes of every command (README "Exit status"). When several apply
// (one job of a crawl fetched nothing, another could not be written), the
// first in this order wins: interrupted, usage, archive, nothing fetched.
const (
	ExitOK             = 0   // the command completed; a crawl may count page errors in its summary
	ExitFailure        = 1   // any other failure (verify found problems, an unknown URL, some fetches failed)
	ExitUsage          = 2   // bad flags, arguments or configuration
	ExitNothingFetched = 3   // errors and not one page fetched: every seed (or URL) failed
	ExitArchive        = 4   // the archive could not be opened for writing or written, or stayed locked
	ExitInterrupted    = 130 // SIGINT or SIGTERM; an interrupted crawl resumes on its next run
)

// exitCode maps a command's error to its exit code. A command stopped by
// the cancellation of ctx is interrupted whatever its error says.
func exitCode(ctx context.Context, err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, app.ErrInterrupted), errors.Is(err, context.Canceled), ctx.Err() != nil:
		return ExitInterrupted
	case errors.As(err, new(usageError)), errors.Is(err, app.ErrConfig):
		return ExitUsage
	case errors.Is(err, app.ErrArchive):
		return ExitArchive
	case errors.Is(err, app.ErrNothingFetched):
		return ExitNothingFetched
	}
	// An error may name its own code (a bad search query is a usage error).
	var ec interface{ ExitCode() int }
	if errors.As(err, &ec) {
		return ec.ExitCode()
	}
	return ExitFailure
}

// usageError marks a bad command line or configuration without changing
// its message.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usage files err as a usage error (nil stays nil).
func usage(err error) error {
	if err == nil {
		return nil
	}
	return usageError{err}
}

// Main runs the command line as the binary does: SIGINT and SIGTERM cancel
// the command, which stops cleanly, and the exit code is returned.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Execute(ctx, args, stdout, stderr)
}
