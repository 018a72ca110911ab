package redisfrontier

import (
	"strconv"
	"time"
)

// renewLoop extends this worker's leases and heartbeat every third of the
// lease TTL. A failed renewal is tried again on the next tick: the leases
// live a whole TTL, so a Redis restart shorter than two thirds of it costs
// none.
func (s *State) renewLoop() {
	defer close(s.done)
	t := time.NewTicker(s.o.LeaseTTL / 3)
	defer t.Stop()
	s.renew()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.renew()
		}
	}
}

func (s *State) leaseIDs() []any {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[uint64]bool{}
	var ids []any
	add := func(id uint64) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, strconv.FormatUint(id, 10))
		}
	}
	for id := range s.held {
		add(id)
	}
	for _, l := range s.slots {
		for _, id := range l {
			add(id)
		}
	}
	return ids
}

func (s *State) renew() {
	beat := "0"
	if s.claims.Load() {
		beat = "1" // a State that never claimed is no worker (the archive side's)
	}
	args := append([]any{s.o.Worker, s.o.LeaseTTL.Milliseconds(), beat}, s.leaseIDs()...)
	s.runAlways(renewScript, args...) //nolint:errcheck // tried again next tick
}

// Stop stops renewing leases and the heartbeat without giving the leases
// back, as a process that dies would: they expire after the lease TTL.
func (s *State) Stop() {
	s.stopOnce.Do(func() { close(s.stop) })
	<-s.done
}

// Close stops the State and gives its leases back at once: their requests
// go back to their queues and their hosts' slots are freed. The Redis
// client is the caller's to close.
func (s *State) Close() error {
	s.Stop()
	args := append([]any{s.o.Worker}, s.leaseIDs()...)
	s.forget()
	_, err := s.runAlways(abandonScript, args...)
	return s.wrap("close", err)
}
