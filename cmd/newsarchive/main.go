// Command newsarchive crawls news sites, extracts articles, keeps every
// version in a bbolt archive and exports them as JSON. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"newsarchive/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Execute(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
