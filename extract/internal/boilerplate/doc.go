// Package boilerplate holds the line rules the extractor's pruner judges a
// line of text by (label and credit lines, copyright and licence lines,
// pagers, pleas, stamps, tool rows …): the patterns in lines.go, and Rows,
// the table that names each with an invented example it matches. A rule
// that runs on every line is Prefiltered: a cheap test every match must
// pass runs first, and FuzzPrefiltersSound checks that it never rejects a
// match. The package only matches strings; where a rule applies in the
// page (position, block, link density) is the pruner's decision.
package boilerplate
