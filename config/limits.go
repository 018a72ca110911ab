package config

import (
	"strings"
	"time"
)

// Limits on the file as a whole. A config is small and hand-written; these
// keep a broken or hostile file (a huge one, or a "billion laughs" of YAML
// aliases) from costing more than a moment and a few MB before it is
// rejected.
const (
	// MaxFileBytes caps the config file; Load reads at most one byte more.
	MaxFileBytes = 1 << 20
	// MaxExpandedBytes caps the document's size with every alias expanded
	// (the text of its values plus one byte per node), checked before
	// anything is decoded. yaml.v3 bounds how many nodes aliases may add,
	// not how long the values they repeat are.
	MaxExpandedBytes = 8 << 20
	// MaxJobs caps the jobs list.
	MaxJobs = 10_000
	// MaxSeedsPerJob caps one job's seeds, MaxSeeds all jobs' together.
	MaxSeedsPerJob = 100_000
	MaxSeeds       = 1_000_000
	// MaxUserAgentBytes caps crawler.user_agent: it goes out on every request.
	MaxUserAgentBytes = 1024
	// MinInterval is the shortest interval a schedule may have.
	MinInterval = time.Minute
)

// Bounds of the numeric keys, inclusive. Validate reports a value outside
// them naming the key; README's configuration table lists them.
var (
	lockTimeoutRange  = durRange{0, time.Hour}
	perHostDelayRange = durRange{0, time.Hour}
	timeoutRange      = durRange{time.Second, time.Hour}

	keepVersionsRange = intRange{0, 100_000}
	parallelismRange  = intRange{1, 1024}
	maxBodyBytesRange = intRange{1 << 10, 1 << 30}
	retriesRange      = intRange{0, 10}
	maxDepthRange     = intRange{0, 100}
	maxPagesRange     = intRange{0, 10_000_000}
)

type durRange struct{ lo, hi time.Duration }

func (r durRange) check(key string, d Duration) error {
	if d.D() < r.lo || d.D() > r.hi {
		return invalid(key, "must be between %s and %s (got %s)", short(r.lo), short(r.hi), short(d.D()))
	}
	return nil
}

type intRange struct{ lo, hi int64 }

func (r intRange) check(key string, v int64) error {
	if v < r.lo || v > r.hi {
		return invalid(key, "must be between %d and %d (got %d)", r.lo, r.hi, v)
	}
	return nil
}

// short writes 1h rather than time.Duration's 1h0m0s.
func short(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
