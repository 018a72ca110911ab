package redisfrontier

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/redis/go-redis/v9"
)

// ErrRestarted is returned by every call of a State made with
// Options.StopOnRestart once its Redis server has restarted. With
// appendfsync everysec a crash of Redis can lose the last second of
// writes, so what a crawler remembers of the frontier (the URLs it pushed,
// the keys it archived) may be ahead of what Redis kept: the crawler must
// start over on a new State, and anything lost is fetched again.
var ErrRestarted = errors.New("the redis server restarted")

// serverIDs follows the run_id of the server a client talks to, read on
// every new connection.
type serverIDs struct {
	mu  sync.Mutex
	cur string
}

func (s *serverIDs) get() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}

var watched sync.Map // *redis.Client → *serverIDs

func watchRestarts(opt *redis.Options) *serverIDs {
	ids := &serverIDs{}
	prev := opt.OnConnect
	opt.OnConnect = func(ctx context.Context, cn *redis.Conn) error {
		if prev != nil {
			if err := prev(ctx, cn); err != nil {
				return err
			}
		}
		info, err := cn.Info(ctx, "server").Result()
		if err != nil {
			return err
		}
		for _, line := range strings.Split(info, "\n") {
			if id, ok := strings.CutPrefix(strings.TrimSpace(line), "run_id:"); ok {
				ids.mu.Lock()
				ids.cur = id
				ids.mu.Unlock()
			}
		}
		return nil
	}
	return ids
}

// restarted reports whether the server changed since the State began.
func (s *State) restarted() bool {
	if !s.o.StopOnRestart || s.ids == nil {
		return false
	}
	return s.ids.get() != s.serverID
}

// Dial connects to the Redis of a redis://HOST:PORT/DB URL and checks that
// it answers. Errors name the address.
func Dial(ctx context.Context, url string) (*redis.Client, error) {
	quietOnce.Do(func() { redis.SetLogger(quiet{}) })
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, fmt.Errorf("redis URL %q: %w", url, err)
	}
	ids := watchRestarts(opt)
	c := redis.NewClient(opt)
	if err := c.Ping(ctx).Err(); err != nil {
		c.Close()
		return nil, fmt.Errorf("redis at %s: %w", opt.Addr, err)
	}
	c.AddHook(countHook{})
	watched.Store(c, ids)
	return c, nil
}

// quiet drops go-redis's own log lines (printed to stderr by default,
// outside the caller's logger): every failure they tell of also comes back
// as an error, which the caller reports once, with the address.
type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}

var quietOnce sync.Once

// Close closes a client made by Dial.
func Close(c *redis.Client) error {
	watched.Delete(c)
	return c.Close()
}

// roundTrips counts the requests this process sent to Redis through the
// clients made by Dial (a pipeline is one).
var roundTrips atomic.Int64

// RoundTrips returns the requests this process sent to Redis so far.
func RoundTrips() int64 { return roundTrips.Load() }

type countHook struct{}

func (countHook) DialHook(next redis.DialHook) redis.DialHook { return next }
func (countHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		roundTrips.Add(1)
		return next(ctx, cmd)
	}
}
func (countHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		roundTrips.Add(1)
		return next(ctx, cmds)
	}
}
