package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"newsarchive/app"
	"newsarchive/config"
	"newsarchive/store"
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
// stderr and the others still run; the command then fails, as
// app.ErrNothingFetched when no URL could be fetched and app.ErrArchive
// when a write failed.
func RunFetch(ctx context.Context, env *Env, c config.Config, o FetchOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	var st *store.Store
	release := func() error { return nil }
	if !o.NoStore {
		var err error
		if st, release, err = env.openStore(c, false); err != nil {
			return err
		}
		defer release()
	}
	svc := env.service(c)
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	failed, archive, other := 0, false, false
	for _, u := range o.URLs {
		a, err := svc.Fetch(ctx, st, u)
		if err != nil {
			failed++
			archive = archive || errors.Is(err, app.ErrArchive)
			other = other || !errors.Is(err, app.ErrNothingFetched)
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
	if err := release(); err != nil {
		return err
	}
	if failed > 0 {
		err := fmt.Errorf("fetch: %d of %d URLs failed", failed, len(o.URLs))
		switch {
		case archive:
			return fmt.Errorf("%w (%w)", err, app.ErrArchive)
		case failed == len(o.URLs) && !other:
			return fmt.Errorf("%w (%w)", err, app.ErrNothingFetched)
		}
		return err
	}
	return nil
}
