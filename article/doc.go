// Package article defines the article record that flows through newsarchive:
// what extract produces, what store versions and what export writes.
//
// The JSON field names are a public contract (other tools read them); change
// them only with a schema note in the README. Dates are ISO 8601 strings: RFC 3339 with offset when the zone is
// known, the page's wall time without offset otherwise, a bare date when the
// page gives no time. They are never converted and never invented.
package article
