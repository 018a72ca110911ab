package store

import (
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"newsarchive/frontier"
)

// Finishing claimed requests: Done drops them; Retry and Redirect queue
// them again in their hosts' front queues (in memory at once, on disk with
// the next commit); requeueTx does the same for a crashed run's claims.

// unclaim forgets a claimed ID in memory, reporting whether it was claimed.
func (c *CrawlState) unclaim(id uint64) bool {
	if _, ok := c.claimed[id]; !ok {
		return false
	}
	delete(c.claimed, id)
	return true
}

// dropClaimed deletes a claimed entry (in an op).
func dropClaimed(jb *bolt.Bucket, id uint64) error {
	cl := jb.Bucket(cClaimed)
	if cl.Get(u64(id)) == nil {
		return nil
	}
	if err := cl.Delete(u64(id)); err != nil {
		return err
	}
	return addCount(jb, "claimed", -1)
}

// Done finishes a claimed request. It is not durable on return: a crash
// before the next commit leaves it claimed, so the next run fetches it
// again (and archives it as unchanged).
func (c *CrawlState) Done(r frontier.Request) error {
	c.qmu.Lock()
	ok := c.unclaim(r.ID)
	c.qmu.Unlock()
	if !ok {
		return nil
	}
	return c.later(func(jb *bolt.Bucket) error { return dropClaimed(jb, r.ID) })
}

// Retry implements frontier.State.
func (c *CrawlState) Retry(r frontier.Request, at time.Time) error {
	return c.requeue(r, r, func(h *frontier.HostEntry[*window]) { c.hosts.Hold(h, at) }, nil)
}

// Redirect implements frontier.State.
func (c *CrawlState) Redirect(from, to frontier.Request) error {
	to.ID = from.ID
	url := []byte(to.URL)
	return c.requeue(from, to, nil, func(jb *bolt.Bucket) error { return jb.Bucket(cSeen).Put(url, present) })
}

// requeue finishes the claim of from by queuing r in its host's front
// queue, in memory at once and on disk with the next commit.
func (c *CrawlState) requeue(from, r frontier.Request, mem func(h *frontier.HostEntry[*window]), disk func(jb *bolt.Bucket) error) error {
	c.qmu.Lock()
	if !c.unclaim(from.ID) {
		c.qmu.Unlock()
		return nil
	}
	host := frontier.Host(r.URL)
	r.Via = slices.Clone(r.Via)
	h := c.entry(host)
	h.Queue.insert(qent{r: r, front: true})
	h.Work = true
	c.hosts.Fix(h)
	if mem != nil {
		mem(h)
	}
	c.qmu.Unlock()
	key, val := qkey(host, r.ID), encodeReq(r)
	return c.later(func(jb *bolt.Bucket) error {
		if err := dropClaimed(jb, from.ID); err != nil {
			return err
		}
		if disk != nil {
			if err := disk(jb); err != nil {
				return err
			}
		}
		if err := jb.Bucket(cFront).Put(key, val); err != nil {
			return err
		}
		if err := addQueued(jb, host, 1); err != nil {
			return err
		}
		return addCount(jb, "queued", 1)
	})
}

// requeueTx moves every claimed request to the front queue of its host.
func requeueTx(jb *bolt.Bucket) error {
	cl, f := jb.Bucket(cClaimed), jb.Bucket(cFront)
	var keys [][]byte
	n := int64(0)
	err := cl.ForEach(func(k, v []byte) error {
		if len(k) != 8 {
			return fmt.Errorf("store: corrupt claimed entry %x", k)
		}
		r, err := decodeReq(v)
		if err != nil {
			return err
		}
		host := frontier.Host(r.URL)
		if err := f.Put(qkey(host, binary.BigEndian.Uint64(k)), append([]byte{}, v...)); err != nil {
			return err
		}
		keys = append(keys, append([]byte{}, k...))
		n++
		return addQueued(jb, host, 1)
	})
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := cl.Delete(k); err != nil {
			return err
		}
	}
	if err := addCount(jb, "claimed", -n); err != nil {
		return err
	}
	return addCount(jb, "queued", n)
}
