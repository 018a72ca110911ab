package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
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

// TestWebArchiveGC: a WARC export runs under warc.ExportGCPercent and an
// import under warc.ImportGCPercent, unless GOGC is set, and each gives
// the process its own setting back afterwards. The probe is what the
// command writes while it works: the export's WARC, the import's warning
// of a defect.
func TestWebArchiveGC(t *testing.T) {
	src := demoArchive(t)
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
		args       []string
		probeErr   bool // the probe is stderr (the log), else stdout
		want       int
	}{
		{"export", "", []string{"export", "--db", src, "--format", "warc", "--all-versions"}, false, warc.ExportGCPercent},
		{"export, environment wins", "150", []string{"export", "--db", src, "--format", "warc", "--all-versions"}, false, 100},
		{"import", "", []string{"import", "--format", "warc", file}, true, warc.ImportGCPercent},
		{"import, environment wins", "150", []string{"import", "--format", "warc", file}, true, 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOGC", tc.gogc)
			old := debug.SetGCPercent(100)
			t.Cleanup(func() { debug.SetGCPercent(old) })
			probe := &gcProbe{seen: map[int]bool{}}
			var other bytes.Buffer
			out, errOut := io.Writer(probe), io.Writer(&other)
			args := tc.args
			if tc.probeErr {
				out, errOut = errOut, out
				args = append(args, "--db", filepath.Join(t.TempDir(), "a.db"))
			}
			if code := Execute(context.Background(), args, out, errOut); code != 0 {
				t.Fatalf("exit %d: %s%s", code, other.String(), probe.String())
			}
			if probe.Len() == 0 || len(probe.seen) != 1 || !probe.seen[tc.want] {
				t.Errorf("GC percent while working: %v, want only %d (%d bytes written)", probe.seen, tc.want, probe.Len())
			}
			if got := debug.SetGCPercent(100); got != 100 {
				t.Errorf("GC percent afterwards = %d, want the process's 100 back", got)
			}
		})
	}
}
