package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"newsarchive/store"
	"newsarchive/store/storetest"
)

// BenchmarkPutMany writes a synthetic archive (NEWSARCHIVE_BENCH_ARTICLES
// articles, default 20 000; ~5 KB text and ~30 KB raw HTML each, a tenth
// with two versions, each with a crawl's provenance) with batched writes,
// and reports articles/s and the file size as a share of the raw HTML held.
// Snapshot generation is not timed. It runs twice: raw bodies compressed
// against their version's article JSON as a dictionary (the archive's
// way), and on their own.
func BenchmarkPutMany(b *testing.B) {
	for _, mode := range []struct {
		name string
		opts store.Options
	}{{"dict", store.Options{}}, {"nodict", store.WithoutRawDict(store.Options{})}} {
		b.Run(mode.name, func(b *testing.B) { benchPutMany(b, mode.opts) })
	}
}

func benchPutMany(b *testing.B, opts store.Options) {
	n := storetest.BenchArticles(20000)
	for b.Loop() {
		path := filepath.Join(b.TempDir(), "bench.db")
		s, err := store.Open(path, opts)
		if err != nil {
			b.Fatal(err)
		}
		var elapsed, cpu time.Duration
		snaps, rawBytes, err := storetest.Archive(n, 1000, func(batch []store.Snapshot) error {
			start, cpu0 := time.Now(), cpuTime()
			_, err := s.PutMany(context.Background(), batch)
			elapsed += time.Since(start)
			cpu += cpuTime() - cpu0
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		st, err := s.Stats()
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		fi, _ := os.Stat(path)
		b.ReportMetric(float64(snaps)/elapsed.Seconds(), "articles/s")
		b.ReportMetric(elapsed.Seconds(), "write-s")
		// CPU per article does not depend on what else runs on the
		// machine: 2 cores / cpu-µs is the rate on an idle machine.
		b.ReportMetric(float64(cpu.Microseconds())/float64(snaps), "cpu-µs/article")
		b.ReportMetric(100*float64(fi.Size())/float64(rawBytes), "%size/raw")
		b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
		b.ReportMetric(float64(rawBytes)/(1<<20), "raw-MB")
		b.ReportMetric(float64(st.RawStored)/(1<<20), "rawz-MB")
	}
}

// BenchmarkPutConcurrent measures single-snapshot Puts from 16 goroutines,
// as a crawl makes them: group commit shares each fsync.
func BenchmarkPutConcurrent(b *testing.B) {
	n := storetest.BenchArticles(20000) / 4
	snaps := make([]store.Snapshot, 0, n)
	for i := range n {
		snaps = append(snaps, storetest.Snapshot(i, 0))
	}
	for b.Loop() {
		s, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		var wg sync.WaitGroup
		next := make(chan int)
		var errOnce sync.Once
		var firstErr error
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					if _, err := s.Put(context.Background(), snaps[i]); err != nil {
						errOnce.Do(func() { firstErr = err })
					}
				}
			}()
		}
		for i := range snaps {
			next <- i
		}
		close(next)
		wg.Wait()
		el := time.Since(start)
		if firstErr != nil {
			b.Fatal(firstErr)
		}
		s.Close()
		b.ReportMetric(float64(n)/el.Seconds(), "articles/s")
	}
	_ = fmt.Sprint
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkOpen measures what Open costs on a large archive
// (NEWSARCHIVE_BENCH_ARTICLES, default 20 000): read-only (the O(1) meta
// check) and for writing (the walk of every tree page's header as well).
func BenchmarkOpen(b *testing.B) {
	n := storetest.BenchArticles(20000)
	path := filepath.Join(b.TempDir(), "bench.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	storetest.Fill(b, s, n)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	fi, _ := os.Stat(path)
	for _, c := range []struct {
		name string
		opts store.Options
	}{{"read-only", store.Options{ReadOnly: true}}, {"for-writing", store.Options{}}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				s, err := store.Open(path, c.opts)
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
			b.ReportMetric(float64(fi.Size())/(1<<20), "file-MB")
		})
	}
}

// BenchmarkPrepare is the CPU work Put and PutMany do before the write
// transaction (article JSON, content hash, SHA-256 of the body, zstd of
// the JSON, the provenance and the body against the JSON), on one
// goroutine over 1 000 new snapshots of the synthetic archive; it reports
// CPU-µs per snapshot.
func BenchmarkPrepare(b *testing.B) {
	snaps := make([]store.Snapshot, 1000)
	for i := range snaps {
		snaps[i] = storetest.Snapshot(i, 0)
	}
	s, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		cpu0 := cpuTime()
		for _, snap := range snaps {
			if err := s.Prepare(snap); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(len(snaps)), "cpu-µs/snapshot")
	}
}
