package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"newsarchive/config"
	"newsarchive/frontier"
	"newsarchive/frontier/redisfrontier"
	"newsarchive/scraper"
	"newsarchive/store"
)

// runShared is RunJob with the frontier in Redis (crawler.frontier): the
// archive side. It begins (or resumes) the run and seeds it, runs a worker
// of its own unless ro.NoFetch, and drains the results stream into the
// archive in consumer-group mode, acknowledging each result only after its
// commit, so that a crash of this process loses nothing: the next run
// drains what is left. The run ends when the frontier is empty, no request
// is claimed and the stream is drained.
func (s *Service) runShared(ctx context.Context, job config.Job, ro RunOptions, run store.Run) (store.Run, error) {
	log := s.logger().With("job", job.Name, "role", "archive")
	rdb, err := dialFrontier(ctx, s.Config.Crawler.Frontier)
	if err != nil {
		return run, err
	}
	defer redisfrontier.Close(rdb)
	st, release, err := s.acquire()
	if err != nil {
		return run, err
	}
	fs := redisfrontier.New(rdb, redisfrontier.Options{Job: job.Name, LeaseTTL: s.Config.Crawler.LeaseTTL.D(), Shared: true})
	nt, finishNotify := s.startRunNotify(st, job.Name, log)
	d := &drainer{st: st, arch: newArchiver(st, nt), rdb: rdb, job: job.Name, log: log, perWorker: map[string]int{}}
	runErr := d.begin(ctx, fs, job, ro.Fresh)
	var wg sync.WaitGroup
	wctx, stopWorker := context.WithCancel(ctx)
	if runErr == nil && !ro.NoFetch {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.RunWorker(wctx, job, WorkerOptions{}); err != nil {
				log.Error("local worker", "err", err)
			}
		}()
	}
	if runErr == nil {
		runErr = d.drain(ctx, fs)
	}
	stopWorker()
	wg.Wait()
	fs.Close()
	run.Ended = time.Now().UTC()
	run.Pages, run.New, run.Changed, run.Unchanged, run.Errors = d.pages, d.new, d.changed, d.unchanged, d.errors
	d.runCounts(&run)
	if errors.Is(runErr, context.Canceled) || errors.Is(runErr, context.DeadlineExceeded) {
		runErr = mark(ErrInterrupted, runErr)
	}
	addErr := recordRun(st, &run, runErr, log)
	log.Info("crawl finished", "pages", run.Pages, "new", run.New, "changed", run.Changed,
		"unchanged", run.Unchanged, "errors", run.Errors, "per_worker", fmt.Sprint(d.perWorker),
		"elapsed", run.Ended.Sub(run.Started).Round(time.Millisecond))
	finishNotify(ctx)
	if runErr == nil && addErr != nil {
		runErr = mark(ErrArchive, addErr)
	}
	if cerr := release(); cerr != nil && runErr == nil {
		runErr = mark(ErrArchive, cerr)
	}
	return run, runErr
}

// recordRun notes how the run ended and adds it to the archive.
func recordRun(st *store.Store, run *store.Run, runErr error, log *slog.Logger) error {
	switch {
	case errors.Is(runErr, ErrInterrupted), errors.Is(runErr, context.Canceled), errors.Is(runErr, context.DeadlineExceeded):
		run.Error = "interrupted; the next crawl of this job continues where it stopped"
	case runErr != nil:
		run.Error = runErr.Error()
	}
	id, err := st.AddRun(*run)
	if err != nil {
		log.Error("recording the run", "err", err)
	}
	run.ID = id
	return err
}

// drainer moves results from the stream into the archive.
type drainer struct {
	st   *store.Store
	arch *archiver // the sink a local crawl would use: variants, notifications
	rdb  *redis.Client
	job  string
	log  *slog.Logger

	pages, new, changed, unchanged, errors int
	perWorker                              map[string]int
}

// begin starts or resumes the run, creates the consumer group and queues
// the seeds of a fresh run.
func (d *drainer) begin(ctx context.Context, fs *redisfrontier.State, job config.Job, fresh bool) error {
	if err := d.group(ctx); err != nil {
		return err
	}
	resumed, err := fs.BeginRun(fresh)
	if err != nil {
		return err
	}
	if resumed {
		d.log.Info("resuming interrupted run")
		return nil
	}
	seeds, err := scraper.SeedRequests(job.Seeds)
	if err != nil {
		return err
	}
	_, err = fs.Push(seeds)
	d.log.Info("crawl started", "seeds", len(seeds), "fresh", fresh)
	return err
}

func (d *drainer) group(ctx context.Context) error {
	err := d.rdb.XGroupCreateMkStream(ctx, resultsKey(d.job), resultsGroup, "0").Err()
	if err != nil && !strings.Contains(err.Error(), "BUSYGROUP") {
		return fmt.Errorf("redis at %s: results group: %w", d.rdb.Options().Addr, err)
	}
	return nil
}

// drain archives results until the run is over or ctx ends. It reads this
// consumer's pending results first: those a killed archive side had read
// but not acknowledged.
func (d *drainer) drain(ctx context.Context, fs *redisfrontier.State) error {
	start := "0"
	wait := newBackoff(100*time.Millisecond, 5*time.Second)
	for ctx.Err() == nil {
		streams, err := d.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{
			Group: resultsGroup, Consumer: resultsGroup, Streams: []string{resultsKey(d.job), start},
			Count: 64, Block: 200 * time.Millisecond,
		}).Result()
		if errors.Is(err, redis.Nil) {
			err = nil
		}
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			d.log.Warn("reading results; retrying", "err", err)
			start = "0"
			if strings.Contains(err.Error(), "NOGROUP") {
				d.group(ctx) //nolint:errcheck // retried on the next read
			}
			wait.sleep(ctx)
			continue
		}
		wait.reset()
		n, err := d.applyAll(ctx, streams)
		if errors.Is(err, scraper.ErrSink) {
			return err // the archive failed: the result stays for the next run
		}
		if err != nil {
			// Acknowledging failed (Redis went away): read the pending
			// results again; archiving one twice adds nothing.
			d.log.Warn("acknowledging results; retrying", "err", err)
			start = "0"
			wait.sleep(ctx)
			continue
		}
		if n > 0 {
			continue
		}
		if start == "0" {
			start = ">" // the backlog of a killed archive side is done
			continue
		}
		over, err := d.over(ctx, fs)
		if err != nil {
			d.log.Warn("checking the run's end; retrying", "err", err)
			wait.sleep(ctx)
			continue
		}
		if over {
			return fs.EndRun()
		}
	}
	return ctx.Err()
}

// over reports whether the run is done: nothing queued or claimed, read in
// that order before the stream's length, since a worker sends its result
// before it finishes its claim.
func (d *drainer) over(ctx context.Context, fs *redisfrontier.State) (bool, error) {
	n, err := fs.Pending()
	if err != nil || n > 0 {
		return false, err
	}
	left, err := d.rdb.XLen(ctx, resultsKey(d.job)).Result()
	return left == 0, err
}

func (d *drainer) applyAll(ctx context.Context, streams []redis.XStream) (int, error) {
	n := 0
	for _, s := range streams {
		for _, msg := range s.Messages {
			if err := d.apply(ctx, msg); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// apply archives one result, then acknowledges and deletes it.
func (d *drainer) apply(ctx context.Context, msg redis.XMessage) error {
	var m result
	raw, _ := msg.Values["r"].(string)
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		d.log.Error("bad result in the stream; dropped", "id", msg.ID, "err", err)
		d.errors++
	} else {
		out, err := applyResult(ctx, d.arch, d.rdb, d.job, &m)
		if err != nil {
			return fmt.Errorf("%w: %s: %w", scraper.ErrSink, m.Page.URL, err)
		}
		d.count(m.Worker, out)
	}
	pipe := d.rdb.TxPipeline()
	pipe.XAck(ctx, resultsKey(d.job), resultsGroup, msg.ID)
	pipe.XDel(ctx, resultsKey(d.job), msg.ID)
	if m.Worker != "" {
		// The run's per-worker and per-host counts, for `frontier`.
		p := redisfrontier.Prefix(d.job)
		pipe.HIncrBy(ctx, p+"done:workers", m.Worker, 1)
		pipe.HIncrBy(ctx, p+"done:hosts", frontier.Host(m.Page.URL), 1)
	}
	_, err := pipe.Exec(ctx)
	return err
}

// runCounts fills the run's per-worker and per-host counts from Redis,
// where they add up over every archive side of the run (a resumed run
// included); without Redis it falls back to this process's own counts.
func (d *drainer) runCounts(run *store.Run) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	workers, hosts, err := redisfrontier.Done(ctx, d.rdb, d.job)
	if err != nil {
		d.log.Warn("reading the run's counts", "err", err)
		workers = nil
	}
	run.Workers = map[string]int{}
	for w, n := range d.perWorker {
		run.Workers[w] = n
	}
	for w, n := range workers {
		run.Workers[w] = max(run.Workers[w], int(n))
	}
	delete(run.Workers, "")
	if len(run.Workers) == 0 {
		run.Workers = nil
	}
	names := make([]string, 0, len(hosts))
	for h := range hosts {
		names = append(names, h)
	}
	sort.Strings(names)
	for _, h := range names {
		run.Hosts = append(run.Hosts, store.RunHost{Host: h, Pages: int(hosts[h])})
	}
}

func (d *drainer) count(worker string, out scraper.Outcome) {
	d.pages++
	d.perWorker[worker]++
	switch out {
	case scraper.Created:
		d.new++
	case scraper.Changed:
		d.changed++
	case scraper.Unchanged:
		d.unchanged++
	}
}
