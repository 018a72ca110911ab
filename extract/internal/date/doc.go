// Package date reads dates out of strings: declared values (ISO 8601,
// RFC 1123, "2024-09-05 08:56"), dates in free text in English, several
// European languages and Chinese (年月日), and dates in URLs. It only
// parses: it never sees the DOM, never converts between zones (a zone is
// kept only when the text names one, or when a site's configured zone is
// applied with InZone), and never guesses which date on a page is the
// publication date; that is the caller's choice.
package date
