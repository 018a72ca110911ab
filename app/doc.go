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
// Their errors are filed, with the cause's message kept, under ErrConfig,
// ErrNothingFetched, ErrArchive and ErrInterrupted (errors.go), so that a
// caller tells the outcomes apart with errors.Is: the command line's exit
// status is made from them. Errors of single pages only count in the run.
//
// The sink files URL variants of one article (the same page under
// different query strings, with the same content hash) under one key,
// recording the others as aliases (variants.go).
//
// Notifications: with notify rules configured, the sink matches them
// against each version it archives and the outbox entries go into that
// version's Put; RunJob and Fetch deliver while they run and wait up to
// notify_wait at the end. One sender runs per open Store (StartNotifier),
// so a long-running process that starts one for its life shares it with
// the runs it starts.
//
// A Service from NewHeld (and the copies WithLog makes) runs one run of a
// job at a time: a second is refused with ErrJobRunning, since both would
// share the job's crawl state.
//
// With crawler.frontier in Redis, RunJob is the archive side of a shared
// crawl (distributed.go: seed, drain the job's results stream, end the run)
// and RunWorker a worker (worker.go: fetch and send results; it never opens
// the archive). A result is acknowledged only after its commit, and a
// worker sends its result before it finishes its claim, so the run ends
// only when every result is archived.
package app
