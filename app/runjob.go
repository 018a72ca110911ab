package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"newsarchive/config"
	"newsarchive/scraper"
	"newsarchive/store"
)

// RunOptions adjust one run of a job.
type RunOptions struct {
	// Fresh starts the job over instead of resuming an interrupted run.
	Fresh bool
	// Progress, when not nil and ProgressTTY, gets a live progress line;
	// otherwise progress goes to the log every ProgressEvery.
	Progress      io.Writer
	ProgressTTY   bool
	ProgressEvery time.Duration
}

// RunJob runs one job once: it crawls with the archive's crawl state and a
// sink that archives into it, and records a store.Run. The returned Run is
// filled in even when the error is not nil (an interrupted crawl: the next
// RunJob of the job resumes it).
func (s *Service) RunJob(ctx context.Context, job config.Job, ro RunOptions) (store.Run, error) {
	log := s.logger().With("job", job.Name)
	run := store.Run{Job: job.Name, Started: time.Now().UTC()}
	o, err := CrawlerOptions(s.Config.Crawler, job, s.Config.Sites)
	if err != nil {
		return run, err
	}
	st, release, err := s.acquire()
	if err != nil {
		return run, err
	}
	o.State = st.CrawlState(job.Name)
	sink, endIndex := s.indexed(st, Sink(st))
	o.Sink = sink
	o.Log = log
	o.Fresh = ro.Fresh
	o.Progress = ro.Progress
	o.ProgressTTY = ro.ProgressTTY
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
	endIndex()
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
	if cerr := release(); cerr != nil && runErr == nil {
		runErr = cerr
	}
	return run, runErr
}
