// Package cli implements the newsarchive command line: one file per
// subcommand, each turning flags into an options struct and making one
// library call, writing data to an injected io.Writer (logs go to stderr via
// log/slog). cmd/newsarchive only calls Main, which is Execute with SIGINT
// and SIGTERM cancelling the command.
//
// Execute returns the exit code (exit.go): the kinds of failure app reports
// (app.ErrNothingFetched, app.ErrArchive, app.ErrInterrupted, app.ErrConfig)
// and cli's usage errors are told apart with errors.Is, never by message.
//
// While `serve` holds an archive, the commands that read it (and fetch and
// crawl) are carried out by that server: the runner forwards the command
// line through the discovery file beside the archive (forward.go), and the
// server runs the same command code on the archive it holds (serve.go), so
// the output is the same byte for byte.
package cli
