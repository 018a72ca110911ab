package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/export"
	"newsarchive/store"
)

func init() { register(newImportCmd) }

func newImportCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE",
		Short: "Read an export (JSONL or JSON) back into the archive, merging versions",
		Long: `Import reads an export made by 'export' ("-" for stdin) into the archive.
Versions are merged by archive key and content hash: a version already
archived adds nothing, any other becomes a new version. Exporting with
--format jsonl --all-versions and importing into an empty archive gives
the same archive back (raw HTML is not part of an export).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunImport(cmd.Context(), env, c, args[0])
		},
	}
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
