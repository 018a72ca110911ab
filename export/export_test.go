package export

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsarchive/article"
	"newsarchive/store"
)

var t0 = time.Date(2024, 9, 5, 10, 0, 0, 0, time.UTC)

func openStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "a.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// seed archives an English and a Chinese article, each with two versions,
// one of them fetched under a tracking URL, and a third article whose
// canonical URL is on another host of the site.
func seed(t testing.TB, s *store.Store) {
	t.Helper()
	en := "https://www.example.com/news/1.html"
	zh := "https://www.chem17.com/news/detail/1.html"
	snaps := []store.Snapshot{
		{Key: en, URL: en + "?utm_source=x", Status: 200, FetchedAt: t0, Raw: []byte("<html>en1</html>"), Article: &article.Article{
			URL: en, Title: "Plant opens", Text: "The plant opened on Monday.\n\nIt employs 200 people.", Authors: []string{"Ann Lee"},
			Related: []article.Related{{URL: "https://www.example.com/news/2.html", Title: "Other & more"}}, HTML: "<p>The plant</p>"}},
		{Key: en, URL: en, Status: 200, FetchedAt: t0.Add(24 * time.Hour), Raw: []byte("<html>en2</html>"), Article: &article.Article{
			URL: en, Title: "Plant opens", Text: "The plant opened on Tuesday.\n\nIt employs 250 people.", Authors: []string{"Ann Lee"}}},
		{Key: zh, URL: zh, Status: 200, FetchedAt: t0.Add(time.Hour), Raw: []byte("<html>zh1</html>"), Article: &article.Article{
			URL: zh, Title: "仪器展会开幕", Source: "化工仪器网", Text: "本届展会共有三百家企业参展。", PublishedAt: "2024-09-05T08:56:39", Language: "zh"}},
		{Key: zh, URL: zh, Status: 200, FetchedAt: t0.Add(48 * time.Hour), Raw: []byte("<html>zh2</html>"), Article: &article.Article{
			URL: zh, Title: "仪器展会开幕", Source: "化工仪器网", Text: "本届展会共有五百家企业参展。", PublishedAt: "2024-09-05T08:56:39", Language: "zh"}},
		{Key: "https://www.example.com/c", URL: "https://m.example.com/c", Status: 200, FetchedAt: t0.Add(2 * time.Hour), Article: &article.Article{
			URL: "https://m.example.com/c", CanonicalURL: "https://www.example.com/c", Title: "Canonical elsewhere", Text: "x"}},
	}
	if _, err := s.PutMany(context.Background(), snaps); err != nil {
		t.Fatal(err)
	}
	if err := s.Touch(context.Background(), en, t0.Add(72*time.Hour)); err != nil {
		t.Fatal(err)
	}
}

func export(t testing.TB, s *store.Store, o Options) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := Write(s, &buf, o); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestWriteJSON(t *testing.T) {
	s := openStore(t)
	seed(t, s)
	cases := []struct {
		name string
		o    Options
		want []string // key#version
	}{
		{"latest", Options{Format: JSON}, []string{"https://www.chem17.com/news/detail/1.html#2", "https://www.example.com/c#1", "https://www.example.com/news/1.html#2"}},
		{"all versions", Options{Format: JSON, ScanOptions: store.ScanOptions{AllVersions: true}}, []string{
			"https://www.chem17.com/news/detail/1.html#1", "https://www.chem17.com/news/detail/1.html#2", "https://www.example.com/c#1",
			"https://www.example.com/news/1.html#1", "https://www.example.com/news/1.html#2"}},
		{"site", Options{Format: JSON, ScanOptions: store.ScanOptions{Site: "chem17.com"}}, []string{"https://www.chem17.com/news/detail/1.html#2"}},
		{"since: only newer versions", Options{Format: JSON, ScanOptions: store.ScanOptions{AllVersions: true, Since: t0.Add(3 * time.Hour)}}, []string{
			"https://www.example.com/news/1.html#2", "https://www.chem17.com/news/detail/1.html#2"}},
		{"empty", Options{Format: JSON, ScanOptions: store.ScanOptions{Site: "none.org"}}, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := export(t, s, c.o)
			var got []struct {
				article.Article
				Key string `json:"key"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("not valid JSON: %v\n%s", err, out)
			}
			ids := []string{}
			for _, a := range got {
				ids = append(ids, fmt.Sprintf("%s#%d", a.Key, a.Version))
				if a.FetchedAt == "" || a.ContentHash == "" || a.FirstSeen == "" || a.LastChecked == "" || a.HTTPStatus != 200 {
					t.Errorf("%s: archive fields missing: %+v", a.Key, a.Archive)
				}
			}
			if strings.Join(ids, " ") != strings.Join(c.want, " ") {
				t.Fatalf("got  %v\nwant %v", ids, c.want)
			}
		})
	}
	if out := export(t, s, Options{Format: JSON, ScanOptions: store.ScanOptions{Site: "none.org"}}); out != "[]\n" {
		t.Fatalf("empty export = %q", out)
	}
}

func TestWriteJSONL(t *testing.T) {
	s := openStore(t)
	seed(t, s)
	out := export(t, s, Options{Format: JSONL, ScanOptions: store.ScanOptions{AllVersions: true}})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines {
		var a article.Article
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
	}
	if !strings.Contains(out, `"title":"仪器展会开幕"`) || !strings.Contains(out, `"Other & more"`) {
		t.Fatalf("text escaped unexpectedly:\n%s", out)
	}
}

func TestImportRoundTrip(t *testing.T) {
	cases := []struct {
		name   string
		format Format
	}{
		{"jsonl", JSONL},
		{"json array", JSON},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := openStore(t)
			seed(t, src)
			all := Options{Format: c.format, ScanOptions: store.ScanOptions{AllVersions: true}}
			first := export(t, src, all)

			dst := openStore(t)
			st, err := Import(context.Background(), dst, strings.NewReader(first))
			if err != nil {
				t.Fatal(err)
			}
			if st.Records != 5 || st.Versions != 5 || st.Articles != 3 {
				t.Fatalf("import stats %+v", st)
			}
			if second := export(t, dst, all); second != first {
				t.Fatalf("round trip differs:\nfirst  %s\nsecond %s", first, second)
			}
			// The alias of the canonical-elsewhere article survives.
			if k, err := dst.Resolve("https://m.example.com/c"); err != nil || k != "https://www.example.com/c" {
				t.Fatalf("Resolve alias = %q, %v", k, err)
			}
			// Importing again adds nothing.
			st, err = Import(context.Background(), dst, strings.NewReader(first))
			if err != nil || st.Versions != 0 || st.Unchanged != 5 {
				t.Fatalf("re-import: %+v, %v", st, err)
			}
			if third := export(t, dst, all); third != first {
				t.Fatal("re-import changed the archive")
			}
			r, err := dst.Verify(context.Background())
			if err != nil || !r.OK() {
				t.Fatalf("verify: %v %v", err, r.Problems)
			}
		})
	}
}

func TestImportMergesNewerVersions(t *testing.T) {
	src := openStore(t)
	seed(t, src)
	all := Options{Format: JSONL, ScanOptions: store.ScanOptions{AllVersions: true}}
	// dst has only the versions fetched before t0+3h; the rest arrive by import.
	dst := openStore(t)
	var old bytes.Buffer
	Write(src, &old, Options{Format: JSONL, ScanOptions: store.ScanOptions{AllVersions: true, Until: t0.Add(3 * time.Hour)}})
	if _, err := Import(context.Background(), dst, &old); err != nil {
		t.Fatal(err)
	}
	st, err := Import(context.Background(), dst, strings.NewReader(export(t, src, all)))
	if err != nil {
		t.Fatal(err)
	}
	if st.Versions != 2 || st.Unchanged != 3 {
		t.Fatalf("merge stats %+v", st)
	}
	if got, want := export(t, dst, all), export(t, src, all); got != want {
		t.Fatalf("merged archive differs:\n%s\n%s", got, want)
	}
}

func TestImportRejectsGarbage(t *testing.T) {
	cases := []struct{ name, in string }{
		{"not json", "hello\n"},
		{"no fetched_at", `{"url":"https://example.com/a","title":"t"}` + "\n"},
		{"bad url", `{"url":"ftp://x","fetched_at":"2024-09-05T00:00:00Z"}` + "\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Import(context.Background(), openStore(t), strings.NewReader(c.in)); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	now := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Time
		err  bool
	}{
		{"", time.Time{}, false},
		{"2024-09-05T08:00:00Z", time.Date(2024, 9, 5, 8, 0, 0, 0, time.UTC), false},
		{"2024-09-05T08:00:00+08:00", time.Date(2024, 9, 5, 0, 0, 0, 0, time.UTC), false},
		{"2024-09-05", time.Date(2024, 9, 5, 0, 0, 0, 0, time.UTC), false},
		{"2024-09-05T08:30", time.Date(2024, 9, 5, 8, 30, 0, 0, time.UTC), false},
		{"36h", now.Add(-36 * time.Hour), false},
		{"7d", now.Add(-7 * 24 * time.Hour), false},
		{"1d12h", now.Add(-36 * time.Hour), false},
		{"2w", now.Add(-14 * 24 * time.Hour), false},
		{"90m", now.Add(-90 * time.Minute), false},
		{"yesterday", time.Time{}, true},
		{"-3d", time.Time{}, true},
		{"2024-13-01", time.Time{}, true},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseTime(c.in, now)
			if c.err {
				if !errors.Is(err, ErrTime) {
					t.Fatalf("err = %v, want ErrTime", err)
				}
				return
			}
			if err != nil || !got.Equal(c.want) {
				t.Fatalf("ParseTime(%q) = %v, %v; want %v", c.in, got, err, c.want)
			}
		})
	}
}
