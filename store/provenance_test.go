package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/capture"
)

// fakeExtractor reads the fake pages of these tests: a page is
// "TITLE|TEXT", and the extractor's version is appended to the text when
// style is set, so that two versions read one page differently. A text
// starting "cp1251:" decodes correctly only with a windows-1251
// Content-Type.
type fakeExtractor struct {
	version string
	style   bool
}

func (f fakeExtractor) read(raw []byte, ct string, url string) *article.Article {
	title, text, _ := strings.Cut(string(raw), "|")
	if rest, ok := strings.CutPrefix(text, "cp1251:"); ok {
		text = "garbled"
		if strings.Contains(ct, "windows-1251") {
			text = rest
		}
	}
	if f.style {
		text += " [" + f.version + "]"
	}
	return &article.Article{URL: url, Title: title, Text: text, HTML: "<p>" + text + "</p>"}
}

func (f fakeExtractor) prov(ct string) capture.Provenance {
	return capture.Provenance{
		Fetch:      &capture.Fetch{StatusLine: "HTTP/1.1 200 OK", Header: http.Header{"Content-Type": {ct}}, FinalURL: "x"},
		Extraction: capture.Extraction{Extractor: f.version, Charset: "utf-8", CharsetSource: "header"},
	}
}

func (f fakeExtractor) reread() ExtractFunc {
	return func(c StoredCapture) (*article.Article, capture.Extraction, error) {
		ex := capture.Extraction{Extractor: f.version, Charset: "utf-8", CharsetSource: "detected"}
		if strings.Contains(c.ContentType, "windows-1251") {
			ex.Charset, ex.CharsetSource = "windows-1251", "header"
		}
		return f.read(c.Raw, c.ContentType, c.URL), ex, nil
	}
}

// fetchSnap is a crawl's snapshot of raw read by f.
func (f fakeExtractor) snap(key, raw, ct string, at time.Time) Snapshot {
	return Snapshot{Key: key, URL: key, Article: f.read([]byte(raw), ct, key), Raw: []byte(raw), Status: 200, FetchedAt: at, Provenance: f.prov(ct)}
}

func TestProvenanceStoredAndExported(t *testing.T) {
	s, _ := openTest(t, Options{})
	const key = "https://example.com/news/1.html"
	a := fakeExtractor{version: "a"}
	sn := a.snap(key, "T|one", "text/html; charset=utf-8", t0)
	sn.Provenance.Fetch.RequestHeader = http.Header{"User-Agent": {"ua"}, "If-None-Match": {`"e1"`}}
	sn.Provenance.Fetch.RemoteAddr = "127.0.0.1:8080"
	if _, err := s.Put(context.Background(), sn); err != nil {
		t.Fatal(err)
	}
	p, refreshed, err := s.Provenance(key, 1)
	if err != nil || refreshed || !reflect.DeepEqual(p, sn.Provenance) {
		t.Fatalf("provenance %+v %v %v, want %+v", p, refreshed, err, sn.Provenance)
	}
	h, _ := s.History(key)
	if len(h) != 1 || !reflect.DeepEqual(h[0].Provenance, sn.Provenance) {
		t.Errorf("history provenance %+v", h)
	}
	var docs []string
	s.ScanJSON(ScanOptions{AllVersions: true, WithKey: true, WithProvenance: true}, func(d Doc) error {
		docs = append(docs, string(d.JSON))
		return nil
	})
	var rec struct {
		Key        string             `json:"key"`
		Provenance capture.Provenance `json:"provenance"`
	}
	if len(docs) != 1 || json.Unmarshal([]byte(docs[0]), &rec) != nil || rec.Key != key || !reflect.DeepEqual(rec.Provenance, sn.Provenance) {
		t.Errorf("export with provenance: %v", docs)
	}
	// An imported record keeps the provenance it carries.
	s2, _ := openTest(t, Options{})
	var exp article.Article
	json.Unmarshal([]byte(docs[0]), &exp)
	if _, err := s2.Merge(context.Background(), []Record{{Key: key, Article: &exp, Provenance: rec.Provenance}}); err != nil {
		t.Fatal(err)
	}
	if p, _, _ := s2.Provenance(key, 1); !reflect.DeepEqual(p, sn.Provenance) {
		t.Errorf("imported provenance %+v", p)
	}
}

// TestCompareLikeWithLike: after an extractor upgrade that reads every
// page differently, an unchanged page adds no version and a real edit adds
// exactly one; the latest version is re-read in place and its first
// reading stays retrievable. Without the re-reading, every page would look
// edited.
func TestCompareLikeWithLike(t *testing.T) {
	const key = "https://example.com/news/1.html"
	a, b := fakeExtractor{version: "a", style: true}, fakeExtractor{version: "b", style: true}
	const ct = "text/html; charset=utf-8"
	cases := []struct {
		name   string
		reread ExtractFunc
		want   Outcome
	}{
		{"re-read with the snapshot's extractor", b.reread(), Unchanged},
		{"no re-reading: the upgrade looks like an edit", nil, Changed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := openTest(t, Options{Reread: c.reread})
			ctx := context.Background()
			if _, err := s.Put(ctx, a.snap(key, "T|one", ct, t0)); err != nil {
				t.Fatal(err)
			}
			r, err := s.Put(ctx, b.snap(key, "T|one", ct, t0.Add(time.Hour)))
			if err != nil || r.Outcome != c.want {
				t.Fatalf("unchanged page after the upgrade: %+v %v, want %v", r, err, c.want)
			}
			if c.want != Unchanged {
				return
			}
			if !r.Reread || r.Version != 1 {
				t.Errorf("put: %+v", r)
			}
			p, refreshed, _ := s.Provenance(key, 1)
			if !refreshed || p.Extraction.Extractor != "b" || p.Fetch == nil {
				t.Errorf("version 1 after the re-reading: %+v refreshed=%v", p, refreshed)
			}
			v1, _ := s.Version(key, 1)
			if v1.Text != "one [b]" {
				t.Errorf("version 1 reads %q", v1.Text)
			}
			orig, ex, err := s.Original(key, 1)
			if err != nil || !bytes.Contains(orig, []byte(`"one [a]"`)) || ex.Extractor != "a" {
				t.Errorf("original of version 1: %s %+v %v", orig, ex, err)
			}
			// The next unchanged fetch compares directly.
			if r, _ := s.Put(ctx, b.snap(key, "T|one", ct, t0.Add(2*time.Hour))); r.Outcome != Unchanged || r.Reread {
				t.Errorf("second fetch after the upgrade: %+v", r)
			}
			if r, _ := s.Put(ctx, b.snap(key, "T|one, edited", ct, t0.Add(3*time.Hour))); r.Outcome != Changed || r.Version != 2 {
				t.Errorf("a real edit: %+v", r)
			}
			if rep, err := s.Verify(ctx); err != nil || !rep.OK() {
				t.Fatalf("verify: %v %v", err, rep.Problems)
			}
		})
	}
}

// TestCompareHeaderlessCapture: a capture archived without headers is
// re-read, for the comparison, with the Content-Type of the capture it is
// compared with; that reading is kept only when it shows the page
// unchanged.
func TestCompareHeaderlessCapture(t *testing.T) {
	const key = "https://example.com/ru/1.html"
	const ct = "text/html; charset=windows-1251"
	b := fakeExtractor{version: "b"}
	ctx := context.Background()
	legacy := func(s *Store, raw string) {
		// What a crawl before provenance stored: the right text, no
		// headers, no extractor version.
		a := fakeExtractor{}.read([]byte(raw), ct, key)
		if _, err := s.Put(ctx, Snapshot{Key: key, URL: key, Article: a, Raw: []byte(raw), Status: 200, FetchedAt: t0}); err != nil {
			t.Fatal(err)
		}
	}
	s, _ := openTest(t, Options{Reread: b.reread()})
	legacy(s, "Порт|cp1251:Новости")
	if r, _ := s.Put(ctx, b.snap(key, "Порт|cp1251:Новости", ct, t0.Add(time.Hour))); r.Outcome != Unchanged || !r.Reread {
		t.Fatalf("unchanged header-only page: %+v", r)
	}
	p, _, _ := s.Provenance(key, 1)
	if p.Extraction.AssumedContentType != ct || p.Fetch != nil {
		t.Errorf("provenance of the re-read capture: %+v", p)
	}
	// reextract decodes it with the charset that reading recorded.
	if st, _ := s.Reextract(ctx, b.reread()); st.HashChanged != 0 || len(st.Undeclared) != 0 {
		t.Errorf("reextract after the re-reading: %+v", st)
	}

	s2, _ := openTest(t, Options{Reread: b.reread()})
	legacy(s2, "Порт|cp1251:Новости")
	if r, _ := s2.Put(ctx, b.snap(key, "Порт|cp1251:Новости, правка", ct, t0.Add(time.Hour))); r.Outcome != Changed || r.Reread {
		t.Fatalf("edited header-only page: %+v", r)
	}
	if _, refreshed, _ := s2.Provenance(key, 1); refreshed {
		t.Error("a reading on an assumed Content-Type was kept although the page changed")
	}
	// Nothing says how version 1 was decoded: reextract reads it without
	// the header, as before, and says so.
	st, _ := s2.Reextract(ctx, b.reread())
	if st.HashChanged != 1 || !reflect.DeepEqual(st.Undeclared, []VersionRef{{Key: key, Version: 1}}) {
		t.Errorf("reextract of a capture with nothing recorded: %+v", st)
	}
	if orig, _, _ := s2.Original(key, 1); !bytes.Contains(orig, []byte("Новости")) {
		t.Errorf("the first reading is gone: %s", orig)
	}
}

// TestReextractInPlace: reextract refreshes every version with raw HTML in
// place — numbers, fetched_at and raw bodies stay, nothing is added — keeps
// each first extraction, leaves imported versions alone, and reports the
// versions that now read the same as the one before.
func TestReextractInPlace(t *testing.T) {
	const key = "https://example.com/news/1.html"
	s, _ := openTest(t, Options{})
	ctx := context.Background()
	a := fakeExtractor{version: "a"}
	// Versions 1 and 2 differ only in a footer the new extractor drops.
	for i, raw := range []string{"T|one footer-x", "T|one footer-y", "T|two"} {
		if _, err := s.Put(ctx, a.snap(key, raw, "text/html", t0.Add(time.Duration(i)*time.Hour))); err != nil {
			t.Fatal(err)
		}
	}
	imported := art(key, "T", "imported")
	imported.FetchedAt, imported.Version = t0.Add(5*time.Hour).Format(time.RFC3339), 4
	if _, err := s.Merge(ctx, []Record{{Key: key, Article: imported}}); err != nil {
		t.Fatal(err)
	}
	before, _ := s.History(key)
	fn := func(c StoredCapture) (*article.Article, capture.Extraction, error) {
		r := fakeExtractor{version: "b"}.read(c.Raw, c.ContentType, c.URL)
		r.Text, _, _ = strings.Cut(r.Text, " footer")
		return r, capture.Extraction{Extractor: "b", Charset: "utf-8", CharsetSource: "header"}, nil
	}
	st, err := s.Reextract(ctx, fn)
	if err != nil {
		t.Fatal(err)
	}
	want := ReextractStats{Articles: 1, Versions: 3, Refreshed: 3, HashChanged: 2, NoRaw: 1,
		Identical: []Identical{{Key: key, Version: 2, Previous: 1}}}
	if !reflect.DeepEqual(st, want) {
		t.Fatalf("stats %+v, want %+v", st, want)
	}
	after, _ := s.History(key)
	if len(after) != len(before) {
		t.Fatalf("%d versions after, %d before", len(after), len(before))
	}
	for i := range after {
		if after[i].Version != before[i].Version || after[i].FetchedAt != before[i].FetchedAt {
			t.Errorf("version %d renumbered or moved: %+v → %+v", before[i].Version, before[i], after[i])
		}
	}
	if after[0].ContentHash != after[1].ContentHash || after[3].ContentHash != before[3].ContentHash {
		t.Errorf("hashes after: %+v", after)
	}
	for n, text := range map[int]string{1: "one footer-x", 2: "one footer-y", 3: "two"} {
		orig, ex, err := s.Original(key, n)
		if err != nil || !bytes.Contains(orig, []byte(`"text":"`+text+`"`)) || ex.Extractor != "a" {
			t.Errorf("original of version %d: %s %+v %v", n, orig, ex, err)
		}
		if raw, err := s.Raw(key, n); err != nil || !strings.Contains(string(raw), strings.Fields(text)[0]) {
			t.Errorf("raw of version %d: %q %v", n, raw, err)
		}
	}
	if l, _ := s.Latest(key); l.Version != 4 || l.Text != "imported" {
		t.Errorf("latest %d %q", l.Version, l.Text)
	}
	st, _ = s.Reextract(ctx, fn)
	if st.Refreshed != 0 || st.Unchanged != 3 || len(st.Identical) != 0 {
		t.Errorf("second run: %+v", st)
	}
	if rep, err := s.Verify(ctx); err != nil || !rep.OK() {
		t.Fatalf("verify: %v %v", err, rep.Problems)
	}
}

// TestRawDictionaryAfterRefresh: raw bodies are compressed against the
// article JSON of a version that uses them. Once that version is
// refreshed in place and then pruned — by keep_versions on Put, or by
// Prune when the limit is lowered — every body must still decode.
// rereadMoved refreshes every version with a reading that moves the text
// within the JSON (counted from its end, as zstd matches into a
// dictionary are): a body decoded against this reading instead of the one
// it was compressed against comes out wrong.
func rereadMoved(t *testing.T, s *Store) {
	t.Helper()
	fn := func(c StoredCapture) (*article.Article, capture.Extraction, error) {
		r := fakeExtractor{}.read(c.Raw, c.ContentType, c.URL)
		r.Tags = []string{"re-read by a later extractor"}
		return r, capture.Extraction{Extractor: "b"}, nil
	}
	if st, err := s.Reextract(context.Background(), fn); err != nil || st.Refreshed == 0 {
		t.Fatalf("reextract: %+v %v", st, err)
	}
}

func TestRawDictionaryAfterRefresh(t *testing.T) {
	const key = "https://example.com/news/1.html"
	// Text that does not repeat itself, so that the body is compressed
	// against the article JSON, not against itself.
	var sb strings.Builder
	sb.WriteString("T|")
	for i := range 300 {
		fmt.Fprintf(&sb, "w%x%d ", i*7919%1000, i)
	}
	page := sb.String()
	// Three versions of one body (their articles differ), so the body's
	// dictionary version is pruned while others still use the body.
	put := func(t *testing.T, s *Store, i int) {
		a := fakeExtractor{}.read([]byte(page), "", key)
		a.Title = "T" + strings.Repeat("!", i)
		if _, err := s.Put(context.Background(), Snapshot{Key: key, URL: key, Article: a, Raw: []byte(page), Status: 200, FetchedAt: t0.Add(time.Duration(i) * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	check := func(t *testing.T, s *Store, versions int) {
		t.Helper()
		rep, err := s.Verify(context.Background())
		if err != nil || !rep.OK() {
			t.Fatalf("verify: %v %v", err, rep.Problems)
		}
		if rep.Versions != versions || rep.RawBodies != 1 {
			t.Fatalf("%d versions, %d bodies", rep.Versions, rep.RawBodies)
		}
		raw, err := s.Raw(key, 0)
		if err != nil || string(raw) != page {
			t.Fatalf("raw body does not decode: %v", err)
		}
	}
	t.Run("keep_versions on put", func(t *testing.T) {
		s, _ := openTest(t, Options{KeepVersions: 2})
		put(t, s, 0)
		put(t, s, 1)
		rereadMoved(t, s)
		put(t, s, 2) // prunes version 1, the body's dictionary
		check(t, s, 2)
	})
	t.Run("prune when lowered", func(t *testing.T) {
		s, path := openTest(t, Options{})
		for i := range 3 {
			put(t, s, i)
		}
		rereadMoved(t, s)
		s.Close()
		s, err := Open(path, Options{KeepVersions: 1})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		check(t, s, 1)
	})
}
