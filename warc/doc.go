// Package warc writes the archive as web archives — WARC/1.1 files and
// WACZ packages — and reads web archives back into it. Records are built,
// serialised and parsed by github.com/nlnwa/gowarc/v3; this package maps
// the archive's versions and provenance onto them.
//
// # Writing
//
// Write streams the selected versions (store.ScanOptions) as a WARC file
// whose records are each gzipped on their own (the usual .warc.gz): a
// warcinfo record first (software, the export's description), then per
// version with a stored body
//
//   - a request record: the request line, Host (which the HTTP client adds
//     itself) and the request headers the crawler recorded;
//   - a response record: the status line and every response header as
//     received, then the body byte for byte as stored. The crawler's client
//     decodes gzip itself, so a body stored decoded has its
//     Content-Encoding (and any Transfer-Encoding) masked as
//     X-Crawler-Content-Encoding, and Content-Length set to the stored
//     length (the received one, when it differs, kept as
//     X-Crawler-Content-Length) — the convention of Common Crawl's WARCs,
//     which replay tools read as they are;
//   - a metadata record (application/json, WARC-Refers-To the response):
//     the archive key, the version number, whether the headers are as
//     recorded or reconstructed, the coding the body was decoded from, the
//     extraction, the redirects, and the extracted article JSON.
//
// WARC-Date is the version's fetched_at. Every record has a WARC-Record-ID
// and a WARC-Block-Digest, responses and requests a WARC-Payload-Digest
// (sha1, base32), and request and response name each other in
// WARC-Concurrent-To. A version archived before headers were stored gets a
// reconstructed head (its status and the charset its extraction found),
// marked "reconstructed" in its metadata record; one without a body
// (imported from JSON) gets its metadata record only. The archive keeps,
// of the fetches that found an article unchanged (a 304 to its
// conditional GET, or the same content), only the last: its last_checked.
// When that is later than the latest version, it is written as a revisit
// record (server-not-modified profile, no block) of that version's
// response, so that an import restores last_checked.
//
// Captures are built on every CPU and written in scan order; memory holds
// a few dozen captures at a time.
//
// WriteWACZ packages that WARC as WACZ 1.2: archive/data.warc.gz stored
// without compression, indexes/index.cdxj (SURT-keyed, sorted, with the
// offset and length of each response and revisit), pages/pages.jsonl
// (url, ts, title, text) and datapackage.json (profile "wacz") with the
// SHA-256 and size of each file, itself hashed in datapackage-digest.json.
//
// # Reading
//
// Import reads WARC 1.0 and 1.1 files (records gzipped or not; gowarc
// does not read ARC, and an ARC file is refused by name). A first pass,
// on one core, indexes the records (about a kilobyte per capture: URL,
// record ids, digest) and the redirect responses; it reports syntax
// findings and leaves the checks of the spec (digests, field values,
// lengths) to the second pass. The second takes every HTML response with
// status 200, and every revisit (resolved to its original by
// WARC-Refers-To, else by payload digest and URL), in WARC-Date order: a
// pool of workers, one per CPU, each with its own record reader, reads
// each record (checking it: one whose digest does not match is skipped),
// undoes the transfer and content codings, and extracts it with the
// ReadFunc the app gives (today's extractor, the configured site rules and
// keys). The results are put back in date order and archived with
// store.PutMany, in batches, as captures fetched at their WARC-Date, with
// the record's headers as the provenance, the headers of its request
// record (paired by WARC-Concurrent-To either way) as the headers sent,
// and the redirects that led to it: the 3xx responses whose Location
// leads to its URL, fetched shortly before it (each taken by one capture,
// followed back hop by hop). So the versions of one URL come out as a
// crawl would have made them, whatever order the file has them in.
// Bodies never pile up: they are read one record at a time (gowarc
// buffers a record past 1 MiB on disk), a few per worker are in flight,
// and a batch holds at most 128 captures or 32 MiB of bodies; one batch is
// written while the next fills.
//
// Reading is lenient: wget's angle brackets around WARC-Target-URI,
// missing digests, wrong Content-Lengths and syntax slips are read as they
// are; a record whose digest does not match, a damaged or truncated one, a
// body that cannot be decoded and a revisit without its original are
// skipped. Each kind of defect is warned once and counted in the summary.
package warc
