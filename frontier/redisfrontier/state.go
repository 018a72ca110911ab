package redisfrontier

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"newsarchive/frontier"
)

// DefaultLeaseTTL is how long a claimed request stays with a worker that
// stopped renewing its lease.
const DefaultLeaseTTL = 2 * time.Minute

// MinLeaseTTL is the shortest lease: renewals run every third of it, and a
// busy Redis or a GC pause must not cost a worker its leases.
const MinLeaseTTL = 5 * time.Second

// Options configure a State.
type Options struct {
	// Job names the crawl; every key is under Prefix(Job).
	Job string
	// LeaseTTL (default DefaultLeaseTTL) is how long a claim outlives a
	// worker that died with it.
	LeaseTTL time.Duration
	// Worker names this process in leases and heartbeats (default host,
	// pid and a counter).
	Worker string
	// Shared makes Claim account for the other workers: while requests
	// are queued or claimed anywhere, it never answers "nothing to wait
	// for" (a zero wake) but asks to look again within Poll, since
	// another worker may queue links or free a host.
	Shared bool
	// Poll is the longest wait a Shared Claim asks for (default 250ms).
	Poll time.Duration
	// OpTimeout bounds each call to Redis (default 10s).
	OpTimeout time.Duration
	// StopOnRestart fails every call with ErrRestarted once the server
	// restarted (for a client made by Dial).
	StopOnRestart bool
}

// State is a frontier.State kept in Redis, shared by every worker of a job.
// Each State is one worker: it holds leases on the requests it claimed and
// renews them while it runs.
type State struct {
	rdb *redis.Client
	p   string
	o   Options

	mu    sync.Mutex
	slots map[string][]uint64 // host → leases whose fetch slot this worker holds
	held  map[uint64]bool     // leases whose request this worker holds

	claims   atomic.Bool // Claim was called: the State is a worker
	ids      *serverIDs  // of a client made by Dial
	serverID string

	stop     chan struct{}
	stopOnce sync.Once
	done     chan struct{}
}

var _ frontier.State = (*State)(nil)

// Prefix is the key prefix of job: na:{job}: (the braces make the job a
// Redis Cluster hash tag).
func Prefix(job string) string { return "na:{" + job + "}:" }

var workerSeq struct {
	sync.Mutex
	n int
}

func defaultWorker() string {
	h, _ := os.Hostname()
	workerSeq.Lock()
	workerSeq.n++
	n := workerSeq.n
	workerSeq.Unlock()
	return fmt.Sprintf("%s:%d:%d", h, os.Getpid(), n)
}

// New returns the State of o.Job over rdb and starts renewing its leases
// (and its heartbeat) every third of the lease TTL until Close or Stop.
func New(rdb *redis.Client, o Options) *State {
	if o.LeaseTTL <= 0 {
		o.LeaseTTL = DefaultLeaseTTL
	}
	if o.Worker == "" {
		o.Worker = defaultWorker()
	}
	if o.Poll <= 0 {
		o.Poll = 250 * time.Millisecond
	}
	if o.OpTimeout <= 0 {
		o.OpTimeout = 10 * time.Second
	}
	s := &State{rdb: rdb, p: Prefix(o.Job), o: o, slots: map[string][]uint64{}, held: map[uint64]bool{},
		stop: make(chan struct{}), done: make(chan struct{})}
	if v, ok := watched.Load(rdb); ok {
		s.ids = v.(*serverIDs)
		s.serverID = s.ids.get()
	}
	go s.renewLoop()
	return s
}

// Worker is the name of this State in leases and heartbeats.
func (s *State) Worker() string { return s.o.Worker }

// Client is the Redis client the State uses.
func (s *State) Client() *redis.Client { return s.rdb }

// Key returns the full key of name under the job's prefix.
func (s *State) Key(name string) string { return s.p + name }

func (s *State) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), s.o.OpTimeout)
}

func (s *State) wrap(op string, err error) error {
	if err == nil || errors.Is(err, redis.Nil) {
		return nil
	}
	return fmt.Errorf("redis frontier %s at %s: %s: %w", s.o.Job, s.rdb.Options().Addr, op, err)
}

func (s *State) run(sc *redis.Script, args ...any) (any, error) {
	if s.restarted() {
		return nil, ErrRestarted
	}
	return s.runAlways(sc, args...)
}

// runAlways runs a script even after a restart: for the calls that touch
// only this worker's own leases.
func (s *State) runAlways(sc *redis.Script, args ...any) (any, error) {
	ctx, cancel := s.ctx()
	defer cancel()
	return sc.Run(ctx, s.rdb, nil, append([]any{s.p}, args...)...).Result()
}

// Push implements frontier.State.
func (s *State) Push(reqs []frontier.Request) (int, error) {
	args := make([]any, 0, 3*len(reqs))
	for _, r := range reqs {
		if r.URL == "" {
			continue
		}
		args = append(args, seenHash(r.URL), r.Host(), encode(r))
	}
	if len(args) == 0 {
		return 0, nil
	}
	n, err := s.run(pushScript, args...)
	if err != nil {
		return 0, s.wrap("push", err)
	}
	return int(n.(int64)), nil
}

// Claim implements frontier.State.
func (s *State) Claim(now time.Time, n int, p frontier.Policy) ([]frontier.Request, time.Time, error) {
	if !s.claims.Swap(true) {
		go s.renew() // heartbeat at once, not a third of a TTL later
	}
	res, err := s.run(claimScript, micros(now), n, max(p.PerHost, 1), p.Delay.Microseconds(), s.o.LeaseTTL.Milliseconds(), s.o.Worker)
	if err != nil {
		return nil, time.Time{}, s.wrap("claim", err)
	}
	a := res.([]any)
	var wake time.Time
	if w := a[0].(int64); w > 0 {
		wake = time.UnixMicro(w)
	}
	out := make([]frontier.Request, 0, (len(a)-1)/2)
	s.mu.Lock()
	for i := 1; i+1 < len(a); i += 2 {
		r, err := decode(a[i].(string), a[i+1].(string))
		if err != nil {
			s.mu.Unlock()
			return nil, time.Time{}, s.wrap("claim", err)
		}
		s.held[r.ID] = true
		h := r.Host()
		s.slots[h] = append(s.slots[h], r.ID)
		out = append(out, r)
	}
	s.mu.Unlock()
	if s.o.Shared {
		if wake, err = s.sharedWake(now, wake); err != nil {
			return nil, time.Time{}, err
		}
	}
	return out, wake, nil
}

// sharedWake caps the wait at Poll while any work is left in the job.
func (s *State) sharedWake(now, wake time.Time) (time.Time, error) {
	poll := now.Add(s.o.Poll)
	if !wake.IsZero() && wake.Before(poll) {
		return wake, nil
	}
	n, err := s.Pending()
	if err != nil || n == 0 {
		return wake, err
	}
	return poll, nil
}

// Release implements frontier.State.
func (s *State) Release(host string, next time.Time) error {
	s.mu.Lock()
	id := ""
	if ids := s.slots[host]; len(ids) > 0 {
		id = strconv.FormatUint(ids[0], 10)
		if len(ids) == 1 {
			delete(s.slots, host)
		} else {
			s.slots[host] = ids[1:]
		}
	}
	s.mu.Unlock()
	_, err := s.run(releaseScript, host, id, micros(next), s.o.Worker)
	return s.wrap("release", err)
}

// SetHost implements frontier.State.
func (s *State) SetHost(host string, p frontier.HostPolicy) error {
	closed := "0"
	if p.Closed {
		closed = "1"
	}
	_, err := s.run(setHostScript, host, p.Delay.Microseconds(), closed)
	return s.wrap("set host", err)
}

func (s *State) finish(op string, id uint64, args ...any) error {
	s.mu.Lock()
	delete(s.held, id)
	s.mu.Unlock()
	_, err := s.run(finishScript, append([]any{op, strconv.FormatUint(id, 10), s.o.Worker}, args...)...)
	return s.wrap(op, err)
}

// Done implements frontier.State.
func (s *State) Done(r frontier.Request) error { return s.finish("done", r.ID) }

// Retry implements frontier.State.
func (s *State) Retry(r frontier.Request, at time.Time) error {
	return s.finish("retry", r.ID, encode(r), micros(at))
}

// Redirect implements frontier.State.
func (s *State) Redirect(from, to frontier.Request) error {
	return s.finish("redirect", from.ID, encode(to), to.Host(), seenHash(to.URL))
}

// Pending implements frontier.State: queued plus claimed, by every worker.
func (s *State) Pending() (int, error) {
	if s.restarted() {
		return 0, ErrRestarted
	}
	ctx, cancel := s.ctx()
	defer cancel()
	v, err := s.rdb.HMGet(ctx, s.p+"run", "queued", "claimed").Result()
	if err != nil {
		return 0, s.wrap("pending", err)
	}
	n := 0
	for _, x := range v {
		if str, ok := x.(string); ok {
			k, _ := strconv.Atoi(str)
			n += k
		}
	}
	return n, nil
}

// Hosts implements frontier.State.
func (s *State) Hosts(now time.Time) (frontier.HostCounts, error) {
	res, err := s.run(hostsScript, micros(now))
	if err != nil {
		return frontier.HostCounts{}, s.wrap("hosts", err)
	}
	a := res.([]any)
	return frontier.HostCounts{Active: int(a[0].(int64)), Waiting: int(a[1].(int64)), Ready: int(a[2].(int64))}, nil
}

func (s *State) forget() {
	s.mu.Lock()
	s.slots, s.held = map[string][]uint64{}, map[uint64]bool{}
	s.mu.Unlock()
}

// Reset implements frontier.State: the run and its results stream are
// forgotten; validators and latest content hashes are kept.
func (s *State) Reset() error {
	s.forget()
	if _, err := s.run(endScript, ""); err != nil {
		return s.wrap("reset", err)
	}
	ctx, cancel := s.ctx()
	defer cancel()
	return s.wrap("reset", s.rdb.Del(ctx, s.p+"results", s.p+"workers").Err())
}

// BeginRun implements frontier.State. Resuming hands every claimed request
// back to its queue, whichever worker held it; with Options.Shared only the
// leases that expire do (their workers are gone), since live workers are
// still fetching theirs.
func (s *State) BeginRun(fresh bool) (bool, error) {
	s.forget()
	f := "0"
	if fresh {
		f = "1"
	}
	shared := "0"
	if s.o.Shared {
		shared = "1"
	}
	n, err := s.run(beginScript, f, shared)
	if err != nil {
		return false, s.wrap("begin run", err)
	}
	return n.(int64) == 1, nil
}

// EndRun implements frontier.State.
func (s *State) EndRun() error {
	s.forget()
	_, err := s.run(endScript, "ended")
	return s.wrap("end run", err)
}

// Validators implements frontier.State.
func (s *State) Validators(url string) (frontier.Validators, error) {
	if s.restarted() {
		return frontier.Validators{}, ErrRestarted
	}
	ctx, cancel := s.ctx()
	defer cancel()
	v, err := s.rdb.HGet(ctx, s.p+"valid", url).Result()
	if err != nil {
		return frontier.Validators{}, s.wrap("validators", err)
	}
	f := strings.SplitN(v, "\x1f", 3)
	if len(f) != 3 {
		return frontier.Validators{}, nil
	}
	out := frontier.Validators{ETag: f[0], LastModified: f[1]}
	if ns, err := strconv.ParseInt(f[2], 10, 64); err == nil && ns != 0 {
		out.Fetched = time.Unix(0, ns).UTC()
	}
	return out, nil
}

// SetValidators implements frontier.State.
func (s *State) SetValidators(url string, v frontier.Validators) error {
	ctx, cancel := s.ctx()
	defer cancel()
	var ns int64
	if !v.Fetched.IsZero() {
		ns = v.Fetched.UnixNano()
	}
	val := v.ETag + "\x1f" + v.LastModified + "\x1f" + strconv.FormatInt(ns, 10)
	return s.wrap("set validators", s.rdb.HSet(ctx, s.p+"valid", url, val).Err())
}
