package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
)

func openTest(t *testing.T, opts Options) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "archive.db")
	s, err := Open(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func art(url, title, text string) *article.Article {
	return &article.Article{URL: url, Title: title, Text: text, Source: "Example News", Authors: []string{"A. Writer"}, PublishedAt: "2024-09-05T08:56:39"}
}

var t0 = time.Date(2024, 9, 5, 10, 0, 0, 0, time.UTC)

func snap(key, url string, a *article.Article, raw string, at time.Time) Snapshot {
	return Snapshot{Key: key, URL: url, Article: a, Raw: []byte(raw), Status: 200, FetchedAt: at}
}

func TestPutVersions(t *testing.T) {
	const key = "https://example.com/news/1.html"
	base := art(key, "Title", "Para one.\n\nPara two.")
	withRelated := *base
	withRelated.Related = []article.Related{{URL: "https://example.com/x", Title: "X"}}
	withRelated.Tags = []string{"new tag"}
	withRelated.Description = "changed description"
	withRelated.ModifiedAt = "2024-09-06"
	whitespace := *base
	whitespace.Text = "Para   one.\n\n\nPara two.  "
	edited := *base
	edited.Text = "Para one.\n\nPara two, corrected."
	cases := []struct {
		name    string
		a       *article.Article
		raw     string
		want    Outcome
		version int
	}{
		{"first fetch", base, "<html>1</html>", New, 1},
		{"same content same raw", base, "<html>1</html>", Unchanged, 1},
		{"raw only change", base, "<html>1 <!-- ad 2 --></html>", Unchanged, 1},
		{"related, tags, description, modified_at change", &withRelated, "<html>3</html>", Unchanged, 1},
		{"whitespace only change", &whitespace, "<html>4</html>", Unchanged, 1},
		{"text change", &edited, "<html>5</html>", Changed, 2},
		{"back to the first text", base, "<html>1</html>", Changed, 3},
	}
	s, _ := openTest(t, Options{})
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			at := t0.Add(time.Duration(i) * time.Hour)
			r, err := s.Put(context.Background(), snap(key, key, c.a, c.raw, at))
			if err != nil {
				t.Fatal(err)
			}
			if r.Outcome != c.want || r.Version != c.version {
				t.Fatalf("got %v v%d, want %v v%d", r.Outcome, r.Version, c.want, c.version)
			}
			l, err := s.Latest(key)
			if err != nil {
				t.Fatal(err)
			}
			if l.Version != c.version || l.LastChecked != at.Format(time.RFC3339) || l.FirstSeen != t0.Format(time.RFC3339) {
				t.Fatalf("latest archive fields = %+v", l.Archive)
			}
		})
	}
	h, err := s.History(key)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 3 || h[1].Changed[0] != "text" || h[0].Changed != nil {
		t.Fatalf("history = %+v", h)
	}
	// Version 1 kept the raw body of its fetch; version 3 shares it.
	for _, n := range []int{1, 3} {
		raw, err := s.Raw(key, n)
		if err != nil || string(raw) != "<html>1</html>" {
			t.Fatalf("Raw(%d) = %q, %v", n, raw, err)
		}
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.RawBodies != 2 {
		t.Errorf("raw bodies = %d, want 2 (identical bodies stored once)", st.RawBodies)
	}
}

func TestResolveAliases(t *testing.T) {
	s, _ := openTest(t, Options{})
	const key = "https://example.com/a"
	ctx := context.Background()
	if _, err := s.Put(ctx, snap(key, "https://m.example.com/a?utm_source=x", art(key, "T", "x"), "r", t0)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(ctx, snap(key, "https://example.com/a?id=1", art(key, "T", "x"), "r", t0.Add(time.Hour))); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, in, want string }{
		{"key", key, key},
		{"fetch URL with tracking", "https://m.example.com/a?utm_medium=y", key},
		{"upper-case host", "HTTPS://EXAMPLE.COM/a", key},
		{"second alias", "https://example.com/a?id=1#top", key},
		{"unknown", "https://example.com/b", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.Resolve(c.in)
			if c.want == "" {
				if !errors.Is(err, ErrNotFound) {
					t.Fatalf("err = %v, want ErrNotFound", err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("Resolve(%q) = %q, %v", c.in, got, err)
			}
			if _, err := s.Latest(c.in); err != nil {
				t.Fatalf("Latest by alias: %v", err)
			}
		})
	}
	if err := s.Touch(ctx, "https://m.example.com/a", t0.Add(5*time.Hour)); err != nil {
		t.Fatal(err)
	}
	l, _ := s.Latest(key)
	if l.LastChecked != t0.Add(5*time.Hour).Format(time.RFC3339) || l.Version != 1 {
		t.Fatalf("after touch: %+v", l.Archive)
	}
}

func TestLocked(t *testing.T) {
	s, path := openTest(t, Options{})
	_ = s
	cases := []struct {
		name string
		opts Options
	}{
		{"writer", Options{LockTimeout: 200 * time.Millisecond}},
		{"reader", Options{LockTimeout: 200 * time.Millisecond, ReadOnly: true}},
		{"no wait", Options{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			s2, err := Open(path, c.opts)
			if err == nil {
				s2.Close()
				t.Fatal("second open succeeded")
			}
			if !errors.Is(err, ErrLocked) {
				t.Fatalf("err = %v, want ErrLocked", err)
			}
			if d := time.Since(start); d > c.opts.LockTimeout+2*time.Second {
				t.Fatalf("took %s", d)
			}
		})
	}
	s.Close()
	s3, err := Open(path, Options{ReadOnly: true, LockTimeout: time.Second})
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	s4, err := Open(path, Options{ReadOnly: true, LockTimeout: time.Second})
	if err != nil {
		t.Fatalf("two readers: %v", err)
	}
	s3.Close()
	s4.Close()
}

func TestReadOnlyMissing(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "none.db"), Options{ReadOnly: true})
	if !errors.Is(err, ErrNoArchive) {
		t.Fatalf("err = %v", err)
	}
}

func TestOpenRefusesOtherLayout(t *testing.T) {
	s, path := openTest(t, Options{})
	s.update(func(tx *bolt.Tx) error { return tx.Bucket(bInfo).Put([]byte("schema"), []byte("1")) })
	s.Close()
	for _, ro := range []bool{false, true} {
		if _, err := Open(path, Options{ReadOnly: ro}); !errors.Is(err, ErrSchema) {
			t.Fatalf("ReadOnly=%v: err = %v, want ErrSchema", ro, err)
		}
	}
}
