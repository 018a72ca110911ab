package frontier

import (
	"sort"
	"sync"
)

// MemState is an in-memory State for one-off fetches (fetch --no-store) and
// tests. It keeps everything in maps, so it is neither durable nor flat in
// memory: production crawls use the store's State. The zero value is not
// usable; call NewMemState.
type MemState struct {
	mu         sync.Mutex
	queue      []Request // queue[head:] is the frontier, oldest first
	head       int
	inflight   map[string]inflightReq
	seq        uint64
	seen       map[string]bool
	validators map[string]Validators
	running    bool
}

// inflightReq remembers the order a request was popped in, so that Requeue
// puts in-flight requests back in their original order.
type inflightReq struct {
	Request
	seq uint64
}

// NewMemState returns an empty state.
func NewMemState() *MemState {
	return &MemState{
		inflight:   map[string]inflightReq{},
		seen:       map[string]bool{},
		validators: map[string]Validators{},
	}
}

var _ State = (*MemState)(nil)

// Push implements State.
func (m *MemState) Push(reqs []Request) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, r := range reqs {
		if m.seen[r.URL] {
			continue
		}
		m.seen[r.URL] = true
		m.queue = append(m.queue, r)
		n++
	}
	return n, nil
}

// Pop implements State.
func (m *MemState) Pop(n int) ([]Request, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	avail := len(m.queue) - m.head
	if n > avail {
		n = avail
	}
	if n <= 0 {
		return []Request{}, nil
	}
	out := make([]Request, n)
	copy(out, m.queue[m.head:m.head+n])
	for i := m.head; i < m.head+n; i++ {
		m.queue[i] = Request{} // let the strings go
	}
	m.head += n
	// Compact once the consumed prefix dominates, so a long crawl does not
	// keep an ever-growing backing array.
	if m.head > 1024 && m.head*2 > len(m.queue) {
		m.queue = append([]Request(nil), m.queue[m.head:]...)
		m.head = 0
	}
	for _, r := range out {
		m.seq++
		m.inflight[r.URL] = inflightReq{r, m.seq}
	}
	return out, nil
}

// Done implements State.
func (m *MemState) Done(url string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.inflight, url)
	return nil
}

// Requeue implements State: in-flight requests go back to the front of the
// frontier in the order they were popped.
func (m *MemState) Requeue() (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.requeueLocked(), nil
}

func (m *MemState) requeueLocked() int {
	if len(m.inflight) == 0 {
		return 0
	}
	back := make([]inflightReq, 0, len(m.inflight))
	for _, r := range m.inflight {
		back = append(back, r)
	}
	sort.Slice(back, func(i, j int) bool { return back[i].seq < back[j].seq })
	q := make([]Request, 0, len(back)+len(m.queue)-m.head)
	for _, r := range back {
		q = append(q, r.Request)
	}
	m.queue = append(q, m.queue[m.head:]...)
	m.head = 0
	m.inflight = map[string]inflightReq{}
	return len(back)
}

// Pending implements State.
func (m *MemState) Pending() (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.queue) - m.head + len(m.inflight), nil
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
	m.queue, m.head = nil, 0
	m.inflight = map[string]inflightReq{}
	m.seen = map[string]bool{}
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

// BeginRun implements State.
func (m *MemState) BeginRun(fresh bool) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.running && !fresh {
		m.requeueLocked()
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
