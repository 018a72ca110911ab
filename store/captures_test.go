package store

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestCaptureOfDoc checks that a capture read for a scanned document (its
// body's dictionary taken from the document when it is its own) is the
// capture CaptureOf reads, for bodies compressed against their own
// version, against another version, and against a version re-read since.
func TestCaptureOfDoc(t *testing.T) {
	// Text that does not repeat itself, so that the body is compressed
	// against the article JSON, not against itself.
	page := func(n int) string {
		var sb strings.Builder
		fmt.Fprintf(&sb, "T%d|", n)
		for i := range 300 {
			fmt.Fprintf(&sb, "v%x%d ", (i+n)*7919%1000, i)
		}
		return sb.String()
	}
	const key = "https://example.com/news/1.html"
	put := func(t *testing.T, s *Store, body string, i int) {
		t.Helper()
		a := fakeExtractor{}.read([]byte(body), "", key)
		a.Title += strings.Repeat("!", i) // a new version of the same body
		snap := Snapshot{Key: key, URL: key, Article: a, Raw: []byte(body), Status: 200, FetchedAt: t0.Add(time.Duration(i) * time.Hour)}
		if _, err := s.Put(context.Background(), snap); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name  string
		build func(t *testing.T, s *Store)
	}{
		{"own dictionary", func(t *testing.T, s *Store) { put(t, s, page(1), 0) }},
		{"two bodies", func(t *testing.T, s *Store) { put(t, s, page(1), 0); put(t, s, page(2), 1) }},
		{"one body, three versions", func(t *testing.T, s *Store) {
			for i := range 3 {
				put(t, s, page(1), i)
			}
		}},
		{"re-read since", func(t *testing.T, s *Store) {
			put(t, s, page(1), 0)
			put(t, s, page(2), 1)
			rereadMoved(t, s)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTest(t, Options{})
			tc.build(t, s)
			n := 0
			err := s.ScanJSON(ScanOptions{AllVersions: true}, func(d Doc) error {
				n++
				want, err := s.CaptureOf(d.Key, d.Version)
				if err != nil {
					return err
				}
				got, err := s.CaptureOfDoc(d)
				if err != nil {
					return err
				}
				if !reflect.DeepEqual(got, want) {
					return fmt.Errorf("version %d: CaptureOfDoc differs from CaptureOf (body %.40q, want %.40q)", d.Version, got.Raw, want.Raw)
				}
				if !strings.HasPrefix(string(got.Raw), "T") {
					return fmt.Errorf("version %d: body %q", d.Version, got.Raw)
				}
				return nil
			})
			if err != nil || n == 0 {
				t.Fatalf("%d docs: %v", n, err)
			}
		})
	}
}
