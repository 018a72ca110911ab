package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"newsarchive/app"
	"newsarchive/article"
	"newsarchive/config"
	"newsarchive/demosite"
	"newsarchive/store"
	"newsarchive/urlnorm"
)

func init() { register(newDemoCmd) }

// DemoOptions are the inputs of `demo`.
type DemoOptions struct {
	// DB is the archive the demo fills (default demo/archive.db, never the
	// configured archive: demo articles have no place in a real one).
	DB string
	// Serve, when not empty, only serves the sample site on this address
	// until interrupted, to try fetch and crawl against by hand.
	Serve string
}

func newDemoCmd(env *Env) *cobra.Command {
	var o DemoOptions
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Offline demo: crawl a bundled sample news site on loopback into an archive",
		Long: `Demo starts a bundled news site (English and Chinese articles, GBK pages,
listings, robots.txt, sitemap, feed) on 127.0.0.1, crawls it into
demo/archive.db (or --db), edits one article and crawls again to show a
second version, then prints what was archived and how to export it.
No network is needed. With --serve ADDR it only serves the site until
Ctrl-C, so that fetch and crawl can be tried against it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			if o.Serve != "" {
				return ServeDemo(cmd.Context(), env, o.Serve)
			}
			o.DB = env.DBPath
			if o.DB == "" {
				o.DB = filepath.Join("demo", "archive.db")
			}
			return RunDemo(cmd.Context(), env, c, o)
		},
	}
	cmd.Flags().StringVar(&o.Serve, "serve", "", "only serve the sample site on ADDR (e.g. 127.0.0.1:8088) until Ctrl-C")
	return cmd
}

// RunDemo runs the demo against a fresh demosite server.
func RunDemo(ctx context.Context, env *Env, c config.Config, o DemoOptions) error {
	srv, err := demosite.Start()
	if err != nil {
		return fmt.Errorf("demo site: %w", err)
	}
	defer srv.Close()
	out := env.Stdout
	c.Store.Path = o.DB
	c.Crawler.PerHostDelay = 0 // our own server on loopback: no need to be gentle
	c.Crawler.Timeout = config.Duration(10 * time.Second)
	job := config.Job{
		Name:           "demo",
		Seeds:          srv.Seeds(),
		AllowedDomains: []string{urlnorm.Host(srv.URL())},
		MaxDepth:       4,
		MaxPages:       500,
		// As a real job would: say which URLs are articles, so section,
		// tag and index pages are followed but never archived.
		Articles: []string{demosite.ArticlePattern},
	}
	fmt.Fprintf(out, "Sample news site running at %s (%d articles in English and Chinese, GBK and UTF-8).\n", srv.URL(), len(srv.ArticlePaths()))
	fmt.Fprintf(out, "Crawling it into %s …\n\n", o.DB)

	run, err := env.service(c).RunJob(ctx, job, app.RunOptions{Fresh: true})
	if err != nil {
		return fmt.Errorf("demo crawl: %w", err)
	}
	fmt.Fprintf(out, "First crawl:  %d pages fetched; articles %d new, %d changed, %d unchanged; %d errors.\n",
		run.Pages, run.New, run.Changed, run.Unchanged, run.Errors)

	edited := srv.Mutate()
	run, err = env.service(c).RunJob(ctx, job, app.RunOptions{Fresh: true})
	if err != nil {
		return fmt.Errorf("demo re-crawl: %w", err)
	}
	fmt.Fprintf(out, "Second crawl, after the site edited %s: %d pages; articles %d new, %d changed, %d unchanged.\n\n",
		edited, run.Pages, run.New, run.Changed, run.Unchanged)

	exported := filepath.Join(filepath.Dir(o.DB), "articles.json")
	if err := RunExport(env, c, ExportOptions{Format: "json", Out: exported}, time.Now()); err != nil {
		return fmt.Errorf("demo export: %w", err)
	}
	st, err := env.OpenStore(c, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := demoTable(st, out); err != nil {
		return err
	}
	if key, err := st.Resolve(srv.URL() + edited); err == nil {
		if h, err := st.History(key); err == nil {
			fmt.Fprintf(out, "\nHistory of the edited article (%s):\n", key)
			for _, v := range h {
				fmt.Fprintf(out, "  v%d  %s  %.12s  changed: %s\n", v.Version, v.FetchedAt, v.ContentHash, orDash(strings.Join(v.Changed, ", ")))
			}
		}
	}
	fmt.Fprintf(out, `
The latest version of every article is exported to %[3]s. Try next:
  bin/newsarchive export  --db %[1]s                              # the same JSON array on stdout
  bin/newsarchive export  --db %[1]s --format jsonl --all-versions  # every version, one per line
  bin/newsarchive list    --db %[1]s
  bin/newsarchive diff    --db %[1]s %[2]s
  bin/newsarchive history --db %[1]s %[2]s
(The demo site is gone when this command ends; the archive stays.)

Browse what was archived — every version, diffs, raw captures, a feed of edits:
  bin/newsarchive serve --db %[1]s
and open http://127.0.0.1:8080/ (add --no-schedule to leave the jobs of config.yaml unscheduled).
`, o.DB, srv.URL()+edited, exported)
	return nil
}

// ServeDemo serves the sample site on addr until ctx is cancelled.
func ServeDemo(ctx context.Context, env *Env, addr string) error {
	srv, err := demosite.StartAt(addr)
	if err != nil {
		return fmt.Errorf("demo site: %w", err)
	}
	defer srv.Close()
	fmt.Fprintf(env.Stdout, "Sample news site at %s/ — Ctrl-C to stop. For example:\n", srv.URL())
	fmt.Fprintf(env.Stdout, "  bin/newsarchive fetch --no-store %s%s\n", srv.URL(), srv.ArticlePaths()[0])
	fmt.Fprintf(env.Stdout, "  bin/newsarchive crawl --db demo/archive.db --seed %s/\n", srv.URL())
	<-ctx.Done()
	return nil
}

// demoTable prints one row per archived article.
func demoTable(st *store.Store, out interface{ Write([]byte) (int, error) }) error {
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	// Titles and names come last: tabwriter counts runes, and a wide CJK
	// column would push every column after it out of line.
	fmt.Fprintln(tw, "PUBLISHED\tV\tTITLE — SOURCE / AUTHORS")
	err := st.Scan(store.ScanOptions{}, func(a *article.Article) error {
		who := a.Source
		if len(a.Authors) > 0 {
			who = strings.TrimPrefix(who+" / "+strings.Join(a.Authors, ", "), " / ")
		}
		fmt.Fprintf(tw, "%s\t%d\t%s — %s\n", orDash(a.PublishedAt), a.Version, clip(a.Title, 50), orDash(who))
		return nil
	})
	if err != nil {
		return err
	}
	return tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
