// Package cli implements the newsarchive command line: one file per
// subcommand, each turning flags into an options struct and making one
// library call, writing data to an injected io.Writer (logs go to stderr via
// log/slog). cmd/newsarchive only calls Execute.
package cli
