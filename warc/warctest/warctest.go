// Package warctest holds the checks that the tests of web-archive files
// share: a strict read with gowarc that checks every digest, and the
// tools that are not ours (warcio.js, wget), found or skipped.
package warctest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// StrictRead reads a WARC with gowarc in strict mode (any syntax error,
// spec violation or digest mismatch fails the test), validates every
// record's digests once more, and returns the record types in order.
func StrictRead(t testing.TB, data []byte) []string {
	t.Helper()
	r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(data), 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var types []string
	for {
		rec, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		n := len(types) + 1
		if err != nil {
			t.Fatalf("record %d at offset %d: strict read: %v", n, rec.Offset, err)
		}
		wr := rec.WarcRecord
		h := wr.WarcHeader()
		if wr.Version() != gowarc.V1_1 {
			t.Errorf("record %d: version %s", n, wr.Version())
		}
		if !h.Has(gowarc.WarcBlockDigest) || !strings.HasPrefix(h.Get(gowarc.WarcBlockDigest), "sha1:") {
			t.Errorf("record %d (%s): WARC-Block-Digest %q", n, wr.Type(), h.Get(gowarc.WarcBlockDigest))
		}
		switch wr.Type() {
		case gowarc.Response, gowarc.Revisit:
			if !strings.HasPrefix(h.Get(gowarc.WarcPayloadDigest), "sha1:") {
				t.Errorf("record %d (%s): WARC-Payload-Digest %q", n, wr.Type(), h.Get(gowarc.WarcPayloadDigest))
			}
		}
		if v, err := wr.ValidateDigest(); err != nil || len(v) > 0 {
			t.Errorf("record %d (%s): digest: %v %v", n, wr.Type(), err, v)
		}
		types = append(types, wr.Type().String())
		rec.Close()
	}
	return types
}

// Tool finds an external program, or skips the test saying how to get
// it; with CI=true in the environment a missing tool fails the test.
func Tool(t testing.TB, path, how string) string {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if p, err := exec.LookPath(filepath.Base(path)); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing (CI=true: a missing tool fails): %s", path, how)
	}
	t.Skipf("%s not found; %s", path, how)
	return ""
}

// Warcio returns the command that runs warcio.js's CLI (the npm package
// pinned in testdata/node), or skips (fails under CI) without it.
func Warcio(t testing.TB) []string {
	t.Helper()
	node := Tool(t, "/usr/bin/node", "install Node.js")
	_, file, _, _ := runtime.Caller(0)
	cli := filepath.Join(filepath.Dir(file), "..", "..", "testdata", "node", "node_modules", "warcio", "dist", "cli.js")
	if _, err := os.Stat(cli); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("warcio.js is missing (CI=true): run npm install --prefix testdata/node")
		}
		t.Skip("warcio.js not installed; run npm install --prefix testdata/node")
	}
	return []string{node, cli}
}

// WarcioIndex runs `warcio index` on file under a timeout (it can hang on
// a truncated file) and returns its JSON lines, one per record.
func WarcioIndex(t testing.TB, file string) []string {
	t.Helper()
	return warcio(t, "index", file)
}

// WarcioCDX runs `warcio cdx-index` on file: its CDXJ lines.
func WarcioCDX(t testing.TB, file string) []string {
	t.Helper()
	return warcio(t, "cdx-index", file)
}

func warcio(t testing.TB, command, file string) []string {
	t.Helper()
	cmd := Warcio(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, cmd[0], cmd[1], command, file).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("warcio %s %s: %v\n%s", command, file, err, ee.Stderr)
		}
		t.Fatalf("warcio %s %s: %v", command, file, err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) == 1 && lines[0] == "" {
		return nil
	}
	return lines
}
