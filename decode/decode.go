// Package decode turns the raw bytes of a web page into UTF-8. Both the
// scraper and the extract command use it, so a page reads the same whether
// it was fetched or loaded from a file.
//
// The order of evidence is: a byte-order mark; the charset of the HTTP
// Content-Type header; <meta charset> or <meta http-equiv=Content-Type> in
// the first 1024 bytes; then detection from the bytes themselves (valid
// UTF-8, else the legacy CJK encoding that decodes the text best). GB2312 and
// GBK labels decode as GB18030, its superset, because sites that declare
// GB2312 routinely serve characters outside it.
package decode

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Result is a decoded page.
type Result struct {
	// HTML is the page as UTF-8 (a BOM, if any, removed).
	HTML []byte
	// Charset is the canonical name of the encoding used, e.g. "utf-8", "gb18030".
	Charset string
	// Source says what decided the charset: "bom", "header", "meta" or "detected".
	Source string
}

// ToUTF8 decodes body using contentType (an HTTP Content-Type value, or "")
// as the header's evidence. Invalid byte sequences become U+FFFD; it never
// fails.
func ToUTF8(body []byte, contentType string) Result {
	if name, n := bom(body); name != "" {
		return convert(body[n:], name, "bom")
	}
	if contentType != "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			if name := canonical(params["charset"]); name != "" {
				return convert(body, name, "header")
			}
		}
	}
	if name := metaCharset(body); name != "" {
		return convert(body, name, "meta")
	}
	return convert(body, detect(body), "detected")
}

func bom(b []byte) (string, int) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return "utf-8", 3
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return "utf-16be", 2
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return "utf-16le", 2
	}
	return "", 0
}

// canonical maps a charset label to the name convert understands, or "" if
// the label is unknown.
func canonical(label string) string {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if label == "" {
		return ""
	}
	switch label {
	case "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "csgb2312", "chinese":
		return "gb18030"
	case "big5", "big5-hkscs", "x-x-big5", "cn-big5", "csbig5":
		return "big5"
	case "utf8", "unicode-1-1-utf-8":
		return "utf-8"
	}
	e, err := htmlindex.Get(label)
	if err != nil {
		return ""
	}
	name, err := htmlindex.Name(e)
	if err != nil {
		return ""
	}
	if name == "gbk" {
		return "gb18030"
	}
	return name
}

// metaCharset looks for a charset declared by <meta charset> or
// <meta http-equiv=Content-Type content="…; charset=…"> near the top of the
// page. The standard prescan reads 1024 bytes; CMSs often put more before the
// meta, so 4096 are read.
func metaCharset(b []byte) string {
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	// Each match starts at a "<meta" and ends before the next '>' (no part
	// of the pattern takes one): the pattern runs on those stretches only,
	// in order, as FindAllSubmatch would run it over the whole head.
	for p := indexMetaTag(head, 0); p >= 0; {
		q := bytes.IndexByte(head[p:], '>')
		if q < 0 {
			q = len(head)
		} else {
			q += p
		}
		m := metaRe.FindSubmatchIndex(head[p:q])
		if m == nil || m[0] != 0 {
			p = indexMetaTag(head, p+1)
			continue
		}
		if name := canonical(string(head[p+m[2] : p+m[3]])); name != "" {
			return name
		}
		p = indexMetaTag(head, p+m[1])
	}
	return ""
}

// indexMetaTag is the index of the first "<meta" (any case) in b at or
// after from, or -1. (?i) folds m, e, t and a to their ASCII capitals
// only, so this finds every place metaRe can match.
func indexMetaTag(b []byte, from int) int {
	for from < len(b) {
		i := bytes.IndexByte(b[from:], '<')
		if i < 0 {
			return -1
		}
		i += from
		if len(b)-i >= 5 && b[i+1]|0x20 == 'm' && b[i+2]|0x20 == 'e' && b[i+3]|0x20 == 't' && b[i+4]|0x20 == 'a' {
			return i
		}
		from = i + 1
	}
	return -1
}

var metaRe = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// detect guesses the encoding of undeclared bytes: UTF-8 when they are valid
// UTF-8, otherwise whichever of GB18030 and Big5 decodes with fewer errors
// and more common Han characters, otherwise windows-1252.
func detect(b []byte) string {
	sample := b
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
		// Do not cut a multi-byte sequence in half.
		for i := 0; i < 3 && !utf8.Valid(sample) && len(sample) > 0; i++ {
			sample = sample[:len(sample)-1]
		}
	}
	if utf8.Valid(sample) {
		return "utf-8"
	}
	if !hasHighBytes(sample) {
		return "utf-8"
	}
	gb := cjkScore(sample, simplifiedchinese.GB18030)
	big := cjkScore(sample, traditionalchinese.Big5)
	switch {
	case gb <= 0 && big <= 0:
		return "windows-1252"
	case big > gb:
		return "big5"
	default:
		return "gb18030"
	}
}

func hasHighBytes(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// cjkScore decodes b and scores the result: common CJK characters count for,
// replacement characters and rare code points count against.
func cjkScore(b []byte, e encoding.Encoding) int {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return -1 << 30
	}
	score := 0
	for _, r := range string(out) {
		switch {
		case r == utf8.RuneError:
			score -= 20
		case r >= 0x4E00 && r <= 0x9FFF: // CJK unified ideographs
			score += common(r)
		case r >= 0x3000 && r <= 0x303F, r >= 0xFF00 && r <= 0xFFEF: // CJK punctuation, full-width forms
			score += 2
		case r >= 0x80:
			score -= 3 // Latin-1 letters, extension blocks, private use: unlikely in Chinese text
		}
	}
	return score
}

// common favours the frequent part of the CJK block. GB18030 and Big5 both
// decode most byte pairs to some ideograph; the wrong one lands on rare ones.
func common(r rune) int {
	if _, ok := frequent[r]; ok {
		return 3
	}
	return 1
}

func convert(b []byte, name, source string) Result {
	var e encoding.Encoding
	switch name {
	case "utf-8":
		return Result{HTML: toValidUTF8(b), Charset: "utf-8", Source: source}
	case "gb18030":
		e = simplifiedchinese.GB18030
	case "big5":
		e = traditionalchinese.Big5
	case "utf-16be":
		e = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	case "utf-16le":
		e = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	default:
		var err error
		e, err = htmlindex.Get(name)
		if err != nil {
			return Result{HTML: toValidUTF8(b), Charset: "utf-8", Source: source}
		}
	}
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return Result{HTML: toValidUTF8(b), Charset: "utf-8", Source: source}
	}
	return Result{HTML: out, Charset: name, Source: source}
}

func toValidUTF8(b []byte) []byte {
	if utf8.Valid(b) {
		return b
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD"))
}
