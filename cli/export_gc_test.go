package cli

import (
	"bytes"
	"context"
	"runtime/debug"
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
