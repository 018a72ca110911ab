// Package schedule is the cron daemon behind `newsarchive schedule`.
//
// Run fires each Entry on its own cron spec (DefaultParser's dialect)
// and calls the caller's RunFunc with the job's name. The contract:
//
//   - Runs of one job never overlap: a tick that arrives while the previous
//     run is still going is skipped with a log line, not queued.
//   - Jobs are isolated: an error or a panic in one run is logged and the
//     schedule carries on, for that job and for the others.
//   - Runs of different jobs are serialised by default (Options.Concurrency):
//     a job whose tick finds another job running waits for it, because each
//     run opens the single-writer store.
//   - The daemon holds nothing between runs: the
//     RunFunc opens the store, runs the job, records the run and closes the
//     store, so `crawl`, `fetch` and `export` can use the archive between
//     ticks.
//   - When ctx is cancelled (SIGINT/SIGTERM in the CLI), no new run starts;
//     running jobs see the cancellation through their context (a crawl then
//     stops within seconds and keeps what it archived), and Run waits up to
//     Options.Grace for them to return before it returns.
//
// Every log line carries the job's name, so one job's history can be read
// out of a shared log with grep.
package schedule
