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
	// NoFetch, with a frontier in Redis, only seeds and archives: workers
	// (crawl --worker) do the fetching.
	NoFetch bool
}

// RunJob runs one job once: it crawls with the archive's crawl state and a
// sink that archives into it, and records a store.Run. The returned Run is
// filled in even when the error is not nil. The error is ErrInterrupted for
// a cancelled crawl (the next RunJob of the job resumes it), ErrConfig for
// settings the crawler cannot use, ErrArchive when the archive could not be
// opened or written, and ErrNothingFetched when the run had errors and
// fetched no page at all. Errors of single pages only count in the Run.
func (s *Service) RunJob(ctx context.Context, job config.Job, ro RunOptions) (run store.Run, err error) {
	log := s.logger().With("job", job.Name)
	run = store.Run{Job: job.Name, Started: time.Now().UTC()}
	defer func() {
		if run.Ended.IsZero() {
			run.Ended = time.Now().UTC()
		}
	}()
	if s.Config.Crawler.SharedFrontier() {
		return s.runShared(ctx, job, ro, run)
	}
	o, err := CrawlerOptions(s.Config.Crawler, job, s.Config.Sites)
	if err != nil {
		return run, err
	}
	if !s.running.start(job.Name) {
		return run, fmt.Errorf("job %s: %w", job.Name, ErrJobRunning)
	}
	defer s.running.done(job.Name)
	st, release, err := s.acquire()
	if err != nil {
		return run, err
	}
	nt, finishNotify := s.startRunNotify(st, job.Name, log)
	arch := newArchiver(st, nt)
	o.State = st.CrawlState(job.Name)
	sink, endIndex := s.indexed(st, arch)
	o.Sink = sink
	o.Log = log
	o.Extractor = s.Extractor
	o.Fresh = ro.Fresh
	o.Progress = ro.Progress
	o.ProgressTTY = ro.ProgressTTY
	o.ProgressEvery = ro.ProgressEvery
	log.Info("crawl started", "seeds", len(job.Seeds), "fresh", ro.Fresh)
	stats, runErr := scraper.New(o).Run(ctx)
	run.Ended = time.Now().UTC()
	run.Pages, run.New, run.Changed, run.Unchanged, run.Errors = stats.Pages, stats.New, stats.Changed, stats.Unchanged, stats.Errors
	runErr = runOutcome(runErr, arch.err(), stats)
	for _, h := range stats.Hosts {
		run.Hosts = append(run.Hosts, store.RunHost(h))
	}
	endIndex()
	addErr := recordRun(st, &run, runErr, log)
	log.Info("crawl finished", append([]any{"pages", stats.Pages, "new", stats.New, "changed", stats.Changed,
		"unchanged", stats.Unchanged, "listings", stats.Listings, "skipped", stats.Skipped,
		"errors", stats.Errors, "resumed", stats.Resumed, "elapsed", stats.Elapsed.Round(time.Millisecond),
		"pages_per_s", fmt.Sprintf("%.1f", stats.Rate())}, stats.LimitAttrs()...)...)
	finishNotify(ctx) // a cron crawl delivers before it exits
	if runErr == nil && addErr != nil {
		runErr = mark(ErrArchive, addErr) // a run that could not be recorded is a failed command
	}
	if cerr := release(); cerr != nil && runErr == nil {
		runErr = mark(ErrArchive, cerr)
	}
	return run, runErr
}

// runOutcome files the crawler's error, the sink's failed writes and the
// counts under the kinds RunJob documents.
func runOutcome(runErr, sinkErr error, stats scraper.Stats) error {
	switch {
	case errors.Is(runErr, context.Canceled), errors.Is(runErr, context.DeadlineExceeded):
		return mark(ErrInterrupted, runErr)
	case errors.Is(runErr, scraper.ErrOptions):
		return mark(ErrConfig, runErr)
	case runErr != nil:
		// Besides its options and its context, a crawl fails only on its
		// State: the crawl state kept in the archive.
		return mark(ErrArchive, runErr)
	case sinkErr != nil:
		return sinkErr
	case stats.Pages == 0 && stats.Errors > 0:
		return fmt.Errorf("%w: %d requests failed and no page was fetched (see the log)", ErrNothingFetched, stats.Errors)
	}
	return nil
}
