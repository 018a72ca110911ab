package config

import (
	"net/url"
	"strconv"
	"strings"
	"time"
)

// MinLeaseTTL is the shortest crawler.lease_ttl: a worker renews its leases
// every third of it, and a pause of Redis or of the worker must not cost it
// its claims.
const MinLeaseTTL = 5 * time.Second

// SharedFrontier reports whether crawler.frontier puts the jobs' frontiers
// in Redis (redis://HOST:PORT/DB) rather than in the archive (empty).
func (cr Crawler) SharedFrontier() bool { return cr.Frontier != "" }

func (cr Crawler) validateFrontier() error {
	if cr.LeaseTTL < Duration(MinLeaseTTL) {
		return invalid("crawler.lease_ttl", "must be at least %s (got %s)", MinLeaseTTL, cr.LeaseTTL)
	}
	if cr.Frontier == "" {
		return nil
	}
	const want = "want redis://HOST:PORT/DB, or leave it out to keep the frontier in the archive"
	u, err := url.Parse(cr.Frontier)
	if err != nil {
		return invalid("crawler.frontier", "%v (%s)", err, want)
	}
	if u.Scheme != "redis" && u.Scheme != "rediss" {
		return invalid("crawler.frontier", "scheme %q is not redis (%s)", u.Scheme, want)
	}
	if u.Hostname() == "" {
		return invalid("crawler.frontier", "no host in %q (%s)", cr.Frontier, want)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return invalid("crawler.frontier", "bad port %q (%s)", p, want)
		}
	}
	if db := strings.Trim(u.Path, "/"); db != "" {
		if n, err := strconv.Atoi(db); err != nil || n < 0 {
			return invalid("crawler.frontier", "database %q is not a number (%s)", db, want)
		}
	}
	return nil
}
