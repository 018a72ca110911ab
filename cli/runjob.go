package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"newsarchive/article"
	"newsarchive/config"
	"newsarchive/scraper"
	"newsarchive/store"
)

// RunOptions adjust one run of a job.
type RunOptions struct {
	// Fresh starts the job over instead of resuming an interrupted run.
	Fresh bool
	// Progress, when not nil and a terminal, gets a live progress line;
	// otherwise progress goes to the log every ProgressEvery.
	Progress      io.Writer
	ProgressEvery time.Duration
}

// RunJob runs one job once: it opens the store (holding it for this run
// only, decision 4 of issue #2), crawls with the store's crawl state and a
// sink that archives into it, records a store.Run and closes the store.
// crawl calls it per job and the schedule daemon per tick. The returned Run
// is filled in even when the error is not nil (an interrupted crawl: the
// next RunJob of the job resumes it).
func RunJob(ctx context.Context, env *Env, cfg config.Config, job config.Job, ro RunOptions) (store.Run, error) {
	log := env.logger().With("job", job.Name)
	run := store.Run{Job: job.Name, Started: time.Now().UTC()}
	o, err := scraper.FromConfig(cfg.Crawler, job, cfg.Sites)
	if err != nil {
		return run, err
	}
	st, err := env.OpenStore(cfg, false)
	if err != nil {
		return run, err
	}
	o.State = st.CrawlState(job.Name)
	o.Sink = StoreSink(st)
	o.Log = log
	o.Fresh = ro.Fresh
	o.Progress = ro.Progress
	o.ProgressTTY = isTerminal(ro.Progress)
	o.ProgressEvery = ro.ProgressEvery
	log.Info("crawl started", "seeds", len(job.Seeds), "fresh", ro.Fresh)
	stats, runErr := scraper.New(o).Run(ctx)
	run.Ended = time.Now().UTC()
	run.Pages, run.New, run.Changed, run.Unchanged, run.Errors = stats.Pages, stats.New, stats.Changed, stats.Unchanged, stats.Errors
	switch {
	case errors.Is(runErr, context.Canceled), errors.Is(runErr, context.DeadlineExceeded):
		run.Error = "interrupted; the next crawl of this job continues where it stopped"
	case runErr != nil:
		run.Error = runErr.Error()
	}
	id, addErr := st.AddRun(run)
	if addErr != nil {
		log.Error("recording the run", "err", addErr)
	}
	run.ID = id
	log.Info("crawl finished", "pages", stats.Pages, "new", stats.New, "changed", stats.Changed,
		"unchanged", stats.Unchanged, "listings", stats.Listings, "skipped", stats.Skipped,
		"errors", stats.Errors, "resumed", stats.Resumed, "elapsed", stats.Elapsed.Round(time.Millisecond),
		"pages_per_s", fmt.Sprintf("%.1f", stats.Rate()))
	if runErr == nil {
		runErr = addErr // a run that could not be recorded is a failed command
	}
	if cerr := st.Close(); cerr != nil && runErr == nil {
		runErr = cerr
	}
	return run, runErr
}

// StoreSink archives the crawler's pages into st: an article becomes a Put
// (new version or last_checked update), a 304 a Touch.
func StoreSink(st *store.Store) scraper.Sink {
	return scraper.SinkFunc(func(ctx context.Context, p *scraper.Page, a *article.Article) (scraper.Outcome, error) {
		if p.NotModified {
			err := st.Touch(ctx, p.URL, p.FetchedAt)
			if errors.Is(err, store.ErrNotFound) {
				// Validators outlived the article (a pruned or replaced
				// archive): nothing to touch; the next full fetch re-adds it.
				return scraper.Skipped, nil
			}
			return scraper.Unchanged, err
		}
		if a == nil {
			return scraper.Skipped, nil
		}
		r, err := st.Put(ctx, store.Snapshot{
			Key:       p.Key,
			URL:       p.URL,
			Article:   a,
			Raw:       p.Raw,
			Status:    p.Status,
			FetchedAt: p.FetchedAt,
		})
		if err != nil {
			return scraper.Skipped, err
		}
		switch r.Outcome {
		case store.New:
			return scraper.Created, nil
		case store.Changed:
			return scraper.Changed, nil
		}
		return scraper.Unchanged, nil
	})
}

// logger returns env.Log, or a discarding logger when a caller built an
// Env without one.
func (e *Env) logger() *slog.Logger {
	if e.Log != nil {
		return e.Log
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// isTerminal reports whether w is a character device (a terminal), where a
// redrawn progress line makes sense.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
