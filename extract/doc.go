// Package extract turns one HTML page into an article.Article: metadata
// (JSON-LD, OpenGraph, meta tags, microdata, visible byline and Chinese
// 来源/作者/发布时间 lines), the body (a scoring model over the DOM with
// boilerplate removal), dates, related links and images.
//
// It does no I/O, imports neither scraper nor store, and is safe for
// concurrent use. Per-site overrides come in as Rules (see Options.Sites).
//
// The stages under internal/ do one thing each and import nothing of
// extract: dom (the one white-space rule, the one text walker, text
// measures), date (date parsing, no DOM), zh (the Chinese label table,
// both scripts from one spelling), meta (JSON-LD, OpenGraph, meta tags,
// bylines, Chinese label lines), body (cleaning, candidate scoring,
// container choice, pruning), boilerplate (the line rules, one table with
// an example each), render (body text and HTML out) and sanitize (the
// body-HTML allowlist). This package keeps the API (Extract, FromBytes,
// Rules, Version), the article-or-listing judgement, links, the related
// block and images, and the two passes that put script-written text where
// a reader sees it before anything is read (React's streamed parts, a
// post shipped as a template in the declared body). goldentool (make
// golden) writes the output on every dev page outside the repository and
// lists the pages that changed, so that a refactoring can show it changed
// none.
//
// The body HTML leaves through one allowlist (internal/sanitize): no
// script, style, event handler, iframe, object or form, links with http,
// https and mailto URLs only, images with http, https and data:image
// sources only. Version names the output; TestGolden fails when the output
// on the fixture pages changes without a new Version, because the archive
// re-reads versions made by another Version before comparing them with a
// new fetch.
package extract
