package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

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
	o.WithKey = true
	bw := bufio.NewWriterSize(w, 256<<10)
	n := 0
	err := st.ScanJSON(o.ScanOptions, func(d store.Doc) error {
		if o.Format == JSON {
			if n == 0 {
				bw.WriteString("[\n")
			} else {
				bw.WriteString(",\n")
			}
		}
		bw.Write(d.JSON)
		n++
		if o.Format == JSONL {
			return bw.WriteByte('\n')
		}
		return nil
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
