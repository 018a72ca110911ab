package frontier

import (
	"slices"
	"sort"
	"sync"
	"time"
)

// MemState is an in-memory State for one-off fetches (fetch --no-store) and
// tests. It keeps everything in maps, so it is neither durable nor flat in
// memory: production crawls use the store's State. The zero value is not
// usable; call NewMemState.
type MemState struct {
	mu         sync.Mutex
	hosts      *HostTable[*memQueue]
	claimed    map[uint64]Request
	seen       map[string]bool
	validators map[string]Validators
	queued     int
	lastID     uint64
	running    bool
}

// memQueue is one host's queue, ordered by ID; reqs[head:] is waiting.
type memQueue struct {
	reqs []Request
	head int
}

func (q *memQueue) len() int { return len(q.reqs) - q.head }

// add puts r at its place by ID: at the end for a new request, near the
// front for one coming back.
func (q *memQueue) add(r Request) {
	w := q.reqs[q.head:]
	i := sort.Search(len(w), func(i int) bool { return w[i].ID > r.ID })
	if i == len(w) {
		q.reqs = append(q.reqs, r)
		return
	}
	if i == 0 && q.head > 0 {
		q.head--
		q.reqs[q.head] = r
		return
	}
	q.reqs = slices.Insert(q.reqs, q.head+i, r)
}

func (q *memQueue) pop() Request {
	r := q.reqs[q.head]
	q.reqs[q.head] = Request{} // let the strings go
	q.head++
	// Compact once the consumed prefix dominates, so a long crawl does not
	// keep an ever-growing backing array.
	if q.head > 64 && q.head*2 > len(q.reqs) {
		q.reqs = append([]Request(nil), q.reqs[q.head:]...)
		q.head = 0
	}
	return r
}

// NewMemState returns an empty state.
func NewMemState() *MemState {
	return &MemState{
		hosts:      NewHostTable[*memQueue](),
		claimed:    map[uint64]Request{},
		seen:       map[string]bool{},
		validators: map[string]Validators{},
	}
}

var _ State = (*MemState)(nil)

// queue adds r to its host's queue.
func (m *MemState) queue(r Request) {
	h := m.hosts.Get(r.Host())
	if h.Queue == nil {
		h.Queue = &memQueue{}
	}
	r.Via = slices.Clone(r.Via)
	h.Queue.add(r)
	h.Work = true
	m.queued++
	m.hosts.Fix(h)
}

// Push implements State.
func (m *MemState) Push(reqs []Request) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, r := range reqs {
		if r.URL == "" || m.seen[r.URL] {
			continue
		}
		m.seen[r.URL] = true
		m.lastID++
		r.ID = m.lastID
		m.queue(r)
		n++
	}
	return n, nil
}

// Claim implements State.
func (m *MemState) Claim(now time.Time, n int, p Policy) ([]Request, time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.hosts.SetPerHost(p.PerHost)
	out := []Request{}
	for len(out) < n {
		h := m.hosts.Ready(now)
		if h == nil {
			break
		}
		r := h.Queue.pop()
		m.queued--
		h.Work = h.Queue.len() > 0
		m.hosts.Claimed(h, now, p)
		m.claimed[r.ID] = r
		r.Via = slices.Clone(r.Via)
		out = append(out, r)
	}
	return out, m.hosts.Wake(now), nil
}

// Release implements State.
func (m *MemState) Release(host string, next time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if h, ok := m.hosts.Lookup(host); ok {
		m.hosts.Release(h, next)
	}
	return nil
}

// SetHost implements State.
func (m *MemState) SetHost(host string, p HostPolicy) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	h := m.hosts.Get(host)
	h.Delay, h.Closed = p.Delay, p.Closed
	m.hosts.Fix(h)
	return nil
}

// Done implements State.
func (m *MemState) Done(r Request) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.claimed, r.ID)
	return nil
}

// Retry implements State.
func (m *MemState) Retry(r Request, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.claimed[r.ID]; !ok {
		return nil
	}
	delete(m.claimed, r.ID)
	m.queue(r)
	h, _ := m.hosts.Lookup(r.Host())
	m.hosts.Hold(h, at)
	return nil
}

// Redirect implements State.
func (m *MemState) Redirect(from, to Request) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.claimed[from.ID]; !ok {
		return nil
	}
	delete(m.claimed, from.ID)
	to.ID = from.ID
	m.seen[to.URL] = true
	m.queue(to)
	return nil
}

// Pending implements State.
func (m *MemState) Pending() (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.queued + len(m.claimed), nil
}

// Hosts implements State.
func (m *MemState) Hosts(now time.Time) (HostCounts, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.hosts.Counts(now), nil
}

// Reset implements State. Validators are kept: they describe the site, not
// the run.
func (m *MemState) Reset() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.clearRunLocked()
	m.running = false
	return nil
}

func (m *MemState) clearRunLocked() {
	m.hosts.Reset()
	m.claimed = map[uint64]Request{}
	m.seen = map[string]bool{}
	m.queued = 0
}

// Validators implements State.
func (m *MemState) Validators(url string) (Validators, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.validators[url], nil
}

// SetValidators implements State.
func (m *MemState) SetValidators(url string, v Validators) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.validators[url] = v
	return nil
}

// BeginRun implements State: claimed requests go back to their places in
// their hosts' queues.
func (m *MemState) BeginRun(fresh bool) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.running && !fresh {
		m.hosts.Restart()
		for id, r := range m.claimed {
			delete(m.claimed, id)
			m.queue(r)
		}
		return true, nil
	}
	m.clearRunLocked()
	m.running = true
	return false, nil
}

// EndRun implements State.
func (m *MemState) EndRun() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.running = false
	m.clearRunLocked()
	return nil
}
