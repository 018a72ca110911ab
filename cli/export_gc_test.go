package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"newsarchive/warc"
)

// gcProbe records the collector's target each time the export writes.
type gcProbe struct {
	bytes.Buffer
	seen map[int]bool
}

func (p *gcProbe) Write(b []byte) (int, error) {
	v := debug.SetGCPercent(-1)
	debug.SetGCPercent(v)
	p.seen[v] = true
	return p.Buffer.Write(b)
}

// TestExportWARCGC: a WARC export runs under warc.ExportGCPercent, unless
// GOGC is set, and gives the process its own setting back afterwards.
func TestExportWARCGC(t *testing.T) {
	src := demoArchive(t)
	for _, tc := range []struct {
		name, gogc string
		want       int
	}{
		{"default", "", warc.ExportGCPercent},
		{"environment wins", "150", 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOGC", tc.gogc)
			old := debug.SetGCPercent(100)
			t.Cleanup(func() { debug.SetGCPercent(old) })
			out := &gcProbe{seen: map[int]bool{}}
			var errb bytes.Buffer
			if code := Execute(context.Background(), []string{"export", "--db", src, "--format", "warc", "--all-versions"}, out, &errb); code != 0 {
				t.Fatalf("export: exit %d: %s", code, errb.String())
			}
			if out.Len() == 0 || len(out.seen) != 1 || !out.seen[tc.want] {
				t.Errorf("GC percent while writing: %v, want only %d (%d bytes written)", out.seen, tc.want, out.Len())
			}
			if got := debug.SetGCPercent(100); got != 100 {
				t.Errorf("GC percent after the export = %d, want the process's 100 back", got)
			}
		})
	}
}

// TestImportWARCGC: a WARC import runs under warc.ImportGCPercent, unless
// GOGC is set, and gives the process its own setting back afterwards. The
// import's warning of a defect (written while it reads) shows the setting.
func TestImportWARCGC(t *testing.T) {
	block := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Quay</title></head><body><p>The quay reopened.</p></body></html>"
	record := "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n" +
		"WARC-Date: 2025-03-14T10:00:00Z\r\nWARC-Target-URI: <http://news.example.com/quay.html>\r\n" +
		"Content-Type: application/http;msgtype=response\r\nContent-Length: " + strconv.Itoa(len(block)) + "\r\n\r\n" + block + "\r\n\r\n"
	file := filepath.Join(t.TempDir(), "quay.warc")
	if err := os.WriteFile(file, []byte(record), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, gogc string
		want       int
	}{
		{"default", "", warc.ImportGCPercent},
		{"environment wins", "150", 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOGC", tc.gogc)
			old := debug.SetGCPercent(100)
			t.Cleanup(func() { debug.SetGCPercent(old) })
			var out bytes.Buffer
			logs := &gcProbe{seen: map[int]bool{}}
			db := filepath.Join(t.TempDir(), "a.db")
			if code := Execute(context.Background(), []string{"import", "--db", db, "--format", "warc", file}, &out, logs); code != 0 {
				t.Fatalf("import: exit %d: %s", code, logs.String())
			}
			if !strings.Contains(logs.String(), "angle brackets") || len(logs.seen) != 1 || !logs.seen[tc.want] {
				t.Errorf("GC percent while importing: %v, want only %d (log %q)", logs.seen, tc.want, logs.String())
			}
			if got := debug.SetGCPercent(100); got != 100 {
				t.Errorf("GC percent after the import = %d, want the process's 100 back", got)
			}
		})
	}
}
