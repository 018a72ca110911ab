// Package redisfrontier is frontier.State kept in Redis, so that several
// worker processes, on one machine or many, share one job's frontier and
// its politeness.
//
// Keys, all under na:{job}: (the job is the Redis Cluster hash tag):
//
//	run            hash: state (running/ended), seeded, gen, queued and
//	               claimed counts, lastid, per-host slots, arrival tick
//	hosts          set of the run's hosts
//	q:HOST         sorted set: the host's queue, scored by request ID
//	h:HOST         hash: next allowed time, in-flight count, Crawl-delay,
//	               closed, arrival
//	ready          sorted set of the hosts that can be claimed from, scored
//	               by next allowed time
//	seen           set of 8-byte hashes of the run's normalised URLs
//	leases         sorted set of lease IDs (request IDs) by expiry
//	l:ID           hash: the lease's host, request, slot held, worker
//	valid          hash: URL → validators (kept across runs)
//	workers        sorted set: worker → last heartbeat
//	done:workers   hash: worker → results archived in the current or last
//	done:hosts     run; host → results archived (kept by the archive side)
//
// Claim, Release, Done, Retry, Redirect, Push and the run changes are each
// one Lua script, so they are atomic across workers: no two requests to a
// host, from any workers, start closer than its delay, and a host never has
// more requests in flight than its slots. A claim is a lease that the
// claiming State renews every third of its TTL; a worker that dies stops
// renewing, and the next Claim by anyone (after the TTL) puts the request
// back at its place and frees the host's slot. Finishing a lease that was
// handed on changes nothing, so a slow worker cannot finish another's claim.
//
// Politeness times are the callers' clocks (workers on several machines
// need NTP); lease expiries are the Redis server's.
package redisfrontier
