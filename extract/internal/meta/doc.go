// Package meta reads an article's metadata from the untouched page:
// JSON-LD, OpenGraph and other meta tags (Dublin Core, citation_*),
// microdata, <time>, the visible byline and dateline, and the Chinese
// 来源/作者/记者/发布时间 label lines (their words come from package zh).
// Find returns one Meta, each field from its best source; dates are
// parsed by package date and never converted between zones. It does not
// change the tree.
package meta
