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
// Push, Pop, Requeue, Reset and BeginRun go through the store's group
// commit and are durable when they return (a Push of 5 000 links is one
// transaction). Done, SetValidators, Visited and SetCookies are queued and
// ride on the next commit; until then an in-memory overlay answers reads,
// so Validators, IsVisited and Cookies see them at once. Pending is ordered
// after every write queued before it.
type CrawlState struct {
	s   *Store
	job []byte

	mu      sync.Mutex
	overlay map[string]overlayEntry // sub-bucket byte + key → pending value
	gen     uint64
}

type overlayEntry struct {
	val []byte
	gen uint64
}

// Sub-buckets of crawl/<job>.
var (
	cQueue    = []byte("queue")    // seq (8 bytes BE) → encoded Request
	cInflight = []byte("inflight") // URL → seq + encoded Request
	cSeen     = []byte("seen")     // URL → 1: pushed in this run
	cValid    = []byte("valid")    // URL → JSON Validators
	cCookies  = []byte("cookies")  // host → cookie string (colly)
	cVisited  = []byte("visited")  // colly request ID (8 bytes BE) → 1
	cCounts   = []byte("counts")   // "queued", "inflight", "running" → uint64 BE
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
	c := &CrawlState{s: s, job: []byte(job), overlay: map[string]overlayEntry{}}
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
	for _, name := range [][]byte{cQueue, cInflight, cSeen, cValid, cCookies, cVisited, cCounts} {
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
		if jb == nil {
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
	n := count(jb, name) + d
	if n < 0 {
		n = 0
	}
	return jb.Bucket(cCounts).Put([]byte(name), u64(uint64(n)))
}

// Request encoding: kind, uvarint depth, uvarint len(lastmod), lastmod, URL.
func encodeReq(r frontier.Request) []byte {
	b := make([]byte, 0, 1+binary.MaxVarintLen64*2+len(r.LastMod)+len(r.URL))
	b = append(b, byte(r.Kind))
	b = binary.AppendUvarint(b, uint64(r.Depth))
	b = binary.AppendUvarint(b, uint64(len(r.LastMod)))
	b = append(b, r.LastMod...)
	return append(b, r.URL...)
}

func decodeReq(b []byte) (frontier.Request, error) {
	var r frontier.Request
	if len(b) < 1 {
		return r, fmt.Errorf("store: corrupt frontier entry")
	}
	r.Kind = frontier.Kind(b[0])
	d, n := binary.Uvarint(b[1:])
	if n <= 0 {
		return r, fmt.Errorf("store: corrupt frontier entry")
	}
	b = b[1+n:]
	l, n := binary.Uvarint(b)
	if n <= 0 || uint64(len(b)-n) < l {
		return r, fmt.Errorf("store: corrupt frontier entry")
	}
	r.Depth = int(d)
	r.LastMod = string(b[n : n+int(l)])
	r.URL = string(b[n+int(l):])
	return r, nil
}

// Push queues every request whose URL was not seen in this run and returns
// how many were new. All of them are one transaction.
func (c *CrawlState) Push(reqs []frontier.Request) (int, error) {
	if len(reqs) == 0 {
		return 0, nil
	}
	var added int
	err := c.write(func(jb *bolt.Bucket) error {
		added = 0
		seen, q := jb.Bucket(cSeen), jb.Bucket(cQueue)
		for _, r := range reqs {
			if r.URL == "" || seen.Get([]byte(r.URL)) != nil {
				continue
			}
			if err := seen.Put([]byte(r.URL), present); err != nil {
				return err
			}
			seq, err := q.NextSequence()
			if err != nil {
				return err
			}
			if err := q.Put(u64(seq), encodeReq(r)); err != nil {
				return err
			}
			added++
		}
		return addCount(jb, "queued", int64(added))
	})
	return added, err
}

// Pop takes up to n requests off the frontier, oldest first, marking them
// in flight.
func (c *CrawlState) Pop(n int) ([]frontier.Request, error) {
	out := []frontier.Request{}
	if n <= 0 {
		return out, nil
	}
	err := c.write(func(jb *bolt.Bucket) error {
		out = out[:0]
		q, fl := jb.Bucket(cQueue), jb.Bucket(cInflight)
		var keys [][]byte
		cur := q.Cursor()
		for k, v := cur.First(); k != nil && len(out) < n; k, v = cur.Next() {
			r, err := decodeReq(v)
			if err != nil {
				return err
			}
			out = append(out, r)
			keys = append(keys, append([]byte{}, k...))
			// in flight: seq + request, so Requeue restores the order
			if err := fl.Put([]byte(r.URL), append(append([]byte{}, k...), v...)); err != nil {
				return err
			}
		}
		for _, k := range keys {
			if err := q.Delete(k); err != nil {
				return err
			}
		}
		if err := addCount(jb, "queued", -int64(len(keys))); err != nil {
			return err
		}
		return addCount(jb, "inflight", int64(len(keys)))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Done marks an in-flight URL finished. It is not durable on return: a
// crash before the next commit leaves the URL in flight, so the next run
// fetches it again (and archives it as unchanged).
func (c *CrawlState) Done(u string) error {
	return c.writeLater("", nil, func(jb *bolt.Bucket) error {
		fl := jb.Bucket(cInflight)
		if fl.Get([]byte(u)) == nil {
			return nil
		}
		if err := fl.Delete([]byte(u)); err != nil {
			return err
		}
		return addCount(jb, "inflight", -1)
	})
}

// Requeue moves every in-flight request back to the frontier, at its old
// place in the queue.
func (c *CrawlState) Requeue() (int, error) {
	var n int
	err := c.write(func(jb *bolt.Bucket) error {
		var err error
		n, err = requeueTx(jb)
		return err
	})
	return n, err
}

func requeueTx(jb *bolt.Bucket) (int, error) {
	q, fl := jb.Bucket(cQueue), jb.Bucket(cInflight)
	var keys [][]byte
	cur := fl.Cursor()
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if len(v) < 8 {
			return 0, fmt.Errorf("store: corrupt in-flight entry %q", k)
		}
		if err := q.Put(append([]byte{}, v[:8]...), append([]byte{}, v[8:]...)); err != nil {
			return 0, err
		}
		keys = append(keys, append([]byte{}, k...))
	}
	for _, k := range keys {
		if err := fl.Delete(k); err != nil {
			return 0, err
		}
	}
	if err := addCount(jb, "inflight", -int64(len(keys))); err != nil {
		return 0, err
	}
	return len(keys), addCount(jb, "queued", int64(len(keys)))
}

// Pending counts queued plus in-flight requests, after every write queued
// before the call.
func (c *CrawlState) Pending() (int, error) {
	var n int64
	err := c.write(func(jb *bolt.Bucket) error {
		n = count(jb, "queued") + count(jb, "inflight")
		return nil
	})
	return int(n), err
}

// Reset forgets the job's frontier, seen set, colly's visited set and run
// progress (crawl --fresh). Validators and cookies are kept: they describe
// the site, not the run.
func (c *CrawlState) Reset() error {
	return c.write(clearRun)
}

// clearRun empties the run's buckets and marks no run as in progress.
func clearRun(jb *bolt.Bucket) error {
	for _, name := range [][]byte{cQueue, cInflight, cSeen, cVisited, cCounts} {
		if err := jb.DeleteBucket(name); err != nil {
			return err
		}
		if _, err := jb.CreateBucket(name); err != nil {
			return err
		}
	}
	return nil
}

// BeginRun starts a run of the job (see frontier.State). If the previous
// run began and never ended (a crash, a kill, a cancelled crawl) and fresh
// is false, its in-flight requests go back to the queue and resumed is
// true. Otherwise the frontier, seen and visited sets are cleared and the
// caller pushes the seeds. The run is marked in progress durably.
func (c *CrawlState) BeginRun(fresh bool) (resumed bool, err error) {
	err = c.write(func(jb *bolt.Bucket) error {
		resumed = false
		if count(jb, "running") == 1 && !fresh {
			resumed = true
			_, err := requeueTx(jb)
			return err
		}
		if err := clearRun(jb); err != nil {
			return err
		}
		return addCount(jb, "running", 1)
	})
	return resumed, err
}

// EndRun records that the current run finished, durably, and drops its
// frontier and seen set so the next BeginRun starts afresh.
func (c *CrawlState) EndRun() error {
	return c.write(clearRun)
}

// Running reports whether a run began and has not ended.
func (c *CrawlState) Running() (bool, error) {
	running := false
	err := c.s.view(func(tx *bolt.Tx) error {
		if jb, _ := c.bucket(tx, false); jb != nil {
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
