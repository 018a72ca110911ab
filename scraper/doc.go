// Package scraper is the crawler: it claims requests from a frontier.State,
// fetches them with colly through its own http.RoundTripper, decodes and
// extracts each page (package extract), and hands every article to a Sink
// that the command wires to the store. It imports extract, never store.
//
// Contract:
//   - Every request carries the configured User-Agent; robots.txt is obeyed
//     unless IgnoreRobots (Crawl-delay raises the host's delay).
//   - Hosts are crawled side by side. At most Parallelism requests are
//     being fetched at once over all hosts, and at most PerHostParallelism
//     to one host. A request to a host starts no earlier than the host's
//     delay (max of PerHostDelay and Crawl-delay) after the start and after
//     the end of the one before; every request counts — robots.txt,
//     sitemaps, feeds, retries and each redirect hop. The State hands out
//     only requests whose host is ready, so no worker waits for a host.
//   - robots.txt follows RFC 9309: 4xx (but 429) or more than five redirects
//     allow everything; a network error, 5xx, 429 or a redirect off http(s)
//     is unreachable, retried like a page, and if it stays unreachable the
//     host is skipped for the run: each of its requests is an error, the
//     host is logged once and counted (Stats.RobotsHostsSkipped).
//   - Timeouts, connection errors, 5xx, 408 and 429 are retried with
//     exponential backoff and jitter (Retry-After honoured); the retry waits
//     at the head of its host's queue, holding back that host only. Other
//     4xx are not retried, nor are errors no retry can fix (an unsupported
//     scheme, an invalid header or URL, a bad certificate). Bodies over
//     MaxBodyBytes, redirect loops and chains over ten redirects are errors.
//     Non-HTML responses are skipped unread.
//   - Redirects are followed by the crawler, not by the HTTP client: each
//     hop is a request of its own host, behind that host's robots.txt and
//     delay, and within the job's hosts.
//   - URLs are normalised (package urlnorm) before they reach the frontier;
//     one over urlnorm.MaxLength is never queued (Stats.LongURLs) and
//     FetchOne refuses it. One page yields at most maxLinksPerPage requests
//     (the rest: Stats.LinksCut), pushed pushBatch at a time. An article is
//     archived under urlnorm.Key of its final and canonical URLs, and the
//     Sink sees each key at most once per run.
//   - A URL whose validators are known is fetched conditionally; a 304 goes
//     to the Sink as a Page with NotModified set and a nil article.
//     Validators are remembered for archived articles only: a listing page
//     answered with a 304 would hide its links from the run.
//   - Sitemaps (indexes, gzip) and RSS/Atom feeds are read wherever they
//     turn up (seeds, <link rel=alternate>); their dates skip URLs not
//     changed since their last fetch. Their entries count as the same depth
//     as the document that lists them: a sitemap is a list of seeds. One
//     reached as a page (a link, a sitemap's <url>) is one hop, read within
//     MaxDepth. A sitemap listed by an index is read, the sitemaps it lists
//     are not (Stats.NestedSitemaps): one level of nesting, as the sitemaps
//     protocol allows. Sitemap and feed fetches count against MaxPages.
//   - Every Page carries its provenance (capture.Provenance): the exchange
//     as it went over the wire — status line, every response header,
//     redirects, final URL, request headers sent, remote address — recorded
//     by the crawler's RoundTripper, and the extractor version
//     (Options.Extractor) and charset decision that read it.
//   - MaxPages caps the pages of a run, MaxPagesPerHost those of one host
//     (the host's other requests wait for the next run).
//   - A request is done only once its page is archived and its links are
//     queued. If the Sink or the State fails, the run stops with an error
//     wrapping ErrSink or ErrState and the request stays in the State.
//   - A run that is cancelled (or stops on such an error) stops fetching at
//     once, lets pages already fetched reach the Sink, and leaves its
//     unfinished requests claimed in the State, so the next run (BeginRun)
//     queues and continues them.
//
// Memory does not grow with the crawl: the frontier and seen set live in
// the State; the crawler keeps two bounded sets (keys archived and URLs
// pushed in this run, Options.DedupeKeys each), a robots.txt cache and a
// small record per host, and at most Parallelism pages being parsed plus a
// few hundred extracted pages waiting for the store's group commit.
package scraper
