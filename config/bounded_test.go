package config

import (
	"runtime"
	"testing"
	"time"
)

// Per-input budget of the loader: every input, however hostile, must load
// or fail within parseTime and without allocating more than parseAlloc.
// The race detector makes this code about ten times slower, and `make test`
// runs every package at once, so the time allowed there is longer; the
// inputs of the tests take a tenth of the budget or less without it.
const (
	parseTime  = 2 * time.Second * raceSlowdown
	parseAlloc = 256 << 20
)

// parseBounded runs Parse(b) and fails t as soon as it goes over the time
// or allocation budget. The allocations are read from runtime.MemStats
// while Parse runs, so a runaway input fails the test in a moment instead
// of exhausting the machine (it keeps running in its goroutine until the
// test binary exits).
func parseBounded(t testing.TB, b []byte) (Config, error) {
	t.Helper()
	type result struct {
		c   Config
		err error
	}
	done := make(chan result, 1)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := ms.TotalAlloc
	go func() {
		c, err := Parse(b)
		done <- result{c, err}
	}()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	deadline := time.NewTimer(parseTime)
	defer deadline.Stop()
	over := func() {
		runtime.ReadMemStats(&ms)
		if used := ms.TotalAlloc - before; used > parseAlloc {
			t.Fatalf("Parse of %d bytes allocated %d MB, over the %d MB budget", len(b), used>>20, parseAlloc>>20)
		}
	}
	for {
		select {
		case r := <-done:
			over()
			return r.c, r.err
		case <-tick.C:
			over()
		case <-deadline.C:
			t.Fatalf("Parse of %d bytes took more than %s", len(b), parseTime)
		}
	}
}
