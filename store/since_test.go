package store

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// TestVersionsAfter: ids grow in archive order, VersionsAfter yields the
// versions after a watermark in that order with the latest flag as it is
// now, and LastVersionID is the last id.
func TestVersionsAfter(t *testing.T) {
	s, _ := openTest(t, Options{})
	ctx := context.Background()
	if id, err := s.LastVersionID(); err != nil || id != 0 {
		t.Fatalf("empty archive: LastVersionID = %d, %v", id, err)
	}
	puts := []struct{ key, text string }{
		{"http://a.example/1", "one"}, {"http://a.example/2", "two"},
		{"http://a.example/1", "one, edited"}, {"http://a.example/3", "three"},
	}
	for i, p := range puts {
		if _, err := s.Put(ctx, snap(p.key, p.key, art(p.key, "T", p.text), "<p>"+p.text, t0.Add(time.Duration(i)*time.Minute))); err != nil {
			t.Fatal(err)
		}
	}
	last, err := s.LastVersionID()
	if err != nil || last != 4 {
		t.Fatalf("LastVersionID = %d, %v; want 4", last, err)
	}
	cases := []struct {
		after uint64
		want  []string // key@version latest?
	}{
		{0, []string{"http://a.example/1@1 false", "http://a.example/2@1 true", "http://a.example/1@2 true", "http://a.example/3@1 true"}},
		{2, []string{"http://a.example/1@2 true", "http://a.example/3@1 true"}},
		{4, nil},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint("after ", c.after), func(t *testing.T) {
			var got []string
			prev := c.after
			err := s.VersionsAfter(c.after, func(d Doc) error {
				if d.ID <= prev {
					t.Errorf("id %d after %d: not increasing", d.ID, prev)
				}
				prev = d.ID
				got = append(got, fmt.Sprintf("%s@%d %v", d.Key, d.Version, d.Latest))
				return nil
			})
			if err != nil || !slices.Equal(got, c.want) {
				t.Errorf("got %v, %v; want %v", got, err, c.want)
			}
		})
	}
}
