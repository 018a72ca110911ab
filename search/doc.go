// Package search is the archive's full-text index: every version of every
// article, in bleve, in a folder beside the archive (Path: ARCHIVE.index).
//
// # Contract
//
// The index is derived data. It holds nothing the archive lacks except
// versions pruned after they were indexed (Search skips them; Reindex
// drops them), and Reindex rebuilds it from the archive at any time,
// beside the old one, renamed into place only when complete. A missing
// index is ErrNoIndex, an unreadable or foreign one ErrBroken; both say to
// run `newsarchive reindex`, and the archive is usable without it.
//
// Documents carry no stored fields and the archive stays the source of the
// text: a hit is key and version, and its title, dates and fragments are
// read from the archive. Fields keep term positions for phrases, except
// the CJK ones (a bigram per character would triple the index): a Chinese
// phrase is looked up as all of its bigrams, and matcher checks each
// candidate on the archive's text, evaluating the whole query there the
// way the index would (it also finds the spans to highlight). Positions
// are kept without byte offsets (positions.go), and the fields read only
// as doc values (facets, the date ranking) keep no frequencies or norms:
// the index is for finding, the archive for showing. Ties in a ranking keep the index's
// order, and the latest-version filter excludes the old versions rather
// than visiting every latest one.
//
// # Keeping up
//
// A watermark, the id of the last archived version indexed (store version
// ids only grow), is written in the same batch as the documents. CatchUp
// indexes every version after it (store.VersionsAfter), so a process
// killed at any point loses at most its last batch, which the next CatchUp
// indexes again (document ids are key#version, so indexing twice is
// harmless). When a version is indexed, the one before it is indexed again
// as no longer the latest. Keeper runs CatchUp in the background during a
// crawl (it is the app.Indexer the commands use); Check compares the index
// with the archive for verify. Reindex fills its new index without
// re-indexing (each version's latest flag is read from the archive, which
// the command holds alone), writes the watermark only at the end, and
// merges the index into one segment before it is renamed into place.
//
// # Analysis
//
// A version is indexed with one analyzer, chosen by its language:
// bleve's CJK bigram analyzer for Chinese (zh, zh-cn, zh-tw; also untagged
// text that is mostly Han), English with stemming, another language's
// bleve analyzer where one exists, else the standard analyzer. Each text
// field is indexed as NAME_ANALYZER (text_cjk, title_en…), so a query word
// is analysed with each analyzer the index holds and matched against that
// analyzer's fields: this is the custom _all (bleve's own _all would
// analyse a Chinese query with the standard analyzer, character by
// character, and miss).
//
// # Queries
//
// parse reads the query language (see parse and README "Search") into a
// tree, with a *QueryError that names the column on bad input; compile
// turns the tree into a bleve query. Search (Request → Result) is the API
// for the CLI and for serve: hits with fragments cut from the archive's
// text around the matches, facets by site and month, an opaque cursor, and
// Removed (old versions whose match the latest version no longer has).
// With Chinese phrases, pages are filled by checking candidates in rank
// order, and Total is an estimate (Result.Approximate) when not all of
// them were checked.
package search
