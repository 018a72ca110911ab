// Package app is the service that runs the archive's work: it maps the
// configuration onto the scraper's and the store's plain option structs,
// opens the archive, runs a job or a one-off fetch, and archives what the
// crawler finds.
//
// It is the only package that knows both the configuration and the
// collaborators; cli, schedule and serve call it and never reach into one
// another. Contract: a Service is configured once (Config, Log) and is safe
// for one job run at a time per job; RunJob and Fetch open the archive for
// their own length unless the Service holds an open Store (a long-running
// process such as serve), in which case they use it and leave it open.
//
// With crawler.frontier in Redis, RunJob is the archive side of a shared
// crawl (distributed.go: seed, drain the job's results stream, end the run)
// and RunWorker a worker (worker.go: fetch and send results; it never opens
// the archive). A result is acknowledged only after its commit, and a
// worker sends its result before it finishes its claim, so the run ends
// only when every result is archived.
package app
