package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"
)

// DefaultParser reads five-field cron specs and descriptors (@hourly,
// @every 30m): the dialect of the configuration's job schedules.
var DefaultParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ErrNoJobs is returned by Run when no entry has a schedule, so there is
// nothing to wait for.
var ErrNoJobs = errors.New("no job has a schedule")

// ErrBadSpec is returned (wrapped, naming the job) by Run when an entry's
// cron spec does not parse.
var ErrBadSpec = errors.New("bad cron spec")

// ErrGraceExceeded is returned (wrapped, naming the jobs) by Run when runs
// were still going when the grace period after cancellation ran out.
var ErrGraceExceeded = errors.New("jobs still running after the grace period")

// DefaultGrace is how long Run waits for running jobs after cancellation
// when Options.Grace is zero. It stays under systemd's default stop timeout
// (90 s), so the daemon returns on its own rather than being killed.
const DefaultGrace = 30 * time.Second

// Entry is one scheduled job.
type Entry struct {
	Name string
	// Spec is a cron spec ("0 */6 * * *", "@hourly", "@every 30m"). An
	// entry with an empty Spec is not scheduled (it is logged and left
	// out), so the CLI can pass every configured job.
	Spec string
}

// RunFunc runs one job once. ctx is cancelled when the daemon stops.
type RunFunc func(ctx context.Context, job string) error

// Options configure Run.
type Options struct {
	// Run is called for every tick that is not skipped. Required.
	Run RunFunc
	// Log receives the daemon's lines; nil discards them.
	Log *slog.Logger
	// Grace bounds the wait for running jobs after ctx is cancelled
	// (0: DefaultGrace).
	Grace time.Duration
	// RunNow runs every scheduled job once at start, before its first tick.
	RunNow bool
	// Parser parses specs; nil means DefaultParser. Tests inject one
	// with sub-second schedules (cron's @every rounds up to 1 s).
	Parser cron.ScheduleParser
	// Location is the time zone specs are read in; nil means time.Local.
	Location *time.Location
	// Concurrency is how many runs (of different jobs) may go at once;
	// 0 means 1. The default serialises runs because each run opens the
	// store, which one writer holds at a time: two jobs ticking together
	// would otherwise make the second wait out store.lock_timeout and
	// fail. A tick that finds no free slot waits for one (it is a
	// different job, so skipping it would lose its run).
	Concurrency int
}

// job is the per-job state shared by its ticks.
type job struct {
	name    string
	spec    string
	running atomic.Bool // the overlap guard: set for the length of one run
	runs    atomic.Int64
	id      cron.EntryID
}

// Run schedules the entries and blocks until ctx is cancelled and the
// running jobs have returned (or the grace period ran out).
func Run(ctx context.Context, entries []Entry, opts Options) error {
	if opts.Run == nil {
		return errors.New("schedule: Options.Run is nil")
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	parser := opts.Parser
	if parser == nil {
		parser = DefaultParser
	}
	loc := opts.Location
	if loc == nil {
		loc = time.Local
	}
	grace := opts.Grace
	if grace <= 0 {
		grace = DefaultGrace
	}

	slots := opts.Concurrency
	if slots <= 0 {
		slots = 1
	}

	c := cron.New(cron.WithParser(parser), cron.WithLocation(loc), cron.WithLogger(cronLogger{log}))
	d := &daemon{ctx: ctx, run: opts.Run, log: log, slots: make(chan struct{}, slots)}
	var jobs []*job
	for _, e := range entries {
		if strings.TrimSpace(e.Spec) == "" {
			log.Info("job has no schedule; not scheduled", "job", e.Name)
			continue
		}
		sched, err := parser.Parse(e.Spec)
		if err != nil {
			return fmt.Errorf("job %q: %w %q: %v", e.Name, ErrBadSpec, e.Spec, err)
		}
		j := &job{name: e.Name, spec: e.Spec}
		j.id = c.Schedule(sched, cron.FuncJob(func() { d.tick(j) }))
		jobs = append(jobs, j)
	}
	if len(jobs) == 0 {
		return ErrNoJobs
	}

	// Stopping cron and the RunNow ticks both race with cancellation, so
	// the stop path is one place: below, after ctx is done.
	d.next = func(j *job) time.Time { return c.Entry(j.id).Next }
	c.Start()
	for _, j := range jobs {
		log.Info("job scheduled", "job", j.name, "spec", j.spec, "next", d.next(j).Format(time.RFC3339))
	}
	if opts.RunNow {
		for _, j := range jobs {
			go d.tick(j)
		}
	}

	<-ctx.Done()
	c.Stop() // no new ticks; runs in flight are tracked by d.wg, not cron
	d.mu.Lock()
	d.stop = true // a tick that has not yet counted itself now never will
	d.mu.Unlock()
	log.Info("stopping: waiting for running jobs", "grace", grace.String(), "running", strings.Join(d.running(jobs), ","))
	done := make(chan struct{})
	go func() { d.wg.Wait(); close(done) }()
	select {
	case <-done:
		log.Info("stopped")
		return nil
	case <-time.After(grace):
		still := d.running(jobs)
		log.Error("grace period over; returning with jobs still running", "jobs", strings.Join(still, ","))
		return fmt.Errorf("%w: %s", ErrGraceExceeded, strings.Join(still, ", "))
	}
}

// daemon holds what every tick needs.
type daemon struct {
	ctx  context.Context
	run  RunFunc
	log  *slog.Logger
	next func(*job) time.Time
	// slots bounds concurrent runs across jobs (Options.Concurrency).
	slots chan struct{}
	wg    sync.WaitGroup
	mu    sync.Mutex // orders wg.Add before the stop path's Wait
	stop  bool       // set under mu once no tick may start
}

// tick runs j once unless it is already running or the daemon is stopping.
func (d *daemon) tick(j *job) {
	d.mu.Lock()
	if d.stop || d.ctx.Err() != nil {
		d.mu.Unlock()
		return
	}
	d.wg.Add(1)
	d.mu.Unlock()
	defer d.wg.Done()

	if !j.running.CompareAndSwap(false, true) {
		d.log.Warn("previous run still running (or waiting for a slot); tick skipped", "job", j.name)
		return
	}
	defer j.running.Store(false)
	select {
	case d.slots <- struct{}{}:
	default:
		d.log.Info("waiting for another job's run to finish", "job", j.name)
		select {
		case d.slots <- struct{}{}:
		case <-d.ctx.Done():
			d.log.Info("stopping; queued run dropped", "job", j.name)
			return
		}
	}
	defer func() { <-d.slots }()
	n := j.runs.Add(1)
	start := time.Now()
	d.log.Info("job started", "job", j.name, "run", n)
	err := d.safeRun(j)
	attrs := []any{"job", j.name, "run", n, "duration", time.Since(start).Round(time.Millisecond).String()}
	if d.next != nil && d.ctx.Err() == nil {
		attrs = append(attrs, "next", d.next(j).Format(time.RFC3339))
	}
	if err != nil {
		d.log.Error("job failed", append(attrs, "err", err.Error())...)
		return
	}
	d.log.Info("job finished", attrs...)
}

// safeRun calls the RunFunc, turning a panic into an error so that one
// broken run neither kills the daemon nor leaves the job marked running.
func (d *daemon) safeRun(j *job) (err error) {
	defer func() {
		if p := recover(); p != nil {
			d.log.Error("job panicked", "job", j.name, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return d.run(d.ctx, j.name)
}

// running names the jobs with a run in flight, sorted.
func (d *daemon) running(jobs []*job) []string {
	var out []string
	for _, j := range jobs {
		if j.running.Load() {
			out = append(out, j.name)
		}
	}
	sort.Strings(out)
	return out
}

// cronLogger routes cron's own messages into slog: its Info lines are
// per-tick noise (debug), its Error lines matter.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
