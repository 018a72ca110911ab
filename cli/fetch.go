package cli

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"newsarchive/article"
	"newsarchive/config"
	"newsarchive/scraper"
	"newsarchive/store"
	"newsarchive/urlnorm"
)

func init() { register(newFetchCmd) }

// FetchOptions are the inputs of `fetch`.
type FetchOptions struct {
	URLs    []string
	NoStore bool
}

func newFetchCmd(env *Env) *cobra.Command {
	var o FetchOptions
	cmd := &cobra.Command{
		Use:   "fetch [--no-store] URL...",
		Short: "Fetch, extract and archive URLs now; print each article as one JSON line",
		Long: `Fetch fetches each URL (robots.txt and the crawler settings apply),
extracts the article, archives a version unless --no-store (an unchanged
article only updates last_checked), and prints the article JSON with its
archive fields, one line per URL in order.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.URLs = args
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunFetch(cmd.Context(), env, c, o)
		},
	}
	cmd.Flags().BoolVar(&o.NoStore, "no-store", false, "do not open or write the archive")
	return cmd
}

// RunFetch fetches the URLs in order. A URL that fails is reported on
// stderr and the others still run; the command then fails.
func RunFetch(ctx context.Context, env *Env, c config.Config, o FetchOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	var st *store.Store
	if !o.NoStore {
		var err error
		if st, err = env.OpenStore(c, false); err != nil {
			return err
		}
		defer st.Close()
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, u := range o.URLs {
		a, err := fetchOne(ctx, env, c, st, u)
		if err != nil {
			failed++
			fmt.Fprintf(env.Stderr, "newsarchive: fetch: %v\n", err) // errors name their URL
			if ctx.Err() != nil {
				break
			}
			continue
		}
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	if st != nil {
		if err := st.Close(); err != nil {
			return err
		}
	}
	if failed > 0 {
		return fmt.Errorf("fetch: %d of %d URLs failed", failed, len(o.URLs))
	}
	return nil
}

// fetchOne fetches and extracts u and, with a store, archives it and
// returns the stored latest version (archive fields included).
func fetchOne(ctx context.Context, env *Env, c config.Config, st *store.Store, u string) (*article.Article, error) {
	job := jobFor(c, u)
	o, err := scraper.FromConfig(c.Crawler, job, c.Sites)
	if err != nil {
		return nil, err
	}
	o.Log = env.logger()
	page, res, err := scraper.New(o).FetchOne(ctx, u)
	if err != nil {
		return nil, err
	}
	a := res.Article
	if st == nil {
		a.FetchedAt = page.FetchedAt.Format("2006-01-02T15:04:05Z07:00")
		a.HTTPStatus = page.Status
		return &a, nil
	}
	if _, err := StoreSink(st).Archive(ctx, page, &a); err != nil {
		return nil, fmt.Errorf("archive: %w", err)
	}
	latest, err := st.Latest(page.Key)
	if err != nil {
		return nil, err
	}
	return &latest, nil
}

// jobFor returns the configured job whose hosts include u's host, so that a
// one-off fetch keys the article as a crawl of that job would (decision 2:
// a canonical URL on any of the job's hosts); with none, a job of u alone.
func jobFor(c config.Config, u string) config.Job {
	host := urlnorm.Host(u)
	for _, j := range c.Jobs {
		if urlnorm.HostAllowed(host, j.Hosts()) {
			return config.Job{Name: j.Name, Seeds: []string{u}, AllowedDomains: j.Hosts()}
		}
	}
	return config.Job{Name: "fetch", Seeds: []string{u}}
}
