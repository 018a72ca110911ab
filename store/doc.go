// Package store is newsarchive's archive: versioned article snapshots, their
// raw HTML, crawl state and run records in one bbolt file.
//
// # Versions
//
// Put archives a snapshot under its key (urlnorm.Key). Its
// content hash (article.ContentHash) decides: the same hash as
// the latest version only moves last_checked forward; a different one adds
// version N+1; a new key gets version 1. Related links, images, tags,
// description, modified_at and the raw HTML are stored with each version
// but never cause one. Each version keeps the raw body zstd-compressed and
// content-addressed by its SHA-256, so identical bodies are stored once.
// store.keep_versions prunes the oldest versions beyond that many, never
// the latest.
//
// A Put under an existing key from another URL records that URL as an
// alias of the key; with the latest content hash it adds no version. The
// app files URL variants of one article this way, after LatestHash told it
// which article a URL is known under and with what hash.
//
// # Comparing like with like
//
// A new version must mean that the site changed the article, never that
// the extractor changed. Every version records the extractor version that
// read it (its provenance, below). When a snapshot's extractor version is
// not the one that read the article's latest version, and that version has
// its raw capture, Put first re-reads the capture with Options.Reread —
// the snapshot's extractor, decoding with the capture's own stored
// response headers — and compares the snapshot's hash with that reading.
// So after an extractor upgrade an unchanged page adds nothing, and a real
// edit adds exactly one version. The re-reading replaces the latest
// version's derived fields in place (as Reextract does; the first
// extraction is kept), so later fetches compare directly.
//
// A capture archived without response headers (before layout 3) is
// decoded with the charset its last extraction recorded, when one is
// recorded, else with the Content-Type of the snapshot it is compared
// with; a reading made on that assumption is kept only when it shows the
// page unchanged. A latest version without raw HTML (imported) is compared
// as it is.
//
// # Re-extraction and provenance
//
// Reextract re-reads stored captures and refreshes each version's article,
// content hash and extraction record in place: numbers, fetched_at,
// status, raw bodies and fetch provenance stay, nothing is added or
// removed, and versions that have come to read the same as their
// predecessor are reported, not deleted. The first extraction of a
// refreshed version moves to the original bucket (Original returns it).
//
// A version's provenance (capture.Provenance) is the fetch — status line,
// every response header, final URL and redirects, request headers sent,
// remote address — and the extraction: extractor version, charset and what
// decided it. What was not recorded is absent and shown as unknown.
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
// # Outbox
//
// A Snapshot may carry an OutboxFunc. When its Put adds a version (new or
// changed, never for an unchanged fetch), Put calls it inside the writer's
// transaction and writes the entries it returns into the outbox bucket in
// that same transaction: the version and its notifications are durable
// together or not at all. Senders read due entries (OutboxDue) and record
// each attempt (OutboxSent, OutboxRetry, OutboxFail); marking an entry
// that is no longer pending is a no-op, so a repeated mark is harmless.
// Delivery is at least once: a sender killed after delivering but before
// OutboxSent delivers again on the next run, which is why every entry
// carries a stable idempotency key for the receiver. The outbox buckets are
// created by the first entry.
//
// # Locking
//
// bbolt locks the file: one writer process, or any number of read-only
// ones. Open waits Options.LockTimeout and then returns ErrLocked: a second process never hangs.
//
// # Damage
//
// Open checks an existing file before bbolt maps it (pages.go reads the
// file itself, never through bbolt): an empty file is ErrEmpty and is not
// made into an archive, a file that is not one ErrNotArchive, a file cut
// short a *DamagedError (ErrDamaged). Opening for writing also walks every
// tree page's header once the file is locked, so no write lands in a
// damaged file. A read that meets damage anyway (a fault through the
// memory map, a bbolt assertion) returns a *DamagedError instead of
// crashing. Options.Damaged opens a damaged file read-only for Verify, which
// reports the damage page by page, and Salvage, which copies what is
// readable into a new archive.
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
//	          raw dictionary so the text is not stored twice: its original
//	          extraction when it was refreshed since, so that the body
//	          stays decodable; the writer matches only against its tail
//	          from the html member on, which decodes with the whole)
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
//	outbox    id(8 BE) → JSON OutboxEntry: a notification (webhook, e-mail)
//	          and its delivery state (pending, sent, failed, attempts)
//	outboxq   id(8 BE) → next attempt (unix ns, 8 BE): the pending entries
//	prov      version id(8 BE) → zstd(JSON capture.Provenance); absent:
//	          nothing known (versions archived before layout 3, imports
//	          without provenance)
//	original  version id(8 BE) → content hash 32 + extraction JSON length
//	          2 + JSON capture.Extraction + zstd(article JSON): the
//	          version's first extraction, once a later extractor refreshed
//	          it in place
//	info      "schema" → layout version ("3"); "keep_versions" → the
//	          limit the archive was last pruned to (Open prunes when lowered)
//
// The big values (versions, raw) are keyed by ids that only grow, so they
// are appended with full pages and never rewritten by later inserts (a
// re-reading rewrites a version record in place, which is rare); only the
// small index buckets take random inserts. Pages are 2 KiB. URLs never
// contain a NUL byte, so key 0x00 separates a key from its version number.
// Verify checks every bucket above against the others.
//
// # Layouts and migration
//
// Open refuses an archive in another layout; for layout 2 it says to run
// `newsarchive migrate`, never migrating by itself. Migrate upgrades layout
// 2 to 3 in place in one bbolt transaction (a kill leaves the old archive
// or the new, never a mixture): it adds the prov and original buckets and
// sets the schema; every other entry stays byte for byte.
package store
