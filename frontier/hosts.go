package frontier

import (
	"container/heap"
	"time"
)

// HostTable is the host scheduling a State implementation keeps in memory:
// for each host its next time, the slots in use, its delay, whether it is
// closed and whether it has unclaimed work; and a heap of the hosts that can
// be claimed from, ordered by next time (ties: the host that has waited
// longest). Q is the implementation's own per-host data (its queue, or a
// window on a queue kept on disk).
//
// It is not safe for concurrent use: the State guards it with its lock.
type HostTable[Q any] struct {
	hosts   map[string]*HostEntry[Q]
	heap    hostHeap[Q]
	perHost int
	tick    uint64 // orders hosts with equal next times
}

// HostEntry is one host of a HostTable. The implementation sets Work and
// Queue and calls Fix; the other fields belong to the table.
type HostEntry[Q any] struct {
	Name     string
	Next     time.Time
	Inflight int
	Delay    time.Duration
	Closed   bool
	Work     bool // the host has unclaimed requests
	Queue    Q

	since uint64 // tick when Next last changed
	idx   int    // position in the heap; -1 when not in it
}

// NewHostTable returns an empty table (one slot per host until Claim
// says otherwise).
func NewHostTable[Q any]() *HostTable[Q] {
	return &HostTable[Q]{hosts: map[string]*HostEntry[Q]{}, perHost: 1}
}

// Get returns the entry of host, adding an empty one if there is none.
func (t *HostTable[Q]) Get(host string) *HostEntry[Q] {
	h, ok := t.hosts[host]
	if !ok {
		t.tick++
		h = &HostEntry[Q]{Name: host, idx: -1, since: t.tick}
		t.hosts[host] = h
	}
	return h
}

// Lookup returns the entry of host, if any.
func (t *HostTable[Q]) Lookup(host string) (*HostEntry[Q], bool) {
	h, ok := t.hosts[host]
	return h, ok
}

// Len is the number of hosts in the table.
func (t *HostTable[Q]) Len() int { return len(t.hosts) }

// Each calls fn for every host, in no particular order.
func (t *HostTable[Q]) Each(fn func(h *HostEntry[Q])) {
	for _, h := range t.hosts {
		fn(h)
	}
}

// Reset empties the table.
func (t *HostTable[Q]) Reset() {
	t.hosts = map[string]*HostEntry[Q]{}
	t.heap = nil
}

// SetPerHost sets the slots per host (Policy.PerHost, at least 1).
func (t *HostTable[Q]) SetPerHost(n int) {
	n = max(n, 1)
	if n == t.perHost {
		return
	}
	t.perHost = n
	for _, h := range t.hosts {
		t.Fix(h)
	}
}

// Fix puts h in the heap or takes it out after a change to its fields: a
// host can be claimed from when it has work, is not closed and has a free
// slot.
func (t *HostTable[Q]) Fix(h *HostEntry[Q]) {
	ok := h.Work && !h.Closed && h.Inflight < t.perHost
	switch {
	case ok && h.idx < 0:
		heap.Push(&t.heap, h)
	case ok:
		heap.Fix(&t.heap, h.idx)
	case h.idx >= 0:
		heap.Remove(&t.heap, h.idx)
	}
}

// Ready returns the host to claim from at now, or nil if none is ready.
func (t *HostTable[Q]) Ready(now time.Time) *HostEntry[Q] {
	if len(t.heap) == 0 || t.heap[0].Next.After(now) {
		return nil
	}
	return t.heap[0]
}

// Wake is when the first host in the heap is ready: its next time, or now
// if that has passed; zero if the heap is empty.
func (t *HostTable[Q]) Wake(now time.Time) time.Time {
	if len(t.heap) == 0 {
		return time.Time{}
	}
	return laterOf(now, t.heap[0].Next)
}

// Claimed takes one of h's slots at now: h may not start another request
// before now plus its delay.
func (t *HostTable[Q]) Claimed(h *HostEntry[Q], now time.Time, p Policy) {
	h.Inflight++
	t.setNext(h, laterOf(h.Next, now.Add(max(p.Delay, h.Delay))))
}

// Release gives back one of h's slots and sets its next time: exactly
// when none of its requests is left in flight, otherwise never earlier.
func (t *HostTable[Q]) Release(h *HostEntry[Q], next time.Time) {
	if h.Inflight > 0 {
		h.Inflight--
	}
	if h.Inflight > 0 {
		next = laterOf(h.Next, next)
	}
	t.setNext(h, next)
}

// Hold keeps h back until at least at.
func (t *HostTable[Q]) Hold(h *HostEntry[Q], at time.Time) {
	t.setNext(h, laterOf(h.Next, at))
}

// Restart forgets the slots in use and the per-run host policies of every
// host (a new run, in which nothing is being fetched yet); next times stay.
func (t *HostTable[Q]) Restart() {
	for _, h := range t.hosts {
		h.Inflight, h.Closed, h.Delay = 0, false, 0
		t.Fix(h)
	}
}

func (t *HostTable[Q]) setNext(h *HostEntry[Q], next time.Time) {
	if !next.Equal(h.Next) || h.idx < 0 {
		t.tick++
		h.since = t.tick
	}
	h.Next = next
	t.Fix(h)
}

// Counts counts the hosts with work at now.
func (t *HostTable[Q]) Counts(now time.Time) HostCounts {
	var c HostCounts
	for _, h := range t.hosts {
		switch {
		case h.Inflight > 0:
			c.Active++
		case !h.Work || h.Closed:
		case h.Next.After(now):
			c.Waiting++
		default:
			c.Ready++
		}
	}
	return c
}

func laterOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

type hostHeap[Q any] []*HostEntry[Q]

func (h hostHeap[Q]) Len() int { return len(h) }
func (h hostHeap[Q]) Less(i, j int) bool {
	if !h[i].Next.Equal(h[j].Next) {
		return h[i].Next.Before(h[j].Next)
	}
	return h[i].since < h[j].since
}
func (h hostHeap[Q]) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].idx, h[j].idx = i, j
}
func (h *hostHeap[Q]) Push(x any) {
	e := x.(*HostEntry[Q])
	e.idx = len(*h)
	*h = append(*h, e)
}
func (h *hostHeap[Q]) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	e.idx = -1
	return e
}
