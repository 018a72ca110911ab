package body

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"newsarchive/extract/internal/dom"
)

// cnDate is a date written out in Chinese and nothing else: 2021年3月5日.
var cnDate = regexp.MustCompile(`^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$`)

// signedDate finds the date that closes a letter or a notice: the last line
// of the body, a date in Chinese alone, under a short signer's line (no
// sentence, label, digit or link) that follows a closing sentence.
func signedDate(lines []*html.Node, lineText func(int) string) *html.Node {
	var last [3]*html.Node
	var text [3]string
	k := 0
	for i := len(lines) - 1; i >= 0 && k < 3; i-- {
		if t := lineText(i); t != "" {
			last[k], text[k] = lines[i], t
			k++
		}
	}
	if k < 3 || !cnDate.MatchString(text[0]) {
		return nil
	}
	signer := text[1]
	if n := utf8.RuneCountInString(signer); n < 2 || n > 30 || dom.EndsSentence(signer) ||
		strings.ContainsAny(signer, "0123456789:：()（）【】[]") || dom.FindElement(last[1], atom.A) != nil {
		return nil
	}
	if !dom.EndsSentence(text[2]) {
		return nil
	}
	return last[0]
}

// docInfoLabels label the fields of an official document's record: the
// table above a government notice (索引号, 发文机关, 成文日期, 文号).
var docInfoLabels = [...]string{"索引号", "發文機關", "发文机关", "发布机构", "發布機構", "成文日期", "发文字号", "發文字號", "文号", "文號", "主题分类", "主題分類", "主题词", "主題詞", "发文日期", "公开方式", "公開方式", "生效日期", "有效性"}

// docInfoTable reports whether table t is an official document's record:
// small, with three or more cells that hold a record label.
func docInfoTable(t *html.Node) bool {
	cells, hits := 0, 0
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Table {
				return false // nested tables: a layout table
			}
			if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
				cells++
				if cells > 40 {
					return false
				}
				t, _ := dom.BlockTextMax(c, 16, 64)
				t = strings.Map(func(r rune) rune {
					if dom.IsSpace(r) {
						return -1
					}
					return r
				}, t)
				for _, l := range docInfoLabels {
					if strings.HasPrefix(t, l) {
						hits++
						break
					}
				}
				continue
			}
			if !walk(c) {
				return false
			}
		}
		return true
	}
	return walk(t) && hits >= 3
}

// addDocInfo puts back, at the top of the body, the record table of an
// official document that stands above it (within eight levels).
func addDocInfo(box, top *html.Node) {
	anc := top
	for i := 0; i < 8 && anc.Parent != nil; i++ {
		anc = anc.Parent
	}
	var found *html.Node
	var walk func(*html.Node) bool // false: box reached, stop
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c == top {
				return false
			}
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Table {
				if docInfoTable(c) {
					found = c
				}
				continue
			}
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if walk(anc) || found == nil {
		return // the box was not found after the table
	}
	if found.Parent != nil {
		found.Parent.RemoveChild(found)
	}
	box.InsertBefore(found, box.FirstChild)
}
