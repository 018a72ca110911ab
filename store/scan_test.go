package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"newsarchive/article"
)

// TestWithArchiveMatchesEncodingJSON pins the splice that export relies on:
// the stored JSON plus archive fields is byte for byte what encoding/json
// writes for the whole article.
func TestWithArchiveMatchesEncodingJSON(t *testing.T) {
	cases := []struct {
		name string
		arch article.Archive
	}{
		{"all fields", article.Archive{Version: 3, FetchedAt: "2024-09-05T10:00:00Z", ContentHash: "ab", FirstSeen: "2024-09-01T00:00:00Z", LastChecked: "2024-09-06T00:00:00Z", HTTPStatus: 200}},
		{"no status", article.Archive{Version: 1, FetchedAt: "2024-09-05T10:00:00Z", ContentHash: "ab"}},
		{"empty", article.Archive{}},
	}
	a := art("https://example.com/a", "T <b>&</b> \"q\"", "中文 text\u2028")
	a.HTML = "<p>x & y</p>"
	a.Views = 12
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := marshalArticle(a)
			if err != nil {
				t.Fatal(err)
			}
			full := *a
			full.Normalize()
			full.Archive = c.arch
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.Encode(&full)
			want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
			if got := withArchive(doc, c.arch, ""); !bytes.Equal(got, want) {
				t.Fatalf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// fill archives n articles on two hosts, each fetched an hour apart; every
// third gets a second version a day later.
func fill(t testing.TB, s *Store, n int) {
	t.Helper()
	var snaps []Snapshot
	for i := range n {
		host := "www.example.com"
		if i%2 == 1 {
			host = "news.example.cn"
		}
		key := fmt.Sprintf("https://%s/a/%03d", host, i)
		at := t0.Add(time.Duration(i) * time.Hour)
		snaps = append(snaps, snap(key, key, art(key, fmt.Sprintf("Title %d", i), "body"), fmt.Sprintf("<html>%d</html>", i), at))
		if i%3 == 0 {
			snaps = append(snaps, snap(key, key, art(key, fmt.Sprintf("Title %d", i), "body v2"), fmt.Sprintf("<html>%d v2</html>", i), at.Add(24*time.Hour)))
		}
	}
	if _, err := s.PutMany(context.Background(), snaps); err != nil {
		t.Fatal(err)
	}
}

func TestScan(t *testing.T) {
	s, _ := openTest(t, Options{})
	fill(t, s, 10) // versions: a/000,003,006,009 have 2
	cases := []struct {
		name string
		opts ScanOptions
		want []string // key#version
	}{
		{"latest in key order", ScanOptions{}, []string{
			"https://news.example.cn/a/001#1", "https://news.example.cn/a/003#2", "https://news.example.cn/a/005#1", "https://news.example.cn/a/007#1", "https://news.example.cn/a/009#2",
			"https://www.example.com/a/000#2", "https://www.example.com/a/002#1", "https://www.example.com/a/004#1", "https://www.example.com/a/006#2", "https://www.example.com/a/008#1"}},
		{"site", ScanOptions{Site: "example.cn"}, []string{
			"https://news.example.cn/a/001#1", "https://news.example.cn/a/003#2", "https://news.example.cn/a/005#1", "https://news.example.cn/a/007#1", "https://news.example.cn/a/009#2"}},
		{"site exact host, all versions", ScanOptions{Site: "www.example.com", AllVersions: true}, []string{
			"https://www.example.com/a/000#1", "https://www.example.com/a/000#2", "https://www.example.com/a/002#1", "https://www.example.com/a/004#1",
			"https://www.example.com/a/006#1", "https://www.example.com/a/006#2", "https://www.example.com/a/008#1"}},
		{"since: only newer versions, fetch order", ScanOptions{Since: t0.Add(8 * time.Hour), AllVersions: true}, []string{
			"https://www.example.com/a/008#1", "https://news.example.cn/a/009#1", "https://www.example.com/a/000#2", "https://news.example.cn/a/003#2",
			"https://www.example.com/a/006#2", "https://news.example.cn/a/009#2"}},
		{"since, latest only", ScanOptions{Since: t0.Add(8 * time.Hour)}, []string{
			"https://www.example.com/a/008#1", "https://www.example.com/a/000#2", "https://news.example.cn/a/003#2",
			"https://www.example.com/a/006#2", "https://news.example.cn/a/009#2"}},
		{"until is exclusive", ScanOptions{Until: t0.Add(2 * time.Hour), AllVersions: true}, []string{
			"https://www.example.com/a/000#1", "https://news.example.cn/a/001#1"}},
		{"nothing", ScanOptions{Site: "other.org"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			err := s.Scan(c.opts, func(a *article.Article) error {
				got = append(got, fmt.Sprintf("%s#%d", a.URL, a.Version))
				if a.ContentHash == "" || a.FirstSeen == "" || a.FetchedAt == "" {
					t.Errorf("archive fields missing: %+v", a.Archive)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got  %v\nwant %v", got, c.want)
			}
		})
	}
}

// TestScanLarge crosses chunk boundaries and lets the callback write.
func TestScanLarge(t *testing.T) {
	s, _ := openTest(t, Options{})
	fill(t, s, 3*chunkSize+7)
	n := 0
	err := s.List(func(sum Summary) error {
		n++
		if n%100 == 0 { // writing from the callback must not deadlock
			_, err := s.AddRun(Run{Job: "x"})
			return err
		}
		return nil
	})
	if err != nil || n != 3*chunkSize+7 {
		t.Fatalf("List saw %d, %v", n, err)
	}
	n = 0
	s.Scan(ScanOptions{AllVersions: true}, func(*article.Article) error { n++; return nil })
	if want := 3*chunkSize + 7 + (3*chunkSize+7+2)/3; n != want {
		t.Fatalf("Scan all versions saw %d, want %d", n, want)
	}
}

func TestGroupCommit(t *testing.T) {
	s, _ := openTest(t, Options{})
	before := s.w.commits.Load()
	var wg sync.WaitGroup
	const n = 64
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := fmt.Sprintf("https://example.com/%d", i)
			_, err := s.Put(context.Background(), snap(key, key, art(key, "t", "x"), "raw", t0))
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	c := s.w.commits.Load() - before
	t.Logf("%d concurrent puts in %d commits", n, c)
	if c >= n {
		t.Fatalf("%d puts took %d commits: no grouping", n, c)
	}
}

func TestPutInvalidDoesNotFailNeighbours(t *testing.T) {
	s, _ := openTest(t, Options{})
	cases := []struct {
		name string
		snap Snapshot
		ok   bool
	}{
		{"no article", Snapshot{Key: "https://example.com/x"}, false},
		{"bad key", Snapshot{Key: "ftp://x/y", Article: art("", "t", "x")}, false},
		{"key from URL", Snapshot{URL: "https://example.com/y", Article: art("", "t", "x")}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.Put(context.Background(), c.snap)
			if (err == nil) != c.ok {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

func TestKeepVersions(t *testing.T) {
	s, _ := openTest(t, Options{KeepVersions: 2})
	const key = "https://example.com/k"
	for i := range 5 {
		// raw body 0 is shared by versions 1 and 3
		raw := fmt.Sprintf("<html>%d</html>", i%2)
		if _, err := s.Put(context.Background(), snap(key, key, art(key, "t", fmt.Sprint("text ", i)), raw, t0.Add(time.Duration(i)*time.Hour))); err != nil {
			t.Fatal(err)
		}
	}
	h, _ := s.History(key)
	if len(h) != 2 || h[0].Version != 4 || h[1].Version != 5 {
		t.Fatalf("history after pruning = %+v", h)
	}
	l, _ := s.Latest(key)
	if l.Version != 5 || l.Text != "text 4" {
		t.Fatalf("latest = v%d %q", l.Version, l.Text)
	}
	if _, err := s.Version(key, 1); err == nil {
		t.Fatal("version 1 still there")
	}
	r, err := s.Verify(context.Background())
	if err != nil || !r.OK() {
		t.Fatalf("verify after pruning: %v %v", err, r.Problems)
	}
	if st, _ := s.Stats(); st.RawBodies != 2 {
		t.Fatalf("raw bodies = %d, want 2", st.RawBodies)
	}
	// Body 0 was compressed against version 1, then re-encoded against
	// 3 and 5 as they were pruned: it must still read back.
	for n, want := range map[int]string{4: "<html>1</html>", 5: "<html>0</html>"} {
		if raw, err := s.Raw(key, n); err != nil || string(raw) != want {
			t.Fatalf("Raw(%d) = %q, %v", n, raw, err)
		}
	}
}

func TestCloseTwiceAndUseAfterClose(t *testing.T) {
	s, _ := openTest(t, Options{})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	_, err := s.Put(context.Background(), snap("https://example.com/a", "", art("", "t", "x"), "", t0))
	if !errors.Is(err, ErrClosed) {
		t.Fatalf("Put after Close: %v", err)
	}
}

func TestRuns(t *testing.T) {
	s, _ := openTest(t, Options{})
	for i, job := range []string{"a", "b", "a"} {
		if id, err := s.AddRun(Run{Job: job, Pages: i, Started: t0}); err != nil || id != uint64(i+1) {
			t.Fatalf("AddRun = %d, %v", id, err)
		}
	}
	cases := []struct {
		name  string
		job   string
		limit int
		want  []uint64
	}{
		{"all", "", 0, []uint64{3, 2, 1}},
		{"job", "a", 0, []uint64{3, 1}},
		{"limit", "", 2, []uint64{3, 2}},
		{"unknown job", "z", 0, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			runs, err := s.Runs(c.job, c.limit)
			if err != nil {
				t.Fatal(err)
			}
			var ids []uint64
			for _, r := range runs {
				ids = append(ids, r.ID)
			}
			if !reflect.DeepEqual(ids, c.want) {
				t.Fatalf("ids = %v, want %v", ids, c.want)
			}
		})
	}
}

func TestPruneWhenLowered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	const key = "https://example.com/p"
	for i := range 5 {
		if _, err := s.Put(context.Background(), snap(key, key, art(key, "t", fmt.Sprint("text ", i)), fmt.Sprint("raw", i), t0.Add(time.Duration(i)*time.Hour))); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	cases := []struct {
		name string
		keep int
		want []int
	}{
		{"keep all", 0, []int{1, 2, 3, 4, 5}},
		{"lowered to 3", 3, []int{3, 4, 5}},
		{"raised again prunes nothing more", 4, []int{3, 4, 5}},
		{"lowered to 1 keeps the latest", 1, []int{5}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := Open(path, Options{KeepVersions: c.keep})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			h, _ := s.History(key)
			var got []int
			for _, v := range h {
				got = append(got, v.Version)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("versions %v, want %v", got, c.want)
			}
			if r, err := s.Verify(context.Background()); err != nil || !r.OK() {
				t.Fatalf("verify: %v %v", err, r.Problems)
			}
		})
	}
}
