package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsarchive/config"
	"newsarchive/warc/warctest"
)

// demoArchive crawls the bundled sample site twice (with an edit in
// between) into a fresh archive, as `make demo` does, and returns its path.
func demoArchive(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "archive.db")
	var out bytes.Buffer
	if err := RunDemo(context.Background(), &Env{Stdout: &out, Stderr: &out}, config.Default(), DemoOptions{DB: db}); err != nil {
		t.Fatalf("demo: %v\n%s", err, out.String())
	}
	return db
}

// mustRun runs a command line and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) (string, string) {
	t.Helper()
	out, errs, code := run(context.Background(), args...)
	if code != 0 {
		t.Fatalf("newsarchive %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, errs)
	}
	return out, errs
}

// TestWARCRoundTrip: WARC export → import into an empty archive → the
// JSON export (every version) is the original archive's, byte for byte.
// The WARC passes gowarc's strict reading with every digest checked, and
// warcio.js indexes every record.
func TestWARCRoundTrip(t *testing.T) {
	src := demoArchive(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "demo.warc.gz")
	_, errs := mustRun(t, "export", "--db", src, "--format", "warc", "--all-versions", "--out", file)
	if !strings.Contains(errs, "exported 16 captures") {
		t.Errorf("export summary: %s", errs)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	types := warctest.StrictRead(t, data)
	count := map[string]int{}
	for _, ty := range types {
		count[ty]++
	}
	if types[0] != "warcinfo" || count["warcinfo"] != 1 || count["response"] != 16 || count["request"] != 16 || count["metadata"] != 16 {
		t.Errorf("record types %v", count)
	}

	dst := filepath.Join(dir, "copy.db")
	out, _ := mustRun(t, "import", "--db", dst, "--format", "warc", file)
	if !strings.Contains(out, "16 pages archived (15 new articles, 1 changed") || !strings.Contains(out, " 0 skipped") {
		t.Errorf("import summary: %s", out)
	}
	want, _ := mustRun(t, "export", "--db", src, "--format", "jsonl", "--all-versions")
	got, _ := mustRun(t, "export", "--db", dst, "--format", "jsonl", "--all-versions")
	sameLines(t, got, want)
	if lines := warctest.WarcioIndex(t, file); len(lines) != len(types) {
		t.Fatalf("warcio index read %d records, gowarc %d:\n%s", len(lines), len(types), strings.Join(lines, "\n"))
	}
}

// sameLines fails with the first line that differs, cut short.
func sameLines(t *testing.T, got, want string) {
	t.Helper()
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			j := 0
			for j < min(len(a), len(b)) && a[j] == b[j] {
				j++
			}
			from := max(j-80, 0)
			t.Fatalf("line %d of %d/%d differs at byte %d:\n got …%.300s\nwant …%.300s", i+1, len(g), len(w), j, a[from:], b[from:])
		}
	}
}
