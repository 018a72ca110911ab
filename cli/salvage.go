package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/store"
)

func init() { register(newSalvageCmd) }

func newSalvageCmd(env *Env) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "salvage --out NEW.db",
		Short: "Copy every readable article out of a damaged archive into a new one",
		Long: `Salvage reads the archive file page by page, skipping damaged pages, and
copies every readable version (with its raw HTML where that is readable
too), alias and run into NEW.db, a new archive, keeping version numbers and
dates. A version is copied only if it matches its content hash. It reports
what it saved and what it knows was lost. Crawl state is not copied: the
next crawl of a job starts afresh. NEW.db must not exist; it appears only
once the salvage is complete.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunSalvage(cmd.Context(), env, c, out)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "the new archive (required; must not exist)")
	return cmd
}

// RunSalvage salvages the archive of c into out.
func RunSalvage(ctx context.Context, env *Env, c config.Config, out string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if out == "" || out == "-" {
		return errors.New("salvage: --out NEW.db is required (a file: the new archive)")
	}
	target, fi, err := outTarget(out, c.Store.Path)
	if err != nil {
		return err
	}
	if fi != nil {
		return fmt.Errorf("salvage: --out %s exists: salvage writes a new archive", out)
	}
	src, err := env.openDamaged(c)
	if err != nil {
		return err
	}
	defer src.Close()
	// Written under a temporary name (locked by bbolt while it is written,
	// swept if the salvage is killed) and renamed once complete.
	tmp := tempPath(filepath.Dir(target))
	dst, err := store.Open(tmp, store.Options{})
	if err != nil {
		return err
	}
	r, err := src.Salvage(ctx, dst)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, target)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("salvage: %w", err)
	}
	syncDir(filepath.Dir(target))
	w := env.Stdout
	fmt.Fprintf(w, "salvaged %s into %s\n", oneLine(c.Store.Path), oneLine(out))
	fmt.Fprintf(w, "saved: %d articles, %d versions, %d raw captures, %d aliases, %d runs\n",
		r.Articles, r.Versions, r.RawBodies, r.Aliases, r.Runs)
	fmt.Fprintf(w, "lost:  %d articles, %d versions, %d raw captures, %d aliases, %d runs",
		r.LostArticles, r.LostVersions, r.LostRawBodies, r.LostAliases, r.LostRuns)
	if r.DamagedPages > 0 {
		pages := "pages"
		if r.DamagedPages == 1 {
			pages = "page"
		}
		fmt.Fprintf(w, " (known to be lost; what lay only on the %d damaged %s is not counted)", r.DamagedPages, pages)
	}
	fmt.Fprintln(w)
	for _, p := range r.Problems {
		fmt.Fprintf(w, "damaged: %s\n", oneLine(p))
	}
	if r.DamagedPages > len(r.Problems) {
		fmt.Fprintf(w, "… and %d more\n", r.DamagedPages-len(r.Problems))
	}
	return nil
}
