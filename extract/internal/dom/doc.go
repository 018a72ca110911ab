// Package dom holds what every stage of the extractor reads the parsed
// page with: the one white-space rule (IsSpace, Collapse), the one text
// walker (Text, with Options saying which elements it leaves out and where
// it puts gaps), text measures (Measure, IsCJK, IsPunct, EndsSentence),
// block elements, attributes and image sources. It only reads the tree.
package dom
