package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/export"
	"newsarchive/search"
	"newsarchive/store"
)

func init() { register(newSearchCmd) }

// SearchOptions are the inputs of `search`.
type SearchOptions struct {
	Query       string
	AllVersions bool
	Removed     bool
	Site        string
	Since       string // RFC 3339, a date, or an age (as export --since)
	Limit       int
	Sort        string
	Format      string
	Cursor      string
}

// badQuery is a query that does not parse: exit status 2, as for a usage
// error.
type badQuery struct{ error }

func (badQuery) ExitCode() int   { return 2 }
func (e badQuery) Unwrap() error { return e.error }

func newSearchCmd(env *Env) *cobra.Command {
	var o SearchOptions
	cmd := &cobra.Command{
		Use:   "search QUERY [--all-versions] [--removed] [--site HOST] [--since T] [--limit N] [--sort relevance|date] [--format text|json|jsonl]",
		Short: "Full-text search of the archive, in Chinese and English (latest versions by default)",
		Long: `Search the archive's full-text index (ARCHIVE.index, beside the archive).
A query is words, "phrases", field:value (title: text: description: author:
source: tag: site: lang:), date ranges (published:>=2024-01-01,
fetched:2024-03, published:2024-01-01..2024-06-30) and AND, OR, NOT or -word,
with parentheses. --removed finds the old versions whose match is gone from
the article's latest version. A query that does not parse exits with 2.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			o.Query = strings.Join(args, " ")
			return RunSearch(cmd.Context(), env, c, o, time.Now())
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.AllVersions, "all-versions", false, "search every version, not just the latest of each article")
	f.BoolVar(&o.Removed, "removed", false, "find old versions whose match is gone from the latest version")
	f.StringVar(&o.Site, "site", "", "only articles on HOST or its subdomains")
	f.StringVar(&o.Since, "since", "", "only versions fetched at or after T (RFC 3339, 2024-09-05, 36h, 7d)")
	f.IntVar(&o.Limit, "limit", 20, "at most this many hits")
	f.StringVar(&o.Sort, "sort", "relevance", "relevance or date (newest first)")
	f.StringVar(&o.Format, "format", "text", "text (one line per hit), json (the whole result) or jsonl (one hit per line)")
	f.StringVar(&o.Cursor, "cursor", "", "the next page: the \"next\" cursor of a json result")
	return cmd
}

// RunSearch prints the hits of o.Query.
func RunSearch(ctx context.Context, env *Env, c config.Config, o SearchOptions, now time.Time) error {
	if ctx == nil {
		ctx = context.Background()
	}
	switch o.Format {
	case "text", "json", "jsonl":
	default:
		return fmt.Errorf("--format: want text, json or jsonl, not %q", o.Format)
	}
	if o.Sort != "relevance" && o.Sort != "date" {
		return fmt.Errorf("--sort: want relevance or date, not %q", o.Sort)
	}
	since, err := export.ParseTime(o.Since, now)
	if err != nil {
		return fmt.Errorf("--since: %w", err)
	}
	return withStore(env, c, true, func(st *store.Store) error {
		ix, err := search.Open(st, search.Options{LockTimeout: c.Store.LockTimeout.D()})
		if err != nil {
			return err
		}
		defer ix.Close()
		if n, err := ix.CatchUp(ctx); err != nil {
			fmt.Fprintf(env.Stderr, "warning: %v\n", err)
		} else if n > 0 {
			env.logger().Info("search index caught up", "versions", n)
		}
		res, err := ix.Search(ctx, search.Request{
			Query: o.Query, AllVersions: o.AllVersions, Removed: o.Removed, Site: o.Site,
			Since: since, Sort: o.Sort, Limit: o.Limit, Cursor: o.Cursor,
		})
		var qe *search.QueryError
		if errors.As(err, &qe) {
			return badQuery{err}
		}
		if err != nil {
			return err
		}
		if err := writeHits(env.Stdout, o.Format, res); err != nil {
			return err
		}
		if o.Format == "text" {
			fmt.Fprintln(env.Stderr, summary(res))
		}
		return ix.Close()
	})
}

func writeHits(w io.Writer, format string, res search.Result) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, h := range res.Hits {
			if err := enc.Encode(h); err != nil {
				return err
			}
		}
		return nil
	}
	for _, h := range res.Hits {
		frag := ""
		if len(h.Fragments) > 0 {
			f := h.Fragments[0]
			if f.Field == "title" && len(h.Fragments) > 1 {
				f = h.Fragments[1] // the title is on the line already
			}
			frag = strings.Join(strings.Fields(f.Marked("«", "»")), " ")
		}
		v := fmt.Sprintf("v%d", h.Version)
		if h.RemovedIn > 0 {
			v = fmt.Sprintf("v%d (gone in v%d)", h.Version, h.RemovedIn)
		}
		if _, err := fmt.Fprintf(w, "%s\t%s\t%s\t%.3f\t%s\n", h.Key, v, h.Title, h.Score, frag); err != nil {
			return err
		}
	}
	return nil
}

// summary is the line after the hits: the count and the facets.
func summary(res search.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d hits", res.Total)
	if len(res.Hits) < res.Total {
		fmt.Fprintf(&b, " (%d shown)", len(res.Hits))
	}
	for _, f := range []struct {
		name string
		list []search.FacetCount
	}{{"sites", res.Sites}, {"months", res.Months}} {
		if len(f.list) == 0 {
			continue
		}
		parts := make([]string, len(f.list))
		for i, c := range f.list {
			parts[i] = fmt.Sprintf("%s %d", c.Value, c.Count)
		}
		fmt.Fprintf(&b, "; %s: %s", f.name, strings.Join(parts, ", "))
	}
	return b.String()
}
