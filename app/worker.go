package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"newsarchive/config"
	"newsarchive/frontier/redisfrontier"
	"newsarchive/scraper"
)

// WorkerOptions adjust a worker.
type WorkerOptions struct {
	// Stay waits for the job's next run when one ends, instead of
	// returning.
	Stay bool
	// Name names the worker in leases and heartbeats (default: host, pid
	// and a counter).
	Name string
}

// workerState is the shared frontier as a worker sees it: the archive side
// begins and ends runs, so a worker's crawl always joins the current one.
type workerState struct{ *redisfrontier.State }

func (workerState) BeginRun(bool) (bool, error) { return true, nil }
func (workerState) EndRun() error               { return nil }
func (workerState) Reset() error                { return errors.New("a worker does not reset the frontier") }

// RunWorker fetches and extracts for job from its Redis frontier and sends
// each result to the job's results stream; it never opens the archive. It
// waits for a run to be seeded, crawls while the run has work, and returns
// nil once the run it took part in has ended (with Stay, it waits for the
// next). Cancelling ctx stops it cleanly: its leases go back to the queues
// at once. An unreachable Redis is retried with backoff.
func (s *Service) RunWorker(ctx context.Context, job config.Job, wo WorkerOptions) error {
	log := s.logger().With("job", job.Name, "role", "worker")
	o, err := CrawlerOptions(s.Config.Crawler, job, s.Config.Sites)
	if err != nil {
		return err
	}
	rdb, err := dialRetry(ctx, s.Config.Crawler.Frontier, log)
	if err != nil {
		return nil //nolint:nilerr // cancelled while Redis was down: a clean stop
	}
	defer redisfrontier.Close(rdb)
	log.Info("worker connected; waiting for a run", "redis", rdb.Options().Addr)
	defer func() { log.Info("worker stopped", "redis_round_trips", redisfrontier.RoundTrips()) }()
	gen := int64(-1)
	// A worker looks at the run every poll while it waits for one (cheap:
	// one HMGET), and backs off only when Redis fails.
	const poll = 200 * time.Millisecond
	wait := newBackoff(poll, 5*time.Second)
	for ctx.Err() == nil {
		run, err := redisfrontier.RunOf(ctx, rdb, job.Name)
		if err == nil {
			wait.reset()
		}
		switch {
		case err != nil:
			log.Warn("redis unreachable; retrying", "err", err, "in", wait.next)
		case gen >= 0 && (!run.Running || run.Gen != gen) && !wo.Stay:
			log.Info("run ended")
			return nil
		case !run.Running || !run.Seeded || run.Queued+run.Claimed == 0:
			// Before the run, or at its very end (the archive side still
			// drains): look again soon.
			if run.Running && run.Seeded {
				gen = run.Gen
			}
		default:
			gen = run.Gen
			if err := s.workerCrawl(ctx, rdb, job, o, wo, log); err != nil {
				log.Warn("crawl stopped; retrying", "err", err, "in", wait.next)
				wait.sleep(ctx)
			}
			continue
		}
		wait.sleep(ctx)
	}
	return nil
}

// workerCrawl runs one crawler on the shared frontier until the run has no
// work left; the State's leases are given back when it ends.
func (s *Service) workerCrawl(ctx context.Context, rdb *redis.Client, job config.Job, o scraper.Options, wo WorkerOptions, log *slog.Logger) error {
	fs := redisfrontier.New(rdb, redisfrontier.Options{
		Job: job.Name, LeaseTTL: s.Config.Crawler.LeaseTTL.D(), Worker: wo.Name, Shared: true, StopOnRestart: true,
	})
	o.State = workerState{fs}
	o.Sink = streamSink(rdb, job.Name, fs.Worker())
	o.Log = log.With("worker", fs.Worker())
	st, err := scraper.New(o).Run(ctx)
	if cerr := fs.Close(); cerr != nil {
		log.Warn("giving leases back", "err", cerr) // they expire after the lease TTL
	}
	o.Log.Info("worker crawl", "pages", st.Pages, "new", st.New, "changed", st.Changed,
		"unchanged", st.Unchanged, "errors", st.Errors, "elapsed", st.Elapsed.Round(time.Millisecond))
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// dialRetry connects to Redis, retrying with backoff until ctx is done.
func dialRetry(ctx context.Context, url string, log *slog.Logger) (*redis.Client, error) {
	b := newBackoff(500*time.Millisecond, 30*time.Second)
	for {
		rdb, err := dialFrontier(ctx, url)
		if err == nil {
			return rdb, nil
		}
		log.Warn("redis unreachable; retrying", "err", err, "in", b.next)
		if !b.sleep(ctx) {
			return nil, ctx.Err()
		}
	}
}

func dialFrontier(ctx context.Context, url string) (*redis.Client, error) {
	if url == "" {
		return nil, fmt.Errorf("crawler.frontier is not set: the job's frontier is in the archive, not in Redis")
	}
	dctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return redisfrontier.Dial(dctx, url)
}

// backoff doubles a wait from min to max.
type backoff struct{ min, max, next time.Duration }

func newBackoff(min, max time.Duration) *backoff { return &backoff{min, max, min} }

func (b *backoff) reset() { b.next = b.min }

// sleep waits the next interval; false if ctx ended first.
func (b *backoff) sleep(ctx context.Context) bool {
	t := time.NewTimer(b.next)
	defer t.Stop()
	b.next = min(2*b.next, b.max)
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
