// Package store is newsarchive's archive: versioned article snapshots, their
// raw HTML, crawl state and run records in one bbolt file.
//
// # Versions
//
// Put archives a snapshot under its key (decision 2 of issue #2). Its
// content hash (article.ContentHash, decision 3) decides: the same hash as
// the latest version only moves last_checked forward; a different one adds
// version N+1; a new key gets version 1. Related links, images, tags,
// description, modified_at and the raw HTML are stored with each version
// but never cause one. Each version keeps the raw body zstd-compressed and
// content-addressed by its SHA-256, so identical bodies are stored once.
// store.keep_versions prunes the oldest versions beyond that many, never
// the latest.
//
// # Writes
//
// Every write goes to one writer goroutine that commits whatever is waiting
// in one transaction (group commit) and then answers all callers: Put,
// PutMany, Touch, AddRun, Push, BeginRun… return when durable. CPU work (JSON,
// hashing, compression) happens in the caller before that. Reads are plain
// bbolt read transactions; long walks (Scan, List) use short transactions
// of a few hundred items and call back outside them, so memory stays flat
// and callbacks may write.
//
// # Locking
//
// bbolt locks the file: one writer process, or any number of read-only
// ones. Open waits Options.LockTimeout and then returns ErrLocked (decision 4).
//
// # Layout
//
// Top-level buckets ("key" is the archive key, a normalised URL; BE = big
// endian; id = a bucket sequence number):
//
//	articles  key → JSON {fs first_seen, lc last_checked (unix s), v latest
//	          version, o oldest stored, n versions stored, h latest content
//	          hash, t title, p published_at}
//	vindex    key 0x00 version(4 BE) → version id(8 BE): an article's
//	          versions in order
//	versions  version id(8 BE) → header (format 2, fetched_at 8, status 2,
//	          content hash 32, raw id 8 or 0, version 4, key length 2) +
//	          key + zstd(article JSON without archive fields)
//	aliases   URL → key, for every URL an article was fetched under and for
//	          the key itself
//	bytime    fetched_at(8 BE) version id(8 BE) → 1: the time index behind
//	          --since/--until
//	raw       raw id(8 BE) → length 8 + SHA-256 32 + dictionary version
//	          id 8 + zstd(raw body, with that version's article JSON as a
//	          raw dictionary so the text is not stored twice)
//	rawsha    SHA-256(raw body) → raw id: identical bodies stored once
//	rawrefs   raw id(8 BE) version id(8 BE) → 1: which versions use a
//	          body (pruning deletes a body with its last reference)
//	runs      run id(8 BE) → JSON Run
//	runhosts  run id(8 BE) → JSON per-host figures of the run (made by
//	          the first run that has some)
//	crawl     job name → bucket of the job's crawl state (a request is
//	          kind, depth, attempt, lastmod, redirect chain, URL; its ID
//	          is its key):
//	            hq       host 0x00 ID(8 BE) → request: pushed, one queue
//	                     per host (host = lower-cased host:port)
//	            hf       host 0x00 ID(8 BE) → request: queued again
//	                     (retries, redirect hops, requeued after a crash)
//	            claimed  ID(8 BE) → request: claimed, not finished
//	            hosts    host → queued count(8 BE) + next time (unix ns)
//	            seen     URL → 1
//	            valid    URL → JSON validators (ETag, Last-Modified)
//	            cookies  host → cookie string (colly)
//	            visited  colly request id(8 BE) → 1
//	            counts   "queued" | "claimed" | "running" → uint64 BE
//	          A job bucket with the single "queue" and "inflight" of the
//	          layout before per-host queues is not resumed: the next run
//	          starts it afresh (crawl state is derived; validators and
//	          cookies are kept).
//	info      "schema" → layout version ("2"); "keep_versions" → the
//	          limit the archive was last pruned to (Open prunes when lowered)
//
// The big values (versions, raw) are keyed by ids that only grow, so they
// are appended with full pages and never rewritten by later inserts; only
// the small index buckets take random inserts. Pages are 2 KiB. URLs never
// contain a NUL byte, so key 0x00 separates a key from its version number.
// Verify checks every bucket above against the others.
package store
