package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/url"
	"sync"

	"github.com/gocolly/colly/v2/storage"
	bolt "go.etcd.io/bbolt"

	"newsarchive/frontier"
)

// CrawlState is a job's persistent frontier (frontier.State) kept in the
// archive under crawl/<job>, and colly's storage.Storage (visited request
// IDs and cookies) for the same job.
//
// Each host has its own queue on disk. In memory the state keeps only the
// host schedule (frontier.HostTable) and, for each host, a window on the
// head of its queue, so memory grows with the number of hosts, not with
// the URLs queued; a resumed run rebuilds it from the per-host records.
//
// Push, BeginRun, EndRun and Reset go through the store's group commit and
// are durable when they return (a Push of 5 000 links is one transaction).
// Claim, Release, Done, Retry, Redirect, SetValidators, Visited and
// SetCookies are queued and ride on the next commit: memory answers at
// once, so a crash can only lose the bookkeeping of requests whose results
// were not committed either (they are fetched again). Pending is ordered
// after every write queued before it.
type CrawlState struct {
	s   *Store
	job []byte

	mu      sync.Mutex
	overlay map[string]overlayEntry // sub-bucket byte + key → pending value
	gen     uint64

	qmu     sync.Mutex // guards the frontier in memory (crawlqueue.go)
	hosts   *frontier.HostTable[*window]
	claimed map[uint64]string // claimed ID → host
	loaded  bool              // hosts reflects the stored frontier
}

type overlayEntry struct {
	val []byte
	gen uint64
}

// Sub-buckets of crawl/<job>.
var (
	cQueue   = []byte("hq")      // host 0x00 ID(8 BE) → request: pushed, read through each host's window
	cFront   = []byte("hf")      // host 0x00 ID(8 BE) → request: queued again (retried, redirected, requeued)
	cClaimed = []byte("claimed") // ID(8 BE) → request: claimed, not finished
	cHosts   = []byte("hosts")   // host → queued count(8 BE) + next time (unix ns, 8 BE)
	cSeen    = []byte("seen")    // URL → 1: queued in this run
	cValid   = []byte("valid")   // URL → JSON Validators
	cCookies = []byte("cookies") // host → cookie string (colly)
	cVisited = []byte("visited") // colly request ID (8 bytes BE) → 1
	cCounts  = []byte("counts")  // "queued", "claimed", "running" → uint64 BE

	crawlBuckets = [][]byte{cQueue, cFront, cClaimed, cHosts, cSeen, cValid, cCookies, cVisited, cCounts}
	// runBuckets hold one run's progress; the others describe the site.
	runBuckets = [][]byte{cQueue, cFront, cClaimed, cHosts, cSeen, cVisited, cCounts}
	// oldBuckets are the single queue of the layout before per-host
	// queues. A crawl state that has them is not resumed: it is derived
	// data, so the next run starts afresh (validators and cookies kept).
	oldBuckets = [][]byte{[]byte("queue"), []byte("inflight")}
)

var (
	_ frontier.State  = (*CrawlState)(nil)
	_ storage.Storage = (*CrawlState)(nil)
)

// CrawlState returns the persistent frontier of a job. The value also
// implements colly's storage.Storage (see Crawl).
func (s *Store) CrawlState(job string) frontier.State { return s.Crawl(job) }

// Crawl is CrawlState with its concrete type, for colly's SetStorage.
func (s *Store) Crawl(job string) *CrawlState {
	s.jobsMu.Lock()
	defer s.jobsMu.Unlock()
	if c, ok := s.jobs[job]; ok {
		return c
	}
	c := &CrawlState{s: s, job: []byte(job), overlay: map[string]overlayEntry{},
		hosts: frontier.NewHostTable[*window](), claimed: map[uint64]string{}}
	s.jobs[job] = c
	return c
}

func (c *CrawlState) bucket(tx *bolt.Tx, create bool) (*bolt.Bucket, error) {
	root := tx.Bucket(bCrawl)
	if root == nil {
		return nil, nil
	}
	if !create {
		return root.Bucket(c.job), nil
	}
	jb, err := root.CreateBucketIfNotExists(c.job)
	if err != nil {
		return nil, err
	}
	for _, name := range crawlBuckets {
		if _, err := jb.CreateBucketIfNotExists(name); err != nil {
			return nil, err
		}
	}
	return jb, nil
}

func (c *CrawlState) write(fn func(jb *bolt.Bucket) error) error {
	err := c.s.update(func(tx *bolt.Tx) error {
		jb, err := c.bucket(tx, true)
		if err != nil {
			return err
		}
		return fn(jb)
	})
	if err != nil {
		return fmt.Errorf("store: crawl state %s: %w", c.job, err)
	}
	return nil
}

// writeLater queues fn; key/val is the overlay entry that answers reads
// until the commit.
func (c *CrawlState) writeLater(okey string, val []byte, fn func(jb *bolt.Bucket) error) error {
	if c.s.w == nil {
		return fmt.Errorf("store: crawl state %s: opened read-only", c.job)
	}
	c.mu.Lock()
	c.gen++
	gen := c.gen
	if okey != "" {
		c.overlay[okey] = overlayEntry{val: val, gen: gen}
	}
	c.mu.Unlock()
	after := func() {
		if okey == "" {
			return
		}
		c.mu.Lock()
		if e, ok := c.overlay[okey]; ok && e.gen == gen {
			delete(c.overlay, okey)
		}
		c.mu.Unlock()
	}
	return c.s.w.async(func(tx *bolt.Tx) error {
		jb, err := c.bucket(tx, true)
		if err != nil {
			return err
		}
		return fn(jb)
	}, after)
}

func (c *CrawlState) read(sub []byte, key []byte) ([]byte, bool, error) {
	c.mu.Lock()
	e, ok := c.overlay[string(sub)+"\x00"+string(key)]
	c.mu.Unlock()
	if ok {
		return e.val, true, nil
	}
	var out []byte
	found := false
	err := c.s.view(func(tx *bolt.Tx) error {
		jb, _ := c.bucket(tx, false)
		if jb == nil || jb.Bucket(sub) == nil {
			return nil
		}
		if v := jb.Bucket(sub).Get(key); v != nil {
			out, found = append([]byte{}, v...), true
		}
		return nil
	})
	return out, found, err
}

func count(jb *bolt.Bucket, name string) int64 {
	v := jb.Bucket(cCounts).Get([]byte(name))
	if len(v) != 8 {
		return 0
	}
	return int64(binary.BigEndian.Uint64(v))
}

func addCount(jb *bolt.Bucket, name string, d int64) error {
	if d == 0 {
		return nil
	}
	n := count(jb, name) + d
	if n < 0 {
		n = 0
	}
	return jb.Bucket(cCounts).Put([]byte(name), u64(uint64(n)))
}

// Pending counts queued plus claimed requests, after every write queued
// before the call.
func (c *CrawlState) Pending() (int, error) {
	var n int64
	err := c.write(func(jb *bolt.Bucket) error {
		n = count(jb, "queued") + count(jb, "claimed")
		return nil
	})
	return int(n), err
}

// Reset forgets the job's frontier, seen set, colly's visited set and run
// progress (crawl --fresh). Validators and cookies are kept: they describe
// the site, not the run.
func (c *CrawlState) Reset() error {
	return c.rebuildAfter(func(jb *bolt.Bucket) error { _, err := clearRun(jb); return err })
}

// clearRun empties the run's buckets (and those of the old layout) and
// marks no run as in progress. It reports whether the old layout was there.
func clearRun(jb *bolt.Bucket) (old bool, err error) {
	for _, name := range oldBuckets {
		if jb.Bucket(name) != nil {
			old = true
			if err := jb.DeleteBucket(name); err != nil {
				return old, err
			}
		}
	}
	for _, name := range runBuckets {
		if err := jb.DeleteBucket(name); err != nil {
			return old, err
		}
		if _, err := jb.CreateBucket(name); err != nil {
			return old, err
		}
	}
	return old, nil
}

// BeginRun starts a run of the job (see frontier.State). If the previous
// run began and never ended (a crash, a kill, a cancelled crawl) and fresh
// is false, its claimed requests go back to their hosts' queues and
// resumed is true. Otherwise the frontier, seen and visited sets are
// cleared and the caller pushes the seeds; so is a crawl state written in
// the layout before per-host queues, which is not resumed. The run is
// marked in progress durably.
func (c *CrawlState) BeginRun(fresh bool) (resumed bool, err error) {
	err = c.rebuildAfter(func(jb *bolt.Bucket) error {
		resumed = false
		old := false
		for _, name := range oldBuckets {
			old = old || jb.Bucket(name) != nil
		}
		if count(jb, "running") == 1 && !fresh && !old {
			resumed = true
			return requeueTx(jb)
		}
		if _, err := clearRun(jb); err != nil {
			return err
		}
		return addCount(jb, "running", 1)
	})
	return resumed, err
}

// EndRun records that the current run finished, durably, and drops its
// frontier and seen set so the next BeginRun starts afresh.
func (c *CrawlState) EndRun() error {
	return c.rebuildAfter(func(jb *bolt.Bucket) error { _, err := clearRun(jb); return err })
}

// Running reports whether a run began and has not ended.
func (c *CrawlState) Running() (bool, error) {
	running := false
	err := c.s.view(func(tx *bolt.Tx) error {
		if jb, _ := c.bucket(tx, false); jb != nil && jb.Bucket(cCounts) != nil {
			running = count(jb, "running") == 1
		}
		return nil
	})
	return running, err
}

type storedValidators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	Fetched      int64  `json:"fetched,omitempty"` // unix nanoseconds
}

// Validators returns what was remembered for url (zero if nothing).
func (c *CrawlState) Validators(u string) (frontier.Validators, error) {
	v, ok, err := c.read(cValid, []byte(u))
	if err != nil || !ok {
		return frontier.Validators{}, err
	}
	return decodeValidators(v)
}

func decodeValidators(v []byte) (frontier.Validators, error) {
	var sv storedValidators
	if err := json.Unmarshal(v, &sv); err != nil {
		return frontier.Validators{}, fmt.Errorf("store: corrupt validators: %w", err)
	}
	out := frontier.Validators{ETag: sv.ETag, LastModified: sv.LastModified}
	if sv.Fetched != 0 {
		out.Fetched = unixNano(sv.Fetched)
	}
	return out, nil
}

// SetValidators remembers validators for url; durable with the next commit.
func (c *CrawlState) SetValidators(u string, v frontier.Validators) error {
	sv := storedValidators{ETag: v.ETag, LastModified: v.LastModified}
	if !v.Fetched.IsZero() {
		sv.Fetched = v.Fetched.UnixNano()
	}
	b, _ := json.Marshal(sv)
	return c.writeLater(string(cValid)+"\x00"+u, b, func(jb *bolt.Bucket) error {
		return jb.Bucket(cValid).Put([]byte(u), b)
	})
}

// Init implements colly's storage.Storage; the buckets are made on first
// write.
func (c *CrawlState) Init() error { return nil }

// Visited implements storage.Storage: remembers a colly request ID.
func (c *CrawlState) Visited(id uint64) error {
	k := u64(id)
	return c.writeLater(string(cVisited)+"\x00"+string(k), []byte{}, func(jb *bolt.Bucket) error {
		return jb.Bucket(cVisited).Put(k, present)
	})
}

// IsVisited implements storage.Storage.
func (c *CrawlState) IsVisited(id uint64) (bool, error) {
	_, ok, err := c.read(cVisited, u64(id))
	return ok, err
}

// Cookies implements storage.Storage: the cookie string kept for u's host.
func (c *CrawlState) Cookies(u *url.URL) string {
	v, _, _ := c.read(cCookies, []byte(u.Host))
	return string(v)
}

// SetCookies implements storage.Storage.
func (c *CrawlState) SetCookies(u *url.URL, cookies string) {
	host := u.Host
	val := []byte(cookies)
	if err := c.writeLater(string(cCookies)+"\x00"+host, val, func(jb *bolt.Bucket) error {
		return jb.Bucket(cCookies).Put([]byte(host), val)
	}); err != nil {
		c.s.logAsync(err)
	}
}
