package redisfrontier

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Run is where a job's run stands in Redis.
type Run struct {
	Running bool  // a run has begun and not ended
	Seeded  bool  // its seeds are queued (or it resumed): workers may start
	Gen     int64 // counts the runs begun afresh; a new run has a new Gen
	Queued  int
	Claimed int
}

// RunOf reads the run of job.
func RunOf(ctx context.Context, rdb *redis.Client, job string) (Run, error) {
	v, err := rdb.HMGet(ctx, Prefix(job)+"run", "state", "seeded", "gen", "queued", "claimed").Result()
	if err != nil {
		return Run{}, fmt.Errorf("redis at %s: %w", rdb.Options().Addr, err)
	}
	str := func(i int) string { s, _ := v[i].(string); return s }
	n := func(i int) int { k, _ := strconv.Atoi(str(i)); return k }
	gen, _ := strconv.ParseInt(str(2), 10, 64)
	return Run{Running: str(0) == "running", Seeded: str(1) == "1", Gen: gen, Queued: n(3), Claimed: n(4)}, nil
}

// Info describes a job's frontier for operators.
type Info struct {
	Run
	Seen    int64
	Hosts   int64
	Leases  int64 // leases held (a request, or a fetch slot not released yet)
	Results int64 // results in the stream not yet archived
	// Waiting are the hosts that can be claimed from, the one waiting
	// longest first, with the time each became (or becomes) ready.
	Waiting []HostWait
	// Workers are the workers whose heartbeat is younger than the lease
	// TTL, with their last heartbeat.
	Workers []Worker
	// Archived counts the results archived in the current (or last) run,
	// per worker and per host.
	Archived, ArchivedHosts map[string]int64
}

// HostWait is one ready host.
type HostWait struct {
	Host  string
	Since time.Time // zero for a host not fetched yet in this run
}

// Worker is one live worker.
type Worker struct {
	Name string
	Seen time.Time
}

// InfoOf reads the frontier of job: the top hosts waiting longest, and the
// workers seen within ttl.
func InfoOf(ctx context.Context, rdb *redis.Client, job string, top int, ttl time.Duration) (Info, error) {
	p := Prefix(job)
	run, err := RunOf(ctx, rdb, job)
	if err != nil {
		return Info{}, err
	}
	in := Info{Run: run}
	pipe := rdb.Pipeline()
	seen, hosts, leases, results := pipe.SCard(ctx, p+"seen"), pipe.SCard(ctx, p+"hosts"), pipe.ZCard(ctx, p+"leases"), pipe.XLen(ctx, p+"results")
	ready := pipe.ZRangeWithScores(ctx, p+"ready", 0, int64(top-1))
	now := pipe.Time(ctx)
	workers := pipe.ZRangeWithScores(ctx, p+"workers", 0, -1)
	byWorker, byHost := pipe.HGetAll(ctx, p+"done:workers"), pipe.HGetAll(ctx, p+"done:hosts")
	if _, err := pipe.Exec(ctx); err != nil && err != redis.Nil {
		return Info{}, fmt.Errorf("redis at %s: %w", rdb.Options().Addr, err)
	}
	in.Seen, in.Hosts, in.Leases, in.Results = seen.Val(), hosts.Val(), leases.Val(), results.Val()
	for _, z := range ready.Val() {
		w := HostWait{Host: z.Member.(string)}
		if z.Score > 1e12 { // scores below are arrival ticks: not fetched yet
			w.Since = time.UnixMicro(int64(z.Score))
		}
		in.Waiting = append(in.Waiting, w)
	}
	in.Archived, in.ArchivedHosts = counts(byWorker.Val()), counts(byHost.Val())
	for _, z := range workers.Val() {
		seen := time.UnixMilli(int64(z.Score))
		if now.Val().Sub(seen) <= ttl {
			in.Workers = append(in.Workers, Worker{Name: z.Member.(string), Seen: seen})
		}
	}
	return in, nil
}

// Done reads the counts of job's current or last run, kept by the archive
// side until the next run begins: results archived per worker and per host.
func Done(ctx context.Context, rdb *redis.Client, job string) (workers, hosts map[string]int64, err error) {
	p := Prefix(job)
	pipe := rdb.Pipeline()
	byWorker, byHost := pipe.HGetAll(ctx, p+"done:workers"), pipe.HGetAll(ctx, p+"done:hosts")
	if _, err := pipe.Exec(ctx); err != nil && err != redis.Nil {
		return nil, nil, fmt.Errorf("redis at %s: %w", rdb.Options().Addr, err)
	}
	return counts(byWorker.Val()), counts(byHost.Val()), nil
}

func counts(m map[string]string) map[string]int64 {
	out := make(map[string]int64, len(m))
	for k, v := range m {
		out[k], _ = strconv.ParseInt(v, 10, 64)
	}
	return out
}
