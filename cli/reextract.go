package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"newsarchive/app"
	"newsarchive/config"
	"newsarchive/extract"
	"newsarchive/store"
)

func init() { register(newReextractCmd) }

func newReextractCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "reextract",
		Short: "Re-read every stored raw HTML with the current extractor and refresh each version in place",
		Long: `Reextract runs today's extractor over the raw HTML kept with every
version, decoded with the response headers stored with it, and refreshes
the version's article, content hash and extraction record in place. It never
adds, removes or renumbers a version; each refreshed version's first
extraction stays available (show --original). It lists the versions whose
content has become identical to the version before them; they are kept.
Versions imported from JSON have no raw HTML and are left alone.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunReextract(cmd.Context(), env, c)
		},
	}
}

// RunReextract re-reads the whole archive with the current extractor.
func RunReextract(ctx context.Context, env *Env, c config.Config) error {
	if ctx == nil {
		ctx = context.Background()
	}
	return withStore(env, c, false, func(st *store.Store) error {
		s, err := st.Reextract(ctx, app.Rereader(extract.Current(), c.Sites))
		fmt.Fprintf(env.Stdout, "re-read %d versions of %d articles with extractor %s: %d refreshed (%d with new content), %d unchanged, %d failed, %d without raw HTML\n",
			s.Versions, s.Articles, extract.Version, s.Refreshed, s.HashChanged, s.Unchanged, s.Failed, s.NoRaw)
		for _, d := range s.Identical {
			fmt.Fprintf(env.Stdout, "  %s: version %d now reads the same as version %d (both kept)\n", d.Key, d.Version, d.Previous)
		}
		for _, d := range s.Undeclared {
			fmt.Fprintf(env.Stdout, "  %s: version %d reads differently, and its capture has no stored headers (archived before they were kept): its charset was decided without the HTTP header; show --version %d --original prints the first reading\n", d.Key, d.Version, d.Version)
		}
		return err
	})
}
