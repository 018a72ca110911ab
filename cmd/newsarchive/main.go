// Command newsarchive crawls news sites, extracts articles, keeps every
// version in a bbolt archive and exports them as JSON. See README.md.
package main

import (
	"os"

	"newsarchive/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
