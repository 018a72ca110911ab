package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/search"
	"newsarchive/store"
)

func init() { register(newReindexCmd) }

func newReindexCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the full-text search index (ARCHIVE.index) from the archive",
		Long: `Reindex builds the search index of every version of every article anew,
beside the old one, and puts it in place only when it is complete. The index
is derived data: the archive is never changed, and a missing or damaged
index is cured by running this.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunReindex(cmd.Context(), env, c)
		},
	}
}

// RunReindex rebuilds the index and says how fast it went.
func RunReindex(ctx context.Context, env *Env, c config.Config) error {
	if ctx == nil {
		ctx = context.Background()
	}
	return withStore(env, c, true, func(st *store.Store) error {
		start := time.Now()
		n, err := search.Reindex(ctx, st, search.Options{LockTimeout: c.Store.LockTimeout.D()})
		if err != nil {
			return fmt.Errorf("reindex: %w", err)
		}
		d := time.Since(start)
		fmt.Fprintf(env.Stdout, "indexed %d versions into %s in %s (%.0f/s)\n",
			n, search.Path(st.Path()), d.Round(time.Millisecond), float64(n)/max(d.Seconds(), 1e-9))
		return nil
	})
}

// verifyIndex reports what is out of step in the search index. An archive
// without an index is fine (it is derived data) and only noted.
func verifyIndex(env *Env, st *store.Store) error {
	s, problems, err := search.Check(st)
	if err != nil {
		return err
	}
	// The index is derived data: its problems are reported, with the
	// remedy, but do not make the archive fail verify.
	for _, p := range problems {
		fmt.Fprintf(env.Stdout, "search index: %s\n", termText(p))
	}
	if s.Missing && s.Versions > 0 {
		fmt.Fprintf(env.Stdout, "no search index (run newsarchive reindex to build one)\n")
	}
	if len(problems) == 0 && s.Docs > 0 {
		fmt.Fprintf(env.Stdout, "search index: %d versions, in step\n", s.Docs)
	}
	return nil
}
