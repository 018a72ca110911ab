// Package export writes archived articles as JSON and reads such exports
// back (import).
//
// Write streams from store.ScanJSON to an io.Writer: format "json" is one
// JSON array written element by element ("[]" when nothing matches), and
// "jsonl" one object per line. Each object is the article with its archive
// fields (version, fetched_at, content_hash, first_seen, last_checked,
// http_status) plus "key", the archive key it is stored under, so that an
// import puts it back under the same key. Memory does not grow with the
// archive: the store hands over a few hundred documents at a time.
//
// Import reads a JSONL (or JSON array) export into a store with
// store.Merge, so export → import → export reproduces the archive.
//
// ParseTime reads the --since/--until values: RFC 3339, a date or an age.
package export
