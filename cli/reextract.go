package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"newsarchive/article"
	"newsarchive/config"
	"newsarchive/extract"
	"newsarchive/store"
)

func init() { register(newReextractCmd) }

func newReextractCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "reextract",
		Short: "Re-run the current extractor over every stored raw HTML; add versions where the content changed",
		Long: `Reextract runs today's extractor over the raw HTML kept with every
version and records a new version where the result's content hash differs
(it keeps the capture's fetched_at and raw HTML), so an extractor
improvement reaches old captures without a re-crawl. Versions imported from
JSON have no raw HTML and are left alone.`,
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

// RunReextract re-extracts the whole archive.
func RunReextract(ctx context.Context, env *Env, c config.Config) error {
	if ctx == nil {
		ctx = context.Background()
	}
	fn := func(key string, raw []byte, old *article.Article) (*article.Article, error) {
		u := old.URL
		if u == "" {
			u = key
		}
		r, err := extract.FromBytes(raw, "", extract.Options{URL: u, Sites: c.Sites})
		if err != nil {
			return nil, err
		}
		return &r.Article, nil
	}
	return withStore(env, c, false, func(st *store.Store) error {
		s, err := st.Reextract(ctx, fn)
		fmt.Fprintf(env.Stdout, "re-extracted %d raw captures of %d articles: %d versions added, %d unchanged, %d failed\n",
			s.Captures, s.Articles, s.Added, s.Unchanged, s.Failed)
		return err
	})
}
