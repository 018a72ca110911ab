package cli

import (
	"io"
	"log/slog"
	"os"

	"newsarchive/app"
	"newsarchive/config"
	"newsarchive/search"
)

// service returns the app service for c, logging to the command's log and
// keeping the archive's search index up to date. Under serve it is serve's
// service over the archive it holds.
func (e *Env) service(c config.Config) *app.Service {
	if e.svc != nil {
		return e.svc.WithLog(e.logger())
	}
	s := app.New(c, e.logger())
	s.Indexer = newKeeper(c, e.logger())
	return s
}

// progressTo returns run options that draw progress on w (a live line on a
// terminal, log lines otherwise).
func progressTo(w io.Writer, fresh bool) app.RunOptions {
	return app.RunOptions{Fresh: fresh, Progress: w, ProgressTTY: isTerminal(w)}
}

// logger returns env.Log, or a discarding logger when a caller built an
// Env without one.
func (e *Env) logger() *slog.Logger {
	if e.Log != nil {
		return e.Log
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// isTerminal reports whether w is a character device (a terminal), where a
// redrawn progress line makes sense.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// newKeeper is the search-index keeper of a process's runs: it indexes each
// version a run archives, and catches up with those a killed run left out.
func newKeeper(c config.Config, log *slog.Logger) *search.Keeper {
	return &search.Keeper{Log: log, Options: search.Options{LockTimeout: c.Store.LockTimeout.D()}}
}
