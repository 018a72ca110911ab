package schedule

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/robfig/cron/v3"
)

// every is a sub-second schedule; cron's own @every rounds up to 1 s.
type every time.Duration

func (e every) Next(t time.Time) time.Time { return t.Add(time.Duration(e)) }

// fastParser reads "@every 50ms"-style specs exactly.
type fastParser struct{}

func (fastParser) Parse(spec string) (cron.Schedule, error) {
	d, err := time.ParseDuration(strings.TrimPrefix(spec, "@every "))
	if err != nil {
		return nil, err
	}
	return every(d), nil
}

// logBuf is a log sink safe to read while the daemon writes.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitFor polls cond until it holds or the deadline passes. The deadline
// is generous: on a loaded machine a tick can come late, and only a
// condition that never holds should fail.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// start runs Run in the background and returns its cancel and result.
func start(t *testing.T, entries []Entry, opts Options) (*logBuf, context.CancelFunc, <-chan error) {
	t.Helper()
	logs := &logBuf{}
	opts.Log = slog.New(slog.NewTextHandler(logs, nil))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	finished := make(chan struct{})
	go func() { done <- Run(ctx, entries, opts); close(finished) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-finished:
		case <-time.After(5 * time.Second):
			t.Error("Run did not return after cancel")
		}
	})
	return logs, cancel, done
}

func TestOverlappingTickSkipped(t *testing.T) {
	var active, maxActive, runs atomic.Int32
	run := func(ctx context.Context, job string) error {
		n := active.Add(1)
		defer active.Add(-1)
		for {
			m := maxActive.Load()
			if n <= m || maxActive.CompareAndSwap(m, n) {
				break
			}
		}
		runs.Add(1)
		time.Sleep(250 * time.Millisecond) // five ticks long
		return nil
	}
	logs, _, _ := start(t, []Entry{{Name: "slow", Spec: "@every 50ms"}}, Options{Run: run, Parser: fastParser{}})
	waitFor(t, "two runs", func() bool { return runs.Load() >= 2 })
	if m := maxActive.Load(); m != 1 {
		t.Errorf("max concurrent runs of one job = %d, want 1", m)
	}
	if !strings.Contains(logs.String(), "tick skipped") || !strings.Contains(logs.String(), "job=slow") {
		t.Errorf("no skip line for job slow in log:\n%s", logs)
	}
}

func TestFailureIsolated(t *testing.T) {
	tests := []struct {
		name    string
		bad     RunFunc
		wantLog string
	}{
		{"error", func(context.Context, string) error { return errors.New("site down") }, `err="site down"`},
		{"panic", func(context.Context, string) error { panic("nil map") }, "job panicked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var good, bad atomic.Int32
			run := func(ctx context.Context, job string) error {
				if job == "bad" {
					bad.Add(1)
					return tt.bad(ctx, job)
				}
				good.Add(1)
				return nil
			}
			logs, _, _ := start(t, []Entry{
				{Name: "bad", Spec: "@every 30ms"},
				{Name: "good", Spec: "@every 30ms"},
			}, Options{Run: run, Parser: fastParser{}})
			// The failing job keeps its own schedule, and the other job runs on.
			waitFor(t, "three runs of each job", func() bool { return bad.Load() >= 3 && good.Load() >= 3 })
			if !strings.Contains(logs.String(), tt.wantLog) {
				t.Errorf("log lacks %q:\n%s", tt.wantLog, logs)
			}
			if !strings.Contains(logs.String(), "job failed") {
				t.Errorf("log lacks a failure line:\n%s", logs)
			}
		})
	}
}

func TestStopOnCancel(t *testing.T) {
	started := make(chan struct{})
	var sawCancel atomic.Bool
	var once sync.Once
	run := func(ctx context.Context, job string) error {
		once.Do(func() { close(started) })
		<-ctx.Done() // a crawl that stops when told to
		time.Sleep(50 * time.Millisecond)
		sawCancel.Store(true)
		return ctx.Err()
	}
	logs, cancel, done := start(t, []Entry{{Name: "crawl", Spec: "@every 20ms"}}, Options{Run: run, Grace: 2 * time.Second, Parser: fastParser{}})
	<-started
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run = %v, want nil", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if !sawCancel.Load() {
		t.Error("Run returned before the running job finished")
	}
	if !strings.Contains(logs.String(), "msg=stopped") {
		t.Errorf("no stop line:\n%s", logs)
	}
}

func TestGraceExceeded(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{})
	var once sync.Once
	run := func(ctx context.Context, job string) error {
		once.Do(func() { close(started) })
		<-release // ignores ctx
		return nil
	}
	_, cancel, done := start(t, []Entry{{Name: "stuck", Spec: "@every 20ms"}}, Options{Run: run, Grace: 100 * time.Millisecond, Parser: fastParser{}})
	<-started
	begin := time.Now()
	cancel()
	err := <-done
	if !errors.Is(err, ErrGraceExceeded) || !strings.Contains(err.Error(), "stuck") {
		t.Fatalf("Run = %v, want ErrGraceExceeded naming stuck", err)
	}
	if d := time.Since(begin); d > 2*time.Second {
		t.Errorf("Run took %s after cancel, grace was 100ms", d)
	}
}

func TestRunNow(t *testing.T) {
	var runs atomic.Int32
	run := func(context.Context, string) error { runs.Add(1); return nil }
	// The real parser: @hourly never ticks during the test, so the only
	// run is the one RunNow asks for.
	logs, _, _ := start(t, []Entry{{Name: "hourly", Spec: "@hourly"}}, Options{Run: run, RunNow: true})
	waitFor(t, "the run-now run", func() bool { return runs.Load() == 1 })
	waitFor(t, "the finish line", func() bool { return strings.Contains(logs.String(), "job finished") })
	if !strings.Contains(logs.String(), `msg="job scheduled" job=hourly spec=@hourly next=`) {
		t.Errorf("no scheduled line with next time:\n%s", logs)
	}
	time.Sleep(100 * time.Millisecond)
	if n := runs.Load(); n != 1 {
		t.Errorf("runs = %d, want 1", n)
	}
}

func TestRunRejects(t *testing.T) {
	ok := func(context.Context, string) error { return nil }
	tests := []struct {
		name    string
		entries []Entry
		opts    Options
		want    error
		wantMsg string
	}{
		{"no entries", nil, Options{Run: ok}, ErrNoJobs, ""},
		{"only unscheduled", []Entry{{Name: "a"}}, Options{Run: ok}, ErrNoJobs, ""},
		{"bad spec", []Entry{{Name: "a", Spec: "@every 1h"}, {Name: "b", Spec: "61 * * * *"}}, Options{Run: ok}, ErrBadSpec, `job "b"`},
		{"no run func", []Entry{{Name: "a", Spec: "@hourly"}}, Options{}, nil, "Options.Run is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			err := Run(ctx, tt.entries, tt.opts)
			if err == nil {
				t.Fatal("Run = nil, want an error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Run = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("Run = %v, want it to mention %q", err, tt.wantMsg)
			}
		})
	}
}

func TestConcurrencyAcrossJobs(t *testing.T) {
	tests := []struct {
		name        string
		concurrency int
		wantMax     int32
	}{
		{"default serialises jobs", 0, 1},
		{"two slots", 2, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var active, maxActive atomic.Int32
			runs := map[string]*atomic.Int32{"a": {}, "b": {}}
			run := func(ctx context.Context, job string) error {
				n := active.Add(1)
				defer active.Add(-1)
				for m := maxActive.Load(); n > m && !maxActive.CompareAndSwap(m, n); m = maxActive.Load() {
				}
				runs[job].Add(1)
				time.Sleep(80 * time.Millisecond)
				return nil
			}
			start(t, []Entry{{Name: "a", Spec: "@every 20ms"}, {Name: "b", Spec: "@every 20ms"}},
				Options{Run: run, Parser: fastParser{}, Concurrency: tt.concurrency})
			waitFor(t, "two runs of each job", func() bool { return runs["a"].Load() >= 2 && runs["b"].Load() >= 2 })
			if m := maxActive.Load(); m != tt.wantMax {
				t.Errorf("max concurrent runs = %d, want %d", m, tt.wantMax)
			}
		})
	}
}

func TestRealParserTicks(t *testing.T) {
	// DefaultParser's smallest interval is a second: one real tick.
	var runs atomic.Int32
	run := func(context.Context, string) error { runs.Add(1); return nil }
	logs, _, _ := start(t, []Entry{{Name: "each-second", Spec: "@every 1s"}}, Options{Run: run})
	waitFor(t, "a tick of @every 1s", func() bool { return runs.Load() >= 1 })
	waitFor(t, "the finish line", func() bool { return strings.Contains(logs.String(), `msg="job finished" job=each-second run=1`) })
}
