package warc

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha1"
	"encoding/base32"
	"fmt"
	"strings"
	"testing"
	"time"

	"newsarchive/extract"
	"newsarchive/store"
	"newsarchive/urlnorm"
)

// readPage extracts as the app does, keyed by the URL.
func readPage(u string, body []byte, ct string, _ time.Time) (Page, error) {
	nu, err := urlnorm.Normalize(u)
	if err != nil {
		return Page{}, err
	}
	r, err := extract.FromBytes(body, ct, extract.Options{URL: nu})
	if err != nil {
		return Page{}, err
	}
	return Page{Key: nu, URL: nu, Article: &r.Article, IsArticle: true}, nil
}

func sha1b32(b []byte) string {
	s := sha1.Sum(b)
	return "sha1:" + base32.StdEncoding.EncodeToString(s[:])
}

// rec writes one WARC/1.0 record by hand, as other writers do; extra
// fields are written as given ("" digest: none).
type rec struct {
	typ, uri, date, id, extra string
	block                     string
	digests, badDigest        bool
}

func (r rec) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: %s\r\n", r.typ, r.id, r.date)
	if r.uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", r.uri)
	}
	b.WriteString(r.extra)
	switch r.typ {
	case "response":
		b.WriteString("Content-Type: application/http;msgtype=response\r\n")
	case "revisit":
		b.WriteString("Content-Type: application/http;msgtype=response\r\n")
	}
	if r.digests {
		d := sha1b32([]byte(r.block))
		if r.badDigest {
			d = sha1b32([]byte("something else"))
		}
		fmt.Fprintf(&b, "WARC-Block-Digest: %s\r\n", d)
		if _, body, ok := strings.Cut(r.block, "\r\n\r\n"); ok && r.typ == "response" {
			fmt.Fprintf(&b, "WARC-Payload-Digest: %s\r\n", sha1b32([]byte(body)))
		}
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s\r\n\r\n", len(r.block), r.block)
	return b.String()
}

func page(title, text string) string {
	return fmt.Sprintf(`<!DOCTYPE html><html><head><title>%s</title><meta property="og:type" content="article"><meta property="article:published_time" content="2025-03-14T09:20:00Z"></head><body><article><h1>%s</h1><p>%s</p><p>%s</p></article></body></html>`,
		title, title, text, strings.Repeat("More of the story follows here, sentence after sentence. ", 8))
}

func httpResp(headers, body string) string {
	return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + headers + "\r\n" + body
}

func gzipped(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

func gzipEach(recs ...string) []byte {
	var out []byte
	for _, r := range recs {
		out = append(out, gzipped(r)...)
	}
	return out
}

func importBytes(t *testing.T, st *store.Store, files ...[]byte) ImportStats {
	t.Helper()
	var srcs []Source
	for i, f := range files {
		srcs = append(srcs, Source{Name: fmt.Sprintf("f%d.warc", i), R: bytes.NewReader(f), Size: int64(len(f))})
	}
	s, err := Import(context.Background(), st, srcs, ImportOptions{Read: readPage})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const story = "http://news.example.com/2025/03/14/ferry.html"

func TestImportVersionsInDateOrder(t *testing.T) {
	eds := []string{"Crews walked out on Friday.", "Crews walked out on Friday. Talks collapsed.", "Crews walked out on Friday. A mediator will meet both sides."}
	mk := func(i int) string {
		return rec{typ: "response", uri: story, date: fmt.Sprintf("2025-03-1%dT10:00:00Z", 4+i), id: fmt.Sprintf("0000000%d-0000-0000-0000-000000000000", i),
			block: httpResp("", page("Ferry crews walk out", eds[i])), digests: true}.String()
	}
	cases := []struct {
		name string
		file []byte
	}{
		{"in date order, gzipped record by record", gzipEach(mk(0), mk(1), mk(2))},
		{"in reverse order, not compressed", []byte(mk(2) + mk(1) + mk(0))},
		{"in reverse order, gzipped as a whole", []byte(gzipped(mk(2) + mk(0) + mk(1)))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			s := importBytes(t, st, c.file)
			if s.Pages != 3 || s.New != 1 || s.Changed != 2 || s.Skipped != 0 {
				t.Fatalf("stats %+v", s)
			}
			h, err := st.History(story)
			if err != nil || len(h) != 3 {
				t.Fatalf("history %v %v", h, err)
			}
			for i, v := range h {
				a, _ := st.Version(story, v.Version)
				if !strings.Contains(a.Text, eds[i]) || v.FetchedAt != fmt.Sprintf("2025-03-1%dT10:00:00Z", 4+i) {
					t.Errorf("version %d fetched %s: %.80q", v.Version, v.FetchedAt, a.Text)
				}
				if v.Provenance.Fetch == nil || v.Provenance.Fetch.StatusLine != "HTTP/1.1 200 OK" || v.Provenance.Fetch.Header.Get("Content-Type") == "" {
					t.Errorf("version %d provenance %+v", v.Version, v.Provenance.Fetch)
				}
			}
		})
	}
}

func TestImportLenient(t *testing.T) {
	orig := rec{typ: "response", uri: "<" + story + ">", date: "2025-03-14T10:00:00Z", id: "00000000-0000-0000-0000-000000000001",
		block: httpResp("", page("Ferry crews walk out", "Crews walked out.")), digests: true}
	visit := rec{typ: "revisit", uri: "<" + story + ">", date: "2025-03-15T10:00:00Z", id: "00000000-0000-0000-0000-000000000002",
		extra: "WARC-Refers-To: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\nWARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n",
		block: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"}
	noDigest := rec{typ: "response", uri: "http://news.example.com/b.html", date: "2025-03-14T11:00:00Z", id: "00000000-0000-0000-0000-000000000003",
		block: httpResp("Content-Encoding: gzip\r\n", gzipped(page("Bridge closed", "The bridge closed overnight.")))}
	chunked := rec{typ: "response", uri: "http://news.example.com/c.html", date: "2025-03-14T11:30:00Z", id: "00000000-0000-0000-0000-000000000007",
		block: httpResp("Transfer-Encoding: chunked\r\n", chunk(page("Library Wi-Fi", "Free Wi-Fi in every branch."))), digests: true}
	http2 := rec{typ: "response", uri: "http://news.example.com/f.html", date: "2025-03-14T11:40:00Z", id: "00000000-0000-0000-0000-000000000009",
		block: "HTTP/2 200\r\ncontent-type: text/html\r\n\r\n" + page("Council portal", "The portal is live."), digests: true}
	bad := rec{typ: "response", uri: "http://news.example.com/d.html", date: "2025-03-14T12:00:00Z", id: "00000000-0000-0000-0000-000000000004",
		block: httpResp("", page("Tampered", "These bytes are not what was captured.")), digests: true, badDigest: true}
	image := rec{typ: "response", uri: "http://news.example.com/a.png", date: "2025-03-14T12:00:00Z", id: "00000000-0000-0000-0000-000000000005",
		block: "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG", digests: true}
	request := rec{typ: "request", uri: story, date: "2025-03-14T10:00:00Z", id: "00000000-0000-0000-0000-000000000006",
		extra: "Content-Type: application/http;msgtype=request\r\n", block: "GET /2025/03/14/ferry.html HTTP/1.1\r\nHost: news.example.com\r\n\r\n", digests: true}
	whole := request.String() + orig.String() + visit.String() + noDigest.String() + chunked.String() + http2.String() + bad.String() + image.String()
	truncated := gzipEach(rec{typ: "response", uri: "http://news.example.com/e.html", date: "2025-03-16T12:00:00Z", id: "00000000-0000-0000-0000-000000000008",
		block: httpResp("", page("Last one", "Before the cut.")), digests: true}.String(), orig.String())
	truncated = truncated[:len(truncated)-40]

	st := openStore(t)
	s := importBytes(t, st, []byte(whole), truncated)
	if s.Pages != 6 || s.New != 5 || s.Unchanged != 1 || s.Ignored != 2 || s.Skipped != 2 {
		t.Fatalf("stats %+v", s)
	}
	for kind, n := range map[string]int{defectBrackets: 2, defectNoDigest: 1, defectDigest: 1, defectDamaged: 1} {
		if s.Defects[kind] != n {
			t.Errorf("defect %q counted %d, want %d (all: %v)", kind, s.Defects[kind], n, s.Defects)
		}
	}
	// The revisit resolved to its original: last_checked moved on.
	a, err := st.Latest(story)
	if err != nil || a.LastChecked != "2025-03-15T10:00:00Z" || a.Version != 1 {
		t.Fatalf("after revisit: %+v %v", a.Archive, err)
	}
	for u, want := range map[string]string{"http://news.example.com/b.html": "The bridge closed overnight.", "http://news.example.com/c.html": "Free Wi-Fi in every branch.", "http://news.example.com/f.html": "The portal is live."} {
		if a, err := st.Latest(u); err != nil || !strings.Contains(a.Text, want) {
			t.Errorf("%s: %.60q %v", u, a.Text, err)
		}
	}
	if _, err := st.Latest("http://news.example.com/d.html"); err == nil {
		t.Error("the record with a wrong digest was archived")
	}
	if _, err := st.Latest("http://news.example.com/e.html"); err != nil {
		t.Errorf("the record before the cut was lost: %v", err)
	}
}

func chunk(s string) string {
	return fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(s), s)
}

// arcFile is a small ARC (version 1) file: its filedesc record, then one
// capture, as the Internet Archive's crawlers wrote them.
func arcFile() string {
	desc := "1 0 newsarchive\nURL IP-address Archive-date Content-type Archive-length\n"
	body := "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + page("Ferry crews walk out", "Crews walked out.")
	return fmt.Sprintf("filedesc://x.arc 0.0.0.0 20250314100000 text/plain %d\n%s\n", len(desc), desc) +
		fmt.Sprintf("%s 192.0.2.1 20250314100000 text/html %d\n%s\n", story, len(body), body)
}

// gowarc reads WARC only: an ARC file, plain or gzipped record by record
// (.arc.gz), is refused with an error that names the format.
func TestImportARC(t *testing.T) {
	arc := arcFile()
	head, rest, _ := strings.Cut(arc, "\n\n")
	cases := []struct {
		name string
		file []byte
	}{
		{"plain", []byte(arc)},
		{"gzipped record by record", gzipEach(head+"\n\n", rest)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := openStore(t)
			_, err := Import(context.Background(), st, []Source{{Name: "x.arc", R: bytes.NewReader(c.file), Size: int64(len(c.file))}}, ImportOptions{Read: readPage})
			if err == nil || !strings.Contains(err.Error(), "an ARC file") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want one line that names ARC", err)
			}
			if _, err := st.Latest(story); err == nil {
				t.Error("the ARC capture was archived")
			}
		})
	}
}

func FuzzImport(f *testing.F) {
	f.Add([]byte(rec{typ: "response", uri: story, date: "2025-03-14T10:00:00Z", id: "1", block: httpResp("", page("t", "x")), digests: true}.String()))
	f.Add(gzipEach(rec{typ: "revisit", uri: story, date: "2025-03-14T10:00:00Z", id: "2", block: ""}.String()))
	f.Fuzz(func(t *testing.T, b []byte) {
		st := openStore(t)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		Import(ctx, st, []Source{{Name: "fuzz", R: bytes.NewReader(b), Size: int64(len(b))}}, ImportOptions{Read: readPage})
	})
}

// letters spells i in letters ("ba" for 26): the archive's content hash
// reads digits as noise.
func letters(i int) string {
	s := string(rune('a' + i%26))
	for i /= 26; i > 0; i /= 26 {
		s = string(rune('a'+i%26)) + s
	}
	return s
}

// Many captures of one URL, more than a batch holds, listed out of date
// order: the workers extract them side by side, and the versions still
// come out in date order, one per edit.
func TestImportManyVersionsInDateOrder(t *testing.T) {
	const n = batchSize + 17
	var recs []string
	for i := range n {
		j := (i * 7) % n // a fixed shuffle: 7 is prime to n
		recs = append(recs, rec{typ: "response", uri: story, date: time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC).Add(time.Duration(j) * time.Minute).Format(time.RFC3339),
			id: fmt.Sprintf("00000000-0000-0000-0000-%012d", j), digests: true,
			block: httpResp("", page("Ferry crews walk out", "Edit "+letters(j)+" of the story."))}.String())
	}
	st := openStore(t)
	s := importBytes(t, st, gzipEach(recs...))
	if s.Pages != n || s.New != 1 || s.Changed != n-1 {
		t.Fatalf("stats %+v", s)
	}
	h, err := st.History(story)
	if err != nil || len(h) != n {
		t.Fatalf("history: %d versions, %v", len(h), err)
	}
	for i, v := range h {
		a, err := st.Version(story, v.Version)
		if err != nil || !strings.Contains(a.Text, "Edit "+letters(i)+" of") {
			t.Fatalf("version %d: %.60q %v", v.Version, a.Text, err)
		}
	}
}
