package cli

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// TestExtractBatchGC: the extract command sets its collector for a batch
// (GOGC 400 within 1 GiB) unless the environment says otherwise, and
// still prints one line per file.
func TestExtractBatchGC(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // no config.yaml: the default config
	page := filepath.Join(dir, "a.html")
	if err := os.WriteFile(page, []byte("<html><head><title>Harbour</title></head><body><p>The pier reopened.</p></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, gogc, memlimit string
		wantPercent          int
		wantLimit            int64
	}{
		{"defaults", "", "", 400, 1 << 30},
		{"environment wins", "150", "2GiB", 100, math.MaxInt64},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOGC", tc.gogc)
			t.Setenv("GOMEMLIMIT", tc.memlimit)
			oldPercent := debug.SetGCPercent(100)
			oldLimit := debug.SetMemoryLimit(math.MaxInt64)
			t.Cleanup(func() {
				debug.SetGCPercent(oldPercent)
				debug.SetMemoryLimit(oldLimit)
			})
			out, errs, code := run(context.Background(), "extract", page)
			if code != 0 || out == "" {
				t.Fatalf("extract: code %d, stdout %q, stderr %q", code, out, errs)
			}
			// The environment is read by the runtime at start-up only:
			// here it only decides whether batchGC changes the settings.
			if got := debug.SetGCPercent(100); got != tc.wantPercent {
				t.Errorf("GC percent after extract = %d, want %d", got, tc.wantPercent)
			}
			if got := debug.SetMemoryLimit(math.MaxInt64); got != tc.wantLimit {
				t.Errorf("memory limit after extract = %d, want %d", got, tc.wantLimit)
			}
		})
	}
}
