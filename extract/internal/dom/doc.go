// Package dom holds what every stage of the extractor reads the parsed
// page with: the one white-space rule (IsSpace, Collapse), the one text
// walker (Text, with Options saying which elements it leaves out and where
// it puts gaps), block elements and attributes. It only reads the tree.
package dom
