package cli

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"newsarchive/app"
	"newsarchive/config"
	"newsarchive/urlnorm"
)

func init() { register(newCrawlCmd) }

// CrawlOptions are the inputs of `crawl`.
type CrawlOptions struct {
	Job    string   // run only this job ("" = every configured job)
	Seeds  []string // replace the job's seeds; with no --job, an ad-hoc job
	Fresh  bool     // start over instead of resuming an interrupted run
	Shared          // workers of a frontier in Redis (worker.go)
}

// adhocJob names the job `crawl --seed URL` runs when no --job is given:
// "adhoc-" and a hash of its normalised seeds. Its crawl state is kept under
// that name, so an interrupted ad-hoc crawl resumes when run again with the
// same seeds, and never mixes with a crawl of other seeds.
func adhocJob(seeds []string) string {
	norm := make([]string, 0, len(seeds))
	for _, s := range seeds {
		n, _ := urlnorm.Normalize(s)
		norm = append(norm, n)
	}
	sort.Strings(norm)
	h := fnv.New32a()
	h.Write([]byte(strings.Join(norm, "\n")))
	return fmt.Sprintf("adhoc-%08x", h.Sum32())
}

func newCrawlCmd(env *Env) *cobra.Command {
	var o CrawlOptions
	cmd := &cobra.Command{
		Use:   "crawl [--job NAME] [--seed URL]... [--fresh]",
		Short: "Run the configured job(s) once and print a summary on stderr",
		Long: `Crawl runs every configured job once (or only --job NAME) and exits.
--seed replaces the job's seeds; with no --job it crawls an ad-hoc job on the
seeds' hosts with the default limits. An interrupted crawl (Ctrl-C, SIGTERM,
a crash) continues where it stopped on the next crawl of that job; --fresh
starts over.

Exit status: 0 the run completed (page errors are counted in the summary),
2 usage or configuration error, 3 nothing could be fetched, 4 the archive
could not be written, 130 interrupted, 1 anything else (README "Exit
status").`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunCrawl(cmd.Context(), env, c, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Job, "job", "", "run only this job")
	f.StringArrayVar(&o.Seeds, "seed", nil, "start URL (repeatable); without --job, crawl these as an ad-hoc job")
	f.BoolVar(&o.Fresh, "fresh", false, "start over instead of resuming an interrupted run")
	o.Shared.flags(f)
	return cmd
}

// RunCrawl runs the selected jobs one after another, printing one summary
// line per job on stderr, whatever happened. A failed job does not stop the
// others; an interrupt does. The error keeps the kinds app.RunJob reports,
// which decide the exit code.
func RunCrawl(ctx context.Context, env *Env, c config.Config, o CrawlOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	jobs, err := selectJobs(c, o)
	if err != nil {
		return usage(err)
	}
	if o.Worker {
		return runWorker(ctx, env, c, o, jobs)
	}
	var failed []error
	for _, j := range jobs {
		ro := progressTo(env.Stderr, o.Fresh)
		ro.NoFetch = o.NoFetch
		run, err := env.service(c).RunJob(ctx, j, ro)
		// The summary prints whatever the outcome, for cron's log.
		fmt.Fprintf(env.Stderr, "crawl %s: %d pages fetched; articles %d new, %d changed, %d unchanged; %d errors (%s)\n",
			j.Name, run.Pages, run.New, run.Changed, run.Unchanged, run.Errors, run.Ended.Sub(run.Started).Round(1e6))
		if errors.Is(err, app.ErrInterrupted) || ctx.Err() != nil {
			return fmt.Errorf("crawl %s %w; the next crawl continues where it stopped (--fresh starts over)", j.Name, app.ErrInterrupted)
		}
		if err != nil {
			failed = append(failed, fmt.Errorf("crawl %s: %w", j.Name, err))
		}
	}
	return errors.Join(failed...)
}

// selectJobs turns the flags into the jobs to run.
func selectJobs(c config.Config, o CrawlOptions) ([]config.Job, error) {
	for _, s := range o.Seeds {
		if _, err := urlnorm.Normalize(s); err != nil {
			return nil, fmt.Errorf("--seed: %w", err)
		}
	}
	switch {
	case o.Job != "":
		j, ok := c.Job(o.Job)
		if !ok {
			return nil, fmt.Errorf("no job named %q in %s", o.Job, configName(c))
		}
		if len(o.Seeds) > 0 {
			j.Seeds = o.Seeds
		}
		return []config.Job{j}, nil
	case len(o.Seeds) > 0:
		j := config.DefaultJob()
		j.Name, j.Seeds = adhocJob(o.Seeds), o.Seeds
		return []config.Job{j}, nil
	case len(c.Jobs) == 0:
		return nil, fmt.Errorf("no jobs configured in %s; give --seed URL or add a job", configName(c))
	}
	return c.Jobs, nil
}

func configName(c config.Config) string {
	if c.File == "" {
		return "the built-in configuration"
	}
	return c.File
}
