// Package extract turns one HTML page into an article.Article: metadata
// (JSON-LD, OpenGraph, meta tags, microdata, visible byline and Chinese
// 来源/作者/发布时间 lines), the body (a scoring model over the DOM with
// boilerplate removal), dates, related links and images.
//
// It does no I/O, imports neither scraper nor store, and is safe for
// concurrent use. Per-site overrides come in as Rules (see Options.Sites).
package extract
