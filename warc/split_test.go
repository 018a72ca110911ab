package warc

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"log/slog"
	"reflect"
	"testing"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// splitFile is a WARC gzipped record by record with what the first pass
// notes: newsarchive's export (warcinfo, request, redirect hops, metadata),
// another writer's records (angle brackets, a revisit, no digests, a wrong
// digest, an image), junk between two members, and a response whose body
// is itself a gzipped WARC record stored verbatim: a gzip member inside a
// member, which looks like a boundary and is none.
func splitFile(t *testing.T) []byte {
	t.Helper()
	s := openStore(t)
	if _, err := s.Put(context.Background(), redirected("https://news.example/story/7")); err != nil {
		t.Fatal(err)
	}
	var exported bytes.Buffer
	if _, err := Write(s, &exported, Options{Software: "test"}); err != nil {
		t.Fatal(err)
	}
	inner := gzipped(rec{typ: "response", uri: "http://news.example.com/inner.html", date: "2025-03-14T09:00:00Z", id: "00000000-0000-0000-0000-0000000000a1",
		block: httpResp("", page("Inner", "A record in a record.")), digests: true}.String())
	nested := rec{typ: "response", uri: "http://news.example.com/x.warc.gz", date: "2025-03-14T09:30:00Z", id: "00000000-0000-0000-0000-0000000000a2",
		block: "HTTP/1.1 200 OK\r\nContent-Type: application/warc\r\n\r\n" + inner, digests: true}.String()
	var stored bytes.Buffer // deflate's stored blocks keep the inner member's bytes as they are
	zw, _ := gzip.NewWriterLevel(&stored, gzip.NoCompression)
	zw.Write([]byte(nested))
	zw.Close()

	orig := rec{typ: "response", uri: "<" + story + ">", date: "2025-03-14T10:00:00Z", id: "00000000-0000-0000-0000-000000000001",
		block: httpResp("", page("Ferry crews walk out", "Crews walked out.")), digests: true}.String()
	visit := rec{typ: "revisit", uri: "<" + story + ">", date: "2025-03-15T10:00:00Z", id: "00000000-0000-0000-0000-000000000002",
		extra: "WARC-Refers-To: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n", block: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"}.String()
	noDigest := rec{typ: "response", uri: "http://news.example.com/b.html", date: "2025-03-14T11:00:00Z", id: "00000000-0000-0000-0000-000000000003",
		block: httpResp("", page("Bridge closed", "The bridge closed overnight."))}.String()
	bad := rec{typ: "response", uri: "http://news.example.com/d.html", date: "2025-03-14T12:00:00Z", id: "00000000-0000-0000-0000-000000000004",
		block: httpResp("", page("Tampered", "Not what was captured.")), digests: true, badDigest: true}.String()
	image := rec{typ: "response", uri: "http://news.example.com/a.png", date: "2025-03-14T12:00:00Z", id: "00000000-0000-0000-0000-000000000005",
		block: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG", digests: true}.String()
	request := rec{typ: "request", uri: story, date: "2025-03-14T10:00:00Z", id: "00000000-0000-0000-0000-000000000006",
		extra: "Content-Type: application/http;msgtype=request\r\n", block: "GET /2025/03/14/ferry.html HTTP/1.1\r\nHost: news.example.com\r\n\r\n", digests: true}.String()
	hop := rec{typ: "response", uri: "http://news.example.com/f", date: "2025-03-14T09:59:58Z", id: "00000000-0000-0000-0000-000000000007",
		block: "HTTP/1.1 301 Moved Permanently\r\nLocation: /2025/03/14/ferry.html\r\n\r\n", digests: true}.String()

	var out []byte
	out = append(out, exported.Bytes()...)
	out = append(out, gzipEach(request, hop, orig)...)
	out = append(out, stored.Bytes()...)
	out = append(out, gzipEach(visit, noDigest)...)
	out = append(out, "junk between members\r\n"...)
	out = append(out, gzipEach(bad, image, orig)...)
	return out
}

// indexed is what a first pass leaves: the index, the counts and the
// warnings.
type indexed struct {
	Resp, Todo, Reqs          []entry
	Hops                      []hop
	ByID, ByDigest            map[string]int
	ReqByID, ReqFor           map[string]int
	HopsTo                    map[string][]int
	Records, Ignored, Skipped int
	Defects                   map[string]int
	Log                       string
	Kept                      []string // the spilled bytes of Resp, Todo, Reqs
}

func firstPass(t *testing.T, file []byte, starts []int64) indexed {
	t.Helper()
	var log bytes.Buffer
	noTime := func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	im := newImporter([]Source{{Name: "f.warc.gz", R: bytes.NewReader(file), Size: int64(len(file))}}, ImportOptions{},
		newDefects(slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{ReplaceAttr: noTime}))))
	im.spill = newSpill(t.TempDir(), 0)
	defer func() {
		for _, f := range im.temps {
			f.Close()
		}
		im.spill.remove()
	}()
	var err error
	if starts == nil {
		_, err = im.scan(context.Background(), 0, 0, -1, nil)
	} else if done, perr := im.indexParts(context.Background(), 0, starts); !done || perr != nil {
		t.Fatalf("parts at %v: done %v, %v", starts, done, perr)
	}
	if err != nil {
		t.Fatal(err)
	}
	// Parts spill side by side: what was kept counts, not where.
	var kept []string
	for _, es := range [][]entry{im.resp, im.todo, im.reqs} {
		for i := range es {
			if es[i].spillLen > 0 {
				b, _ := io.ReadAll(im.bytesOf(es[i]))
				kept = append(kept, string(b))
			}
			es[i].spillOff = 0
		}
	}
	if len(kept) == 0 {
		t.Fatal("nothing spilled")
	}
	return indexed{im.resp, im.todo, im.reqs, im.hops, im.byID, im.byDigest, im.reqByID, im.reqFor, im.hopsTo,
		im.stats.Records, im.stats.Ignored, im.stats.Skipped, im.def.counts(), log.String(), kept}
}

// The first pass in parts finds exactly what one reading finds (index,
// counts, warnings and their order), wherever the parts start: at record
// boundaries, at the member inside a member (the part before it reads past
// it, and the parts after are dropped), at damage, or past a truncation.
func TestIndexParts(t *testing.T) {
	clean := splitFile(t)
	damaged := bytes.Clone(clean)
	mid := len(damaged) / 2
	for i := mid; i < mid+8; i++ {
		damaged[i] ^= 0x5a
	}
	cases := []struct {
		name string
		file []byte
	}{
		{"clean", clean},
		{"damaged in the middle", damaged},
		{"truncated", clean[:len(clean)-40]},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := Source{R: bytes.NewReader(c.file), Size: int64(len(c.file))}
			var cands []int64
			for at := nextMember(src, 1); at > 0; at = nextMember(src, at+1) {
				cands = append(cands, at)
			}
			bounds := recordOffsets(c.file)
			false_ := 0
			for _, at := range cands {
				if !bounds[at] {
					false_++
				}
			}
			if len(cands) < 10 || (c.name == "clean" && false_ == 0) {
				t.Fatalf("%d member starts found, %d of them no record's: the file does not test the split", len(cands), false_)
			}
			want := firstPass(t, c.file, nil)
			splits := [][]int64{append([]int64{0}, cands...)}
			for _, at := range cands {
				splits = append(splits, []int64{0, at})
			}
			defer func(m int64) { splitMin = m }(splitMin)
			splitMin = 0
			for n := 2; n <= 5; n++ {
				if s := splitPoints(src, n); len(s) > 1 {
					splits = append(splits, s)
				}
			}
			for _, starts := range splits {
				if got := firstPass(t, c.file, starts); !reflect.DeepEqual(got, want) {
					t.Fatalf("parts at %v:\n got %+v\nwant %+v", starts, got, want)
				}
			}
		})
	}
}

// recordOffsets are the offsets of the records one lenient reading finds.
func recordOffsets(file []byte) map[int64]bool {
	out := map[int64]bool{}
	r, err := gowarc.NewWarcFileReaderFromStream(bytes.NewReader(file), 0, indexOpts()...)
	if err != nil {
		return out
	}
	defer r.Close()
	for {
		rec, err := r.Next()
		if rec.WarcRecord == nil || errors.Is(err, io.EOF) {
			return out
		}
		out[rec.Offset] = true
		rec.Close()
	}
}
