// Package render turns the chosen body box into the article's output:
// BodyText (paragraphs, repeated leads, trailers, reading-time lines,
// author bios and bylines dropped) and BodyHTML (the kept attributes,
// absolute links; extract passes it through internal/sanitize). It reads
// the box only through package dom; which box is the body is the caller's
// decision.
package render
