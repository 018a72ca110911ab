package cli

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsarchive/config"
	"newsarchive/store"
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

// revalidate records, an hour after the crawl, that the first n articles
// were found unchanged (a 304 answer moves last_checked on), so that the
// export has revisit records.
func revalidate(t *testing.T, db string, n int) {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var keys []string
	st.List(func(s store.Summary) error {
		if len(keys) < n {
			keys = append(keys, s.Key)
		}
		return nil
	})
	for _, k := range keys {
		if err := st.Touch(context.Background(), k, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
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
	revalidate(t, src, 2)
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
	if types[0] != "warcinfo" || count["warcinfo"] != 1 || count["response"] != 16 || count["request"] != 16 || count["metadata"] != 16 || count["revisit"] < 2 {
		t.Errorf("record types %v", count)
	}

	dst := filepath.Join(dir, "copy.db")
	out, _ := mustRun(t, "import", "--db", dst, "--format", "warc", file)
	// A revisit is written for each article checked after its latest
	// version: the two revalidated, and any the demo's re-crawl found
	// unchanged a second or more after its first crawl.
	if !strings.Contains(out, fmt.Sprintf("%d pages archived (15 new articles, 1 changed, %d unchanged)", 16+count["revisit"], count["revisit"])) || !strings.Contains(out, " 0 skipped") {
		t.Errorf("import summary: %s", out)
	}
	want, _ := mustRun(t, "export", "--db", src, "--format", "jsonl", "--all-versions")
	got, _ := mustRun(t, "export", "--db", dst, "--format", "jsonl", "--all-versions")
	sameLines(t, got, want)
	// The headers sent come back from the request records.
	sent := func(db string) map[string]string {
		out, _ := mustRun(t, "export", "--db", db, "--format", "jsonl", "--all-versions", "--provenance")
		m := map[string]string{}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var v struct {
				Key        string `json:"key"`
				Version    int    `json:"version"`
				Provenance struct {
					Fetch struct {
						RequestHeader map[string][]string `json:"request_header"`
					} `json:"fetch"`
				} `json:"provenance"`
			}
			if err := json.Unmarshal([]byte(l), &v); err != nil {
				t.Fatal(err)
			}
			h, _ := json.Marshal(v.Provenance.Fetch.RequestHeader)
			m[fmt.Sprintf("%s#%d", v.Key, v.Version)] = string(h)
		}
		return m
	}
	if a, b := sent(src), sent(dst); !maps.Equal(a, b) || !strings.Contains(fmt.Sprint(a), "User-Agent") {
		t.Errorf("request headers differ after the round trip:\n%v\n%v", a, b)
	}
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

// TestWACZ exports a WACZ, checks it as a replay tool would read it — the
// WARC stored without compression, datapackage.json's SHA-256 and size of
// every file, a SURT-sorted index whose offsets land on the records, the
// pages with title and text — and imports it back.
func TestWACZ(t *testing.T) {
	src := demoArchive(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "demo.wacz")
	mustRun(t, "export", "--db", src, "--format", "wacz", "--all-versions", "--out", file)
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = b
		if f.Name == "archive/data.warc.gz" && f.Method != zip.Store {
			t.Errorf("%s compressed with method %d, want stored", f.Name, f.Method)
		}
	}
	var pkg struct {
		Profile     string `json:"profile"`
		WACZVersion string `json:"wacz_version"`
		Created     string `json:"created"`
		Modified    string `json:"modified"`
		Software    string `json:"software"`
		Resources   []struct {
			Path  string `json:"path"`
			Hash  string `json:"hash"`
			Bytes int64  `json:"bytes"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(files["datapackage.json"], &pkg); err != nil {
		t.Fatalf("datapackage.json: %v", err)
	}
	seen := map[string]bool{}
	for _, r := range pkg.Resources {
		b, ok := files[r.Path]
		sum := sha256.Sum256(b)
		if !ok || r.Hash != "sha256:"+hex.EncodeToString(sum[:]) || r.Bytes != int64(len(b)) {
			t.Errorf("resource %s: hash %s, %d bytes; file has %x, %d bytes", r.Path, r.Hash, r.Bytes, sum, len(b))
		}
		seen[r.Path] = true
	}
	for _, p := range []string{"archive/data.warc.gz", "indexes/index.cdxj", "pages/pages.jsonl"} {
		if !seen[p] {
			t.Errorf("datapackage.json does not list %s", p)
		}
	}
	// WACZ 1.2: profile "wacz"; created and modified RFC 3339; the
	// wacz_version that validators still read.
	_, cerr := time.Parse(time.RFC3339, pkg.Created)
	_, merr := time.Parse(time.RFC3339, pkg.Modified)
	if pkg.Profile != "wacz" || pkg.WACZVersion == "" || cerr != nil || merr != nil || pkg.Software == "" {
		t.Errorf("datapackage.json: profile %q, wacz_version %q, created %q, modified %q, software %q",
			pkg.Profile, pkg.WACZVersion, pkg.Created, pkg.Modified, pkg.Software)
	}
	var digest struct{ Path, Hash string }
	if err := json.Unmarshal(files["datapackage-digest.json"], &digest); err != nil {
		t.Errorf("datapackage-digest.json: %v", err)
	}
	if sum := sha256.Sum256(files["datapackage.json"]); digest.Path != "datapackage.json" || digest.Hash != "sha256:"+hex.EncodeToString(sum[:]) {
		t.Errorf("datapackage-digest.json %+v, want the sha256 of datapackage.json %x", digest, sum)
	}
	// The pages file opens with its header line (json-pages-1.0), then
	// one page per line with url and an RFC 3339 ts.
	pl := strings.Split(strings.TrimSpace(string(files["pages/pages.jsonl"])), "\n")
	var head struct{ Format, ID string }
	if err := json.Unmarshal([]byte(pl[0]), &head); err != nil || head.Format != "json-pages-1.0" || head.ID != "pages" {
		t.Errorf("pages.jsonl header %q (%v)", pl[0], err)
	}
	for _, l := range pl[1:] {
		var pg struct{ URL, TS string }
		if json.Unmarshal([]byte(l), &pg) != nil || pg.URL == "" {
			t.Errorf("page line %q", l)
		} else if _, err := time.Parse(time.RFC3339, pg.TS); err != nil {
			t.Errorf("page line %q: ts: %v", l, err)
		}
	}
	warcData := files["archive/data.warc.gz"]
	types := warctest.StrictRead(t, warcData)
	cdx := strings.Split(strings.TrimSpace(string(files["indexes/index.cdxj"])), "\n")
	revisits := strings.Count(strings.Join(types, " "), "revisit")
	if !slices.IsSorted(cdx) || len(cdx) != 16+revisits {
		t.Errorf("index: %d lines (want %d, one per response and revisit), sorted %v", len(cdx), 16+revisits, slices.IsSorted(cdx))
	}
	for _, l := range cdx {
		key, rest, _ := strings.Cut(l, " ")
		_, js, _ := strings.Cut(rest, " ")
		var e struct {
			URL    string `json:"url"`
			Offset string `json:"offset"`
			Length string `json:"length"`
			Mime   string `json:"mime"`
		}
		if err := json.Unmarshal([]byte(js), &e); err != nil {
			t.Fatalf("index line %q: %v", l, err)
		}
		if !strings.HasPrefix(key, "1,0,0,127:") || !strings.Contains(key, ")/") {
			t.Errorf("index key %q is not a SURT", key)
		}
		off, _ := strconv.Atoi(e.Offset)
		n, _ := strconv.Atoi(e.Length)
		want := "response"
		if e.Mime == "warc/revisit" {
			want = "revisit"
		}
		if got := warctest.StrictRead(t, warcData[off:off+n]); len(got) != 1 || got[0] != want {
			t.Errorf("index entry %s: offset %s length %s reads %v", e.URL, e.Offset, e.Length, got)
		}
	}
	// warcio.js indexes the same WARC with the same keys, offsets and
	// lengths (it also lists the metadata records, which we leave out).
	dataFile := filepath.Join(dir, "data.warc.gz")
	if err := os.WriteFile(dataFile, warcData, 0o644); err != nil {
		t.Fatal(err)
	}
	theirs := map[string]bool{}
	for _, l := range warctest.WarcioCDX(t, dataFile) {
		key, rest, _ := strings.Cut(l, " ")
		ts, js, _ := strings.Cut(rest, " ")
		var e struct{ Offset, Length, Digest string }
		json.Unmarshal([]byte(js), &e)
		theirs[strings.Join([]string{key, ts, e.Offset, e.Length, e.Digest}, " ")] = true
	}
	for _, l := range cdx {
		key, rest, _ := strings.Cut(l, " ")
		ts, js, _ := strings.Cut(rest, " ")
		var e struct{ Offset, Length, Digest string }
		json.Unmarshal([]byte(js), &e)
		if id := strings.Join([]string{key, ts, e.Offset, e.Length, e.Digest}, " "); !theirs[id] {
			t.Errorf("index line %q is not in warcio's index of the WARC", id)
		}
	}
	pages := strings.Split(strings.TrimSpace(string(files["pages/pages.jsonl"])), "\n")
	if len(pages) != 17 || !strings.Contains(pages[0], "json-pages-1.0") {
		t.Fatalf("pages.jsonl: %d lines, header %q", len(pages), pages[0])
	}
	for _, p := range pages[1:] {
		var pg struct{ URL, TS, Title, Text string }
		if err := json.Unmarshal([]byte(p), &pg); err != nil || pg.URL == "" || pg.TS == "" || pg.Title == "" || pg.Text == "" {
			t.Errorf("page %.200s: %v", p, err)
		}
	}
	if len(types) != 1+3*16+revisits {
		t.Errorf("%d records in the WACZ's WARC", len(types))
	}

	dst := filepath.Join(dir, "copy.db")
	mustRun(t, "import", "--db", dst, "--format", "wacz", file)
	want, _ := mustRun(t, "export", "--db", src, "--format", "jsonl", "--all-versions")
	got, _ := mustRun(t, "export", "--db", dst, "--format", "jsonl", "--all-versions")
	sameLines(t, got, want)
}

// TestWARCExportReconstructed exports the layout-2 fixture archive, whose
// versions were archived before response headers were stored: their
// response records carry reconstructed heads, marked so in the metadata
// records, and the file still passes the strict reading.
func TestWARCExportReconstructed(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("../testdata/layout2/archive.db")
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "archive.db")
	if err := os.WriteFile(db, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(layout2Config), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--config", cfg, "migrate")
	file := filepath.Join(dir, "old.warc.gz")
	_, errs := mustRun(t, "--config", cfg, "export", "--format", "warc", "--all-versions", "--out", file)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	types := warctest.StrictRead(t, data)
	var meta bytes.Buffer
	zr, _ := gzip.NewReader(bytes.NewReader(data))
	io.Copy(&meta, zr)
	n := strings.Count(meta.String(), `"headers":"reconstructed"`)
	if n == 0 || !strings.Contains(errs, fmt.Sprintf("%d without headers, reconstructed", n)) {
		t.Fatalf("%d reconstructed metadata records; summary %s", n, errs)
	}
	if got := slices.Index(types, "response"); got < 0 {
		t.Fatalf("no response records: %v", types)
	}
	if _, errs, code := run(context.Background(), "import", "--db", filepath.Join(dir, "x.db"), "--format", "xml", file); code != 2 || !strings.Contains(errs, "want json, jsonl, warc or wacz") {
		t.Errorf("import --format xml: exit %d, %s", code, errs)
	}
}

// TestWebArchiveProgress: off a terminal, progress is a log line every
// 10 seconds; on a terminal, a line redrawn in place.
func TestWebArchiveProgress(t *testing.T) {
	cases := []struct {
		name string
		tty  bool
		want string
	}{
		{"log", false, "msg=\"progress: 3 pages\""},
		{"terminal", true, "\r\x1b[K3 pages"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			p := newProgress(&buf, slog.New(slog.NewTextHandler(&buf, nil)))
			p.tty = c.tty
			p.update(func() string { return "1 pages" }) // too soon: nothing
			p.last = time.Now().Add(-time.Minute)
			p.update(func() string { return "3 pages" })
			p.done()
			if !strings.Contains(buf.String(), c.want) || strings.Contains(buf.String(), "1 pages") {
				t.Fatalf("progress wrote %q", buf.String())
			}
		})
	}
}

// TestWARCImportArchiveFull imports into an archive that cannot grow past
// a size (the file size limit makes writes fail as a full disk does): the
// import exits 4, as a crawl does, and the archive stays readable.
func TestWARCImportArchiveFull(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "demo.warc.gz")
	mustRun(t, "export", "--db", demoArchive(t), "--format", "warc", "--all-versions", "--out", file)
	dst := filepath.Join(dir, "full.db")
	cmd, stderr := helperMain(t, []string{"NEWSARCHIVE_HELPER_FSIZE=65536"}, "import", "--db", dst, "--format", "warc", file)
	if code := exitStatus(t, cmd.Wait()); code != ExitArchive {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, ExitArchive, stderr)
	}
	if out, errs, code := run(context.Background(), "--db", dst, "verify"); code != 0 {
		t.Errorf("verify after the failed import: exit %d\n%s%s", code, out, errs)
	}
}

// An ARC file (gowarc reads WARC only) is refused with one line on stderr
// that names the format, and nothing else (no summary of an import that
// did not happen); the archive is left as it was.
func TestImportARCRefused(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "crawl.arc.gz")
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte("filedesc://crawl.arc 0.0.0.0 20250314100000 text/plain 75\n1 0 newsarchive\nURL IP-address Archive-date Content-type Archive-length\n\n"))
	zw.Close()
	if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "a.db")
	out, errs, code := run(context.Background(), "import", "--db", db, "--format", "warc", file)
	if code != ExitFailure || out != "" || strings.Count(strings.TrimSpace(errs), "\n") != 0 || !strings.Contains(errs, "an ARC file") || !strings.Contains(errs, file) {
		t.Fatalf("exit %d, stderr %q, stdout %q; want exit %d, no summary, and one line naming ARC and the file", code, errs, out, ExitFailure)
	}
}
