package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/export"
	"newsarchive/store"
)

func init() { register(newImportCmd) }

func newImportCmd(env *Env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "import [--format json|warc|wacz] FILE...",
		Short: "Read an export (JSONL or JSON) back into the archive, merging versions",
		Long: `Import reads an export made by 'export' ("-" for stdin) into the archive.
Versions are merged by archive key and content hash: a version already
archived adds nothing, any other becomes a new version. Exporting with
--format jsonl --all-versions and importing into an empty archive gives
the same archive back (raw HTML is not part of an export).
--format warc (or wacz) reads WARC 1.0/1.1 files (or WACZ packages): every
HTML response with status 200 is extracted and archived as a capture
fetched at its WARC-Date, as a crawl would (README "WARC and WACZ").`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			if f, ok := webArchiveFormat(format); ok {
				return runWebArchiveImport(cmd.Context(), env, c, f, args)
			}
			if f := strings.ToLower(format); f != "json" && f != "jsonl" {
				return usage(fmt.Errorf("import --format %q: want json, jsonl, warc or wacz", format))
			}
			if len(args) != 1 {
				return usage(fmt.Errorf("import --format %s takes one FILE", format))
			}
			return RunImport(cmd.Context(), env, c, args[0])
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "json (a JSON or JSONL export), warc or wacz")
	return cmd
}

// RunImport imports file into the archive.
func RunImport(ctx context.Context, env *Env, c config.Config, file string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	var r io.Reader = os.Stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer f.Close()
		r = f
	}
	return withStore(env, c, false, func(st *store.Store) error {
		s, err := export.Import(ctx, st, r)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "imported %d records: %d versions added (%d new articles), %d already archived\n",
			s.Records, s.Versions, s.Articles, s.Unchanged)
		return nil
	})
}
