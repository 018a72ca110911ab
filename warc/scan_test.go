package warc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// scanRecords are the records of the scanner tests, in the shapes other
// writers give them.
func scanRecords() []string {
	a := rec{typ: "response", uri: story, date: "2025-03-14T10:00:00Z", id: "00000000-0000-0000-0000-00000000000a",
		block: httpResp("", page("Ferry crews walk out", "Crews walked out.")), digests: true}
	b := rec{typ: "request", uri: story, date: "2025-03-14T10:00:00Z", id: "00000000-0000-0000-0000-00000000000b",
		extra: "Content-Type: application/http;msgtype=request\r\nWARC-Concurrent-To: <urn:uuid:00000000-0000-0000-0000-00000000000a>\r\n",
		block: "GET /2025/03/14/ferry.html HTTP/1.1\r\nHost: news.example.com\r\nUser-Agent: archiver/1.0\r\n\r\n", digests: true}
	c := rec{typ: "response", uri: "<http://news.example.com/b.html>", date: "2025-03-14T11:00:00Z", id: "00000000-0000-0000-0000-00000000000c",
		block: httpResp("", page("Bridge closed", "The bridge closed overnight."))}
	d := rec{typ: "response", uri: "http://news.example.com/d.html", date: "2025-03-14T12:00:00Z", id: "00000000-0000-0000-0000-00000000000d",
		block: httpResp("", page("Tampered", "Not what was captured.")), digests: true, badDigest: true}
	return []string{a.String(), b.String(), c.String(), d.String()}
}

// scanFiles are WARC files as they are found: clean, and damaged in the
// ways a gzipped file can be.
func scanFiles() map[string][]byte {
	r := scanRecords()
	each := gzipEach(r...)
	badCRC := bytes.Clone(each)
	first := len(gzipped(r[0]))
	badCRC[first-6] ^= 0xff // the first member's CRC-32
	return map[string][]byte{
		"gzipped record by record":  each,
		"not compressed":            []byte(strings.Join(r, "")),
		"compressed and not, mixed": append(append(gzipEach(r[0]), r[1]...), gzipEach(r[2], r[3])...),
		"truncated member":          each[:len(each)-40],
		"bad checksum":              badCRC,
		"junk between members":      append(append(gzipEach(r[0]), "junk\r\n"...), gzipEach(r[1])...),
		"member not a record":       gzipEach("this is not a record\n", r[0]),
		"member without a newline":  gzipEach("this is not a record", r[0]),
		"empty member":              gzipEach("", r[0]),
		"short member":              gzipEach("WARC", r[0]),
		"version line only":         gzipEach("WARC/1.1", r[0]),
		"two records in a member":   gzipEach(r[0]+r[1], r[2]),
		"gzip header only":          each[:10],
		"a gzipped WARC inside":     gzipEach(gzipped(r[0]), r[1]),
		"empty":                     nil,
	}
}

// readings are what a reader made of a file, record by record, as scan
// uses them.
func readings(next func() (gowarc.Record, error)) []string {
	var out []string
	for range 100 {
		rec, err := next()
		if errors.Is(err, io.EOF) {
			out = append(out, "EOF")
			break
		}
		s := fmt.Sprintf("at %d size %d err %v findings %q", rec.Offset, rec.Size, err, rec.Validation)
		if rec.WarcRecord == nil {
			out = append(out, s+" no record")
			break
		}
		out = append(out, s+fmt.Sprintf(" %s %s", rec.WarcRecord.Type(), rec.WarcRecord.WarcHeader().Get(gowarc.WarcRecordID)))
		rec.Close()
	}
	return out
}

func gowarcReadings(t testing.TB, file []byte) []string {
	uuidMu.Lock()
	wf, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(file), 0, indexOpts()...)
	uuidMu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	defer wf.Close()
	return readings(wf.Next)
}

// The first pass's scanner reads what gowarc's reader reads: the same
// records at the same offsets, the same findings and the same failures.
func TestScannerReadsAsGowarc(t *testing.T) {
	for name, file := range scanFiles() {
		t.Run(name, func(t *testing.T) { readsAsGowarc(t, file) })
	}
}

func readsAsGowarc(t *testing.T, file []byte) {
	want := gowarcReadings(t, file)
	s := newScanner(bytes.NewReader(file), 0, indexOpts()...)
	got := readings(s.next)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("scanner:\n%s\ngowarc:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// From a part's start, the offsets are the file's.
func TestScannerFromAnOffset(t *testing.T) {
	r := scanRecords()
	file := gzipEach(r...)
	at := int64(len(gzipped(r[0])))
	s := newScanner(bytes.NewReader(file[at:]), at, indexOpts()...)
	rec, err := s.next()
	if err != nil || rec.Offset != at || rec.Size != int64(len(gzipped(r[1]))) {
		t.Fatalf("at %d size %d, %v; want at %d", rec.Offset, rec.Size, err, at)
	}
}

// A record gzipped on its own is kept as gowarc parsed it, inflated;
// one not compressed, or larger than keepMax, is not.
func TestScannerKeepsTheInflatedRecord(t *testing.T) {
	r := scanRecords()
	big := rec{typ: "resource", uri: story, date: "2025-03-14T10:00:00Z", id: "00000000-0000-0000-0000-0000000000ff",
		block: strings.Repeat("x", keepMax)}.String()
	file := append(gzipEach(r[0], r[1]+r[2]), r[3]...)
	file = append(file, gzipEach(big, r[0])...)
	want := []string{r[0], r[1], "", "", r[0]}
	s := newScanner(bytes.NewReader(file), 0, indexOpts()...)
	for i, w := range want {
		rec, err := s.next()
		if err != nil || rec.WarcRecord == nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if string(s.kept) != w {
			t.Errorf("record %d kept %.80q, want %.80q", i, s.kept, w)
		}
		rec.Close()
	}
}

func FuzzScanner(f *testing.F) {
	for _, file := range scanFiles() {
		f.Add(file)
	}
	f.Fuzz(readsAsGowarc)
}

// The second pass reads the kept records from the spill and makes of
// them exactly what it makes of the WARC's: the same captures, findings
// and skips (a digest that does not match is still found), and the spill
// is gone once Import returns.
func TestImportSpill(t *testing.T) {
	r := scanRecords()
	later := rec{typ: "response", uri: story, date: "2025-03-15T10:00:00Z", id: "00000000-0000-0000-0000-00000000001a",
		block: httpResp("", page("Ferry crews walk out", "Crews walked out, and then came back.")), digests: true}
	file := gzipEach(append(r, later.String())...)
	var results []string
	for _, max := range []int64{0, -1, 100} {
		dir := t.TempDir()
		st := openStore(t)
		s, err := Import(t.Context(), st, []Source{{Name: "f.warc.gz", R: bytes.NewReader(file), Size: int64(len(file))}},
			ImportOptions{Read: readPage, TempDir: dir, SpillMax: max})
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if _, err := Write(st, &out, Options{}); err != nil {
			t.Fatal(err)
		}
		if left, _ := os.ReadDir(dir); len(left) != 0 {
			t.Errorf("spill max %d: %d files left in the temporary directory", max, len(left))
		}
		a, err := st.Latest(story)
		if err != nil || a.Version != 2 {
			t.Errorf("spill max %d: %+v %v", max, a.Archive, err)
		}
		// The request that fetched the first version is its provenance.
		if p, _, err := st.Provenance(story, 1); err != nil || p.Fetch == nil || p.Fetch.RequestHeader.Get("User-Agent") != "archiver/1.0" {
			t.Errorf("spill max %d: provenance %+v %v", max, p.Fetch, err)
		}
		results = append(results, fmt.Sprintf("%+v %d", s, bytes.Count(out.Bytes(), []byte("WARC-Type: response"))))
	}
	if results[0] != results[1] || results[1] != results[2] {
		t.Errorf("with a spill, without, with a tiny one:\n%s", strings.Join(results, "\n"))
	}
	if !strings.Contains(results[0], "Skipped:1") {
		t.Errorf("the record with a wrong digest was not skipped: %s", results[0])
	}
}

// The first pass keeps the pages and the requests, and only those.
func TestSpillKeepsWhatTheSecondPassReads(t *testing.T) {
	r := scanRecords()
	meta := rec{typ: "metadata", uri: story, date: "2025-03-14T10:00:00Z", id: "00000000-0000-0000-0000-00000000002a", block: "a: b\r\n"}
	file := gzipEach(r[0], r[1], meta.String())
	im := newImporter([]Source{{Name: "f", R: bytes.NewReader(file), Size: int64(len(file))}}, ImportOptions{}, newDefects(nil))
	im.spill = newSpill(t.TempDir(), 0)
	defer im.spill.remove()
	if _, err := im.scan(t.Context(), 0, 0, -1, nil); err != nil {
		t.Fatal(err)
	}
	if len(im.todo) != 1 || len(im.reqs) != 1 {
		t.Fatalf("todo %d reqs %d", len(im.todo), len(im.reqs))
	}
	for name, e := range map[string]entry{"response": im.todo[0], "request": im.reqs[0]} {
		got, _ := io.ReadAll(im.bytesOf(e))
		want := r[0]
		if name == "request" {
			want = r[1]
		}
		if e.spillLen == 0 || string(got) != want {
			t.Errorf("%s: kept %d bytes %.60q", name, e.spillLen, got)
		}
	}
	if im.spill.n != int64(len(r[0])+len(r[1])) {
		t.Errorf("spilled %d bytes, want the response and request only", im.spill.n)
	}
}
