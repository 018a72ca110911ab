// Package cli implements the newsarchive command line: one file per
// subcommand, each turning flags into an options struct and making one
// library call, writing data to an injected io.Writer (logs go to stderr via
// log/slog). cmd/newsarchive only calls Main, which is Execute with SIGINT
// and SIGTERM cancelling the command.
//
// Execute returns the exit code (exit.go): the kinds of failure app reports
// (app.ErrNothingFetched, app.ErrArchive, app.ErrInterrupted, app.ErrConfig)
// and cli's usage errors are told apart with errors.Is, never by message.
package cli
