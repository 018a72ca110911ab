package store

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"newsarchive/frontier"
)

// The per-host queues of CrawlState. Every queued request is in exactly
// one place: in memory, in its host's window (every entry of hf, and the
// head of hq up to the window's cursor), or on disk in hq above the cursor.
// A claimed entry is deleted from disk by an op that rides on a later
// commit; the cursor makes sure the entry is never read again meanwhile.
// Entries queued again (retries, redirect hops) go to hf and into memory at
// once, so a window never has to read what is not committed yet.

// window is one host's view of its queue.
type window struct {
	buf    []qent // sorted by ID
	cursor uint64 // the highest ID read from hq
	more   bool   // hq may hold entries above cursor
}

type qent struct {
	r     frontier.Request
	front bool // from hf, not hq
}

func (w *window) insert(e qent) {
	i := sort.Search(len(w.buf), func(i int) bool { return w.buf[i].r.ID > e.r.ID })
	w.buf = slices.Insert(w.buf, i, e)
}

func (w *window) take() qent {
	e := w.buf[0]
	w.buf[0] = qent{}
	w.buf = w.buf[1:]
	return e
}

// rebuildAfter applies fn durably and then rebuilds the frontier in memory
// from what is stored: a host entry for every host with queued requests,
// with its next time, and every front entry. Queued URLs stay on disk.
func (c *CrawlState) rebuildAfter(fn func(jb *bolt.Bucket) error) error {
	c.qmu.Lock()
	defer c.qmu.Unlock()
	c.loaded = false
	if err := c.write(fn); err != nil {
		return err
	}
	return c.loadLocked()
}

func (c *CrawlState) loadLocked() error {
	if c.loaded {
		return nil
	}
	c.hosts.Reset()
	c.claimed = map[uint64]string{}
	err := c.s.view(func(tx *bolt.Tx) error {
		jb, _ := c.bucket(tx, false)
		if jb == nil || jb.Bucket(cHosts) == nil {
			return nil
		}
		err := jb.Bucket(cHosts).ForEach(func(k, v []byte) error {
			if n, next := hostRecord(jb, string(k)); n > 0 {
				h := c.entry(string(k))
				h.Queue.more = true
				h.Work = true
				if next != 0 {
					h.Next = unixNano(next)
				}
				c.hosts.Fix(h)
			}
			return nil
		})
		if err != nil {
			return err
		}
		return jb.Bucket(cFront).ForEach(func(k, v []byte) error {
			host, id, ok := splitQKey(k)
			r, err := decodeReq(v)
			if !ok || err != nil {
				return fmt.Errorf("%w %x", errCorruptReq, k)
			}
			r.ID = id
			h := c.entry(host)
			h.Queue.insert(qent{r: r, front: true})
			h.Work = true
			c.hosts.Fix(h)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("store: crawl state %s: %w", c.job, err)
	}
	c.loaded = true
	return nil
}

// entry returns host's schedule entry with its window.
func (c *CrawlState) entry(host string) *frontier.HostEntry[*window] {
	h := c.hosts.Get(host)
	if h.Queue == nil {
		h.Queue = &window{}
	}
	return h
}

// later queues an op for the next commit.
func (c *CrawlState) later(fn func(jb *bolt.Bucket) error) error {
	return c.writeLater("", nil, fn)
}

// Push queues every request whose URL was not seen in this run and returns
// how many were new. All of them are one transaction.
func (c *CrawlState) Push(reqs []frontier.Request) (int, error) {
	if len(reqs) == 0 {
		return 0, nil
	}
	var added int
	per := map[string]int64{}
	var order []string // hosts in the order they first come
	err := c.write(func(jb *bolt.Bucket) error {
		added = 0
		clear(per)
		order = order[:0]
		seen, q := jb.Bucket(cSeen), jb.Bucket(cQueue)
		for _, r := range reqs {
			if r.URL == "" || seen.Get([]byte(r.URL)) != nil {
				continue
			}
			if err := seen.Put([]byte(r.URL), present); err != nil {
				return err
			}
			id, err := q.NextSequence()
			if err != nil {
				return err
			}
			host := frontier.Host(r.URL)
			r.ID, r.Via = 0, nil
			if err := q.Put(qkey(host, id), encodeReq(r)); err != nil {
				return err
			}
			if per[host] == 0 {
				order = append(order, host)
			}
			per[host]++
			added++
		}
		for host, n := range per {
			if err := addQueued(jb, host, n); err != nil {
				return err
			}
		}
		return addCount(jb, "queued", int64(added))
	})
	if err != nil {
		return 0, err
	}
	c.qmu.Lock()
	defer c.qmu.Unlock()
	if err := c.loadLocked(); err != nil {
		return added, err
	}
	for _, host := range order {
		h := c.entry(host)
		h.Queue.more, h.Work = true, true
		c.hosts.Fix(h)
	}
	return added, nil
}

// claimOp is the stored side of one claimed entry.
type claimOp struct {
	key   []byte
	front bool
	id    uint64
	host  string
	val   []byte
}

// Claim implements frontier.State. Windows are filled from disk as they
// empty, a few entries per host at a time.
func (c *CrawlState) Claim(now time.Time, n int, p frontier.Policy) ([]frontier.Request, time.Time, error) {
	out := []frontier.Request{}
	var ops []claimOp
	c.qmu.Lock()
	if err := c.loadLocked(); err != nil {
		c.qmu.Unlock()
		return nil, time.Time{}, err
	}
	c.hosts.SetPerHost(p.PerHost)
	size := min(max(4*p.PerHost, 4), 64)
	var tx *bolt.Tx
	var err error
	for len(out) < n {
		h := c.hosts.Ready(now)
		if h == nil {
			break
		}
		w := h.Queue
		if len(w.buf) == 0 && w.more {
			if tx == nil {
				if tx, err = c.s.db.Begin(false); err != nil {
					break
				}
			}
			if err = c.fill(tx, h.Name, w, size); err != nil {
				break
			}
		}
		if len(w.buf) == 0 {
			h.Work = false
			c.hosts.Fix(h)
			continue
		}
		e := w.take()
		h.Work = len(w.buf) > 0 || w.more
		c.hosts.Claimed(h, now, p)
		c.claimed[e.r.ID] = h.Name
		out = append(out, e.r)
		ops = append(ops, claimOp{front: e.front, id: e.r.ID, host: h.Name})
	}
	wake := c.hosts.Wake(now)
	c.qmu.Unlock()
	if tx != nil {
		tx.Rollback()
	}
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("store: crawl state %s: %w", c.job, err)
	}
	if len(ops) == 0 {
		return out, wake, nil
	}
	for i := range ops {
		ops[i].key = qkey(ops[i].host, ops[i].id)
		ops[i].val = encodeReq(out[i])
	}
	return out, wake, c.later(func(jb *bolt.Bucket) error {
		q, f, cl := jb.Bucket(cQueue), jb.Bucket(cFront), jb.Bucket(cClaimed)
		n := int64(0)
		for _, o := range ops {
			b := q
			if o.front {
				b = f
			}
			if b.Get(o.key) == nil {
				continue
			}
			if err := b.Delete(o.key); err != nil {
				return err
			}
			if err := cl.Put(u64(o.id), o.val); err != nil {
				return err
			}
			if err := addQueued(jb, o.host, -1); err != nil {
				return err
			}
			n++
		}
		if err := addCount(jb, "queued", -n); err != nil {
			return err
		}
		return addCount(jb, "claimed", n)
	})
}

// fill reads up to size entries of host's queue past the window's cursor.
func (c *CrawlState) fill(tx *bolt.Tx, host string, w *window, size int) error {
	jb, _ := c.bucket(tx, false)
	if jb == nil || jb.Bucket(cQueue) == nil {
		w.more = false
		return nil
	}
	prefix := qkey(host, 0)[:len(host)+1]
	cur := jb.Bucket(cQueue).Cursor()
	read := 0
	for k, v := cur.Seek(qkey(host, w.cursor+1)); k != nil && bytes.HasPrefix(k, prefix) && read < size; k, v = cur.Next() {
		_, id, ok := splitQKey(k)
		r, err := decodeReq(v)
		if !ok || err != nil {
			return fmt.Errorf("%w %x", errCorruptReq, k)
		}
		r.ID = id
		w.insert(qent{r: r})
		w.cursor = id
		read++
	}
	w.more = read == size
	return nil
}

// Release implements frontier.State; the host's next time is kept with
// its record, so that a resumed run stays polite.
func (c *CrawlState) Release(host string, next time.Time) error {
	c.qmu.Lock()
	h, ok := c.hosts.Lookup(host)
	if ok {
		c.hosts.Release(h, next)
		next = h.Next
	}
	c.qmu.Unlock()
	if !ok {
		return nil
	}
	ns := next.UnixNano()
	if next.IsZero() {
		ns = 0
	}
	return c.later(func(jb *bolt.Bucket) error {
		n, _ := hostRecord(jb, host)
		return putHostRecord(jb, host, n, ns)
	})
}

// SetHost implements frontier.State. Host policies last for the run in
// this process: the crawler learns them again after a restart.
func (c *CrawlState) SetHost(host string, p frontier.HostPolicy) error {
	c.qmu.Lock()
	defer c.qmu.Unlock()
	if err := c.loadLocked(); err != nil {
		return err
	}
	h := c.entry(host)
	h.Delay, h.Closed = p.Delay, p.Closed
	c.hosts.Fix(h)
	return nil
}

// Hosts implements frontier.State.
func (c *CrawlState) Hosts(now time.Time) (frontier.HostCounts, error) {
	c.qmu.Lock()
	defer c.qmu.Unlock()
	if err := c.loadLocked(); err != nil {
		return frontier.HostCounts{}, err
	}
	return c.hosts.Counts(now), nil
}
