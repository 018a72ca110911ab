package store

import (
	bolt "go.etcd.io/bbolt"

	"newsarchive/frontier"
)

// verifyCrawl: each job's per-host queues hold valid requests filed under
// their own hosts, every queued URL is in the seen set, and the per-host
// and job counters match the queues. A crawl state in the layout before
// per-host queues is not checked: the next run starts it afresh.
func verifyCrawl(tx *bolt.Tx, r *VerifyReport) error {
	root := tx.Bucket(bCrawl)
	if root == nil {
		return nil
	}
	return root.ForEachBucket(func(job []byte) error {
		jb := root.Bucket(job)
		for _, name := range oldBuckets {
			if jb.Bucket(name) != nil {
				return nil
			}
		}
		for _, name := range crawlBuckets {
			if jb.Bucket(name) == nil {
				r.bad("crawl state %s: bucket %s missing", job, name)
				return nil
			}
		}
		seen := jb.Bucket(cSeen)
		perHost := map[string]int64{}
		total := int64(0)
		for _, name := range [][]byte{cQueue, cFront} {
			jb.Bucket(name).ForEach(func(k, v []byte) error {
				total++
				host, _, ok := splitQKey(k)
				req, err := decodeReq(v)
				switch {
				case !ok || err != nil:
					r.bad("crawl state %s: queue entry %x: not a request", job, k)
				case frontier.Host(req.URL) != host:
					r.bad("crawl state %s: %s is queued under host %s", job, req.URL, host)
				case seen.Get([]byte(req.URL)) == nil:
					r.bad("crawl state %s: queued %s is not in the seen set", job, req.URL)
				}
				perHost[host]++
				return nil
			})
		}
		jb.Bucket(cHosts).ForEach(func(k, v []byte) error {
			n, _ := hostRecord(jb, string(k))
			if n != perHost[string(k)] {
				r.bad("crawl state %s: host %s: record says %d queued, %d in its queues", job, k, n, perHost[string(k)])
			}
			delete(perHost, string(k))
			return nil
		})
		for host, n := range perHost {
			r.bad("crawl state %s: host %s has %d queued and no record", job, host, n)
		}
		if q := count(jb, "queued"); q != total {
			r.bad("crawl state %s: counter says %d queued, %d in the queues", job, q, total)
		}
		nc := int64(0)
		jb.Bucket(cClaimed).ForEach(func(k, v []byte) error {
			nc++
			if _, err := decodeReq(v); err != nil || len(k) != 8 {
				r.bad("crawl state %s: claimed entry %x: not a request", job, k)
			}
			return nil
		})
		if c := count(jb, "claimed"); c != nc {
			r.bad("crawl state %s: counter says %d claimed, %d in the set", job, c, nc)
		}
		return nil
	})
}
