package warc

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// defects warns once per kind of defect found in the files read, and
// counts every occurrence.
type defects struct {
	log *slog.Logger
	mu  sync.Mutex
	n   map[string]int
	// A recorder (a part of the first pass) logs nothing: it keeps the
	// first of each kind, in order, for absorb.
	record bool
	firsts []finding
}

// finding is one defect, where it was found.
type finding struct {
	kind, file, detail string
	offset             int64
}

func newDefects(log *slog.Logger) *defects {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &defects{log: log, n: map[string]int{}}
}

// note records one defect of kind in file; the first of a kind is logged.
func (d *defects) note(kind, file string, offset int64, detail string) {
	d.mu.Lock()
	d.n[kind]++
	first := d.n[kind] == 1
	d.mu.Unlock()
	switch {
	case first && d.record:
		d.firsts = append(d.firsts, finding{kind, file, detail, offset})
	case first:
		d.warn(finding{kind, file, detail, offset})
	}
}

func (d *defects) warn(f finding) {
	d.log.Warn("web archive: "+f.kind+" (warned once; all are counted)", "file", f.file, "offset", f.offset, "detail", f.detail)
}

// recorder is a defects for a part of the first pass (see absorb).
func (d *defects) recorder() *defects { return &defects{n: map[string]int{}, record: true} }

// absorb counts what recorder r found after what d holds, warning of the
// kinds d had not seen as if it had found them itself.
func (d *defects) absorb(r *defects) {
	for _, f := range r.firsts {
		d.mu.Lock()
		first := d.n[f.kind] == 0
		d.n[f.kind] += r.n[f.kind]
		d.mu.Unlock()
		if first {
			if d.record {
				d.firsts = append(d.firsts, f)
			} else {
				d.warn(f)
			}
		}
	}
}

// counts returns the defects seen, by kind.
func (d *defects) counts() map[string]int {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make(map[string]int, len(d.n))
	for k, v := range d.n {
		out[k] = v
	}
	return out
}

// Kinds of defect. A record with a wrong digest is skipped: its bytes are
// not what was captured. The others are read as they are.
const (
	defectDigest     = "wrong digest"
	defectNoDigest   = "record without a payload or block digest"
	defectBrackets   = "WARC-Target-URI in angle brackets"
	defectLength     = "wrong Content-Length"
	defectSyntax     = "syntax error"
	defectDamaged    = "damaged or truncated record"
	defectEncoding   = "body in a content coding that cannot be decoded"
	defectTooBig     = "body larger than crawler.max_body_bytes"
	defectNoOriginal = "revisit whose original is not in the files read"
	defectExtract    = "page that could not be extracted"
	defectOther      = "other WARC defect"
)

// classify names the kind of a validation finding of gowarc, and whether
// the record must be skipped for it.
func classify(err error) (kind string, skip bool) {
	var cl *gowarc.ContentLengthError
	var se *gowarc.SyntaxError
	msg := strings.ToLower(err.Error())
	switch {
	case strings.Contains(msg, "wrong digest") || strings.Contains(msg, "digest mismatch"):
		return defectDigest, true
	case errors.As(err, &cl):
		return defectLength, false
	case errors.As(err, &se):
		return defectSyntax, false
	}
	// Offsets and counts in the message would make every finding a kind
	// of its own.
	noDigits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return -1
		}
		return r
	}, firstLine(msg))
	return fmt.Sprintf("%s: %.60s", defectOther, noDigits), false
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
