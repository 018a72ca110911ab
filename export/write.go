package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"newsarchive/store"
)

// Format is an export format.
type Format string

const (
	JSON  Format = "json"  // one JSON array
	JSONL Format = "jsonl" // one JSON object per line
)

// ErrFormat is returned when a format name is not json or jsonl.
var ErrFormat = fmt.Errorf("unknown export format (want json or jsonl)")

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case JSON, JSONL:
		return f, nil
	}
	return "", fmt.Errorf("%w: %q", ErrFormat, s)
}

// Options select what Write exports and how.
type Options struct {
	Format Format
	store.ScanOptions
}

// Write streams the selected articles to w and returns how many it wrote.
// On error the output is incomplete; callers writing a file should write
// to a temporary file and rename it only on success.
func Write(st *store.Store, w io.Writer, o Options) (int, error) {
	if o.Format == "" {
		o.Format = JSON
	}
	if _, err := ParseFormat(string(o.Format)); err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	n := 0
	var buf []byte
	err := st.ScanJSON(o.ScanOptions, func(d store.Doc) error {
		buf = buf[:0]
		if o.Format == JSON {
			if n == 0 {
				buf = append(buf, "[\n"...)
			} else {
				buf = append(buf, ",\n"...)
			}
		}
		buf = appendWithKey(buf, d.JSON, d.Key)
		if o.Format == JSONL {
			buf = append(buf, '\n')
		}
		n++
		_, err := bw.Write(buf)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	if o.Format == JSON {
		if n == 0 {
			bw.WriteString("[]\n")
		} else {
			bw.WriteString("\n]\n")
		}
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}

// appendWithKey appends the object doc with a "key" member added last.
func appendWithKey(dst, doc []byte, key string) []byte {
	dst = append(dst, doc[:len(doc)-1]...)
	dst = append(dst, `,"key":`...)
	dst = appendString(dst, key)
	return append(dst, '}')
}

// appendString appends s as a JSON string the way encoding/json does with
// HTML escaping off.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
			i++
		case c < 0x20:
			switch c {
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				dst = append(dst, `\ufffd`...)
			case r == '\u2028' || r == '\u2029':
				dst = append(dst, `\u202`...)
				dst = append(dst, hex[r&0xf])
			default:
				dst = append(dst, s[i:i+size]...)
			}
			i += size
		}
	}
	return append(dst, '"')
}
