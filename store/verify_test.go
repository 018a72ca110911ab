package store

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
	"newsarchive/frontier"
)

func TestVerifyCatches(t *testing.T) {
	const key = "https://www.example.com/a/000"
	cases := []struct {
		name   string
		break_ func(tx *bolt.Tx) error
		want   string
	}{
		{"intact", func(*bolt.Tx) error { return nil }, ""},
		{"time-index entry deleted", func(tx *bolt.Tx) error {
			return deleteFirst(tx, bTime)
		}, "missing from the time index"},
		{"stray time-index entry", func(tx *bolt.Tx) error {
			return tx.Bucket(bTime).Put(timeKey(t0.Unix(), 999), present)
		}, "version id 999 at"},
		{"version index entry deleted", func(tx *bolt.Tx) error {
			return tx.Bucket(bVIndex).Delete(versionKey(key, 1))
		}, "missing from the version index"},
		{"sha index entry deleted", func(tx *bolt.Tx) error {
			return deleteFirst(tx, bRawSHA)
		}, "missing from the SHA-256 index"},
		{"alias to nowhere", func(tx *bolt.Tx) error {
			return tx.Bucket(bAliases).Put([]byte("https://x.org/"), []byte("https://x.org/gone"))
		}, "not archived"},
		{"raw body deleted", func(tx *bolt.Tx) error {
			return deleteFirst(tx, bRaw)
		}, "raw body"},
		{"raw reference deleted", func(tx *bolt.Tx) error {
			return deleteFirst(tx, bRawRefs)
		}, "raw reference missing"},
		{"latest version deleted", func(tx *bolt.Tx) error {
			return tx.Bucket(bVIndex).Delete(versionKey(key, 2))
		}, "latest version is 1, record says 2"},
		{"version record deleted", func(tx *bolt.Tx) error {
			return tx.Bucket(bVersions).Delete(tx.Bucket(bVIndex).Get(versionKey(key, 1)))
		}, "record missing"},
		{"article record lost", func(tx *bolt.Tx) error {
			return tx.Bucket(bMeta).Delete([]byte(key))
		}, "no article record"},
		{"content hash tampered", func(tx *bolt.Tx) error {
			b := tx.Bucket(bVersions)
			vid := append([]byte{}, tx.Bucket(bVIndex).Get(versionKey(key, 1))...)
			v := append([]byte{}, b.Get(vid)...)
			v[11] ^= 0xff
			return b.Put(vid, v)
		}, "does not match its article"},
		{"crawl counter off", func(tx *bolt.Tx) error {
			jb := tx.Bucket(bCrawl).Bucket([]byte("job"))
			return addCount(jb, "queued", 5)
		}, "counter says"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := openTest(t, Options{})
			fill(t, s, 4)
			cs := s.Crawl("job")
			cs.BeginRun(false)
			cs.Push(reqs("https://a/1", "https://a/2"))
			if err := s.update(c.break_); err != nil {
				t.Fatal(err)
			}
			r, err := s.Verify(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if c.want == "" {
				if !r.OK() {
					t.Fatalf("intact archive reported: %v", r.Problems)
				}
				return
			}
			if r.OK() {
				t.Fatal("verify found nothing")
			}
			if !strings.Contains(strings.Join(r.Problems, "\n"), c.want) {
				t.Fatalf("problems %q do not mention %q", r.Problems, c.want)
			}
		})
	}
}

func deleteFirst(tx *bolt.Tx, name []byte) error {
	k, _ := tx.Bucket(name).Cursor().First()
	return tx.Bucket(name).Delete(append([]byte{}, k...))
}

// The writer subprocess: TestMain runs writerMain instead of the tests when
// NEWSARCHIVE_STORE_WRITER names an archive, so the test can kill -9 a real
// process in the middle of its writes.
const writerEnv = "NEWSARCHIVE_STORE_WRITER"

func TestMain(m *testing.M) {
	if path := os.Getenv(writerEnv); path != "" {
		writerMain(path)
		return
	}
	os.Exit(m.Run())
}

// writerMain puts articles and crawl state as fast as it can, forever,
// printing "ready" after its first commit.
func writerMain(path string) {
	s, err := Open(path, Options{LockTimeout: 5 * time.Second, KeepVersions: 3})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(2)
	}
	ctx := context.Background()
	cs := s.Crawl("job")
	cs.BeginRun(false)
	for i := 0; ; i++ {
		var snaps []Snapshot
		for j := range 50 {
			key := fmt.Sprintf("https://example.com/%d", j+i%7*50)
			a := &article.Article{URL: key, Title: fmt.Sprint("t", j), Text: strings.Repeat(fmt.Sprintf("word%d ", i), 400)}
			snaps = append(snaps, Snapshot{Key: key, URL: key + "?p=1", Article: a, Raw: []byte(strings.Repeat("<p>x</p>", 500) + fmt.Sprint(i, j)), Status: 200, FetchedAt: time.Now()})
		}
		if _, err := s.PutMany(ctx, snaps); err != nil {
			fmt.Println("put:", err)
			os.Exit(2)
		}
		var rs []frontier.Request
		for j := range 100 {
			rs = append(rs, frontier.Request{URL: fmt.Sprintf("https://h%d.example.com/q/%d/%d", j%7, i, j)})
		}
		cs.Push(rs)
		now := time.Now()
		got, _, _ := cs.Claim(now, 30, frontier.Policy{PerHost: 4})
		for k, r := range got {
			cs.Release(r.Host(), now)
			if k%5 == 4 {
				cs.Retry(r, now)
			} else {
				cs.Done(r)
			}
		}
		if i == 0 {
			fmt.Println("ready")
		}
	}
}

func TestKilledWriterLeavesVerifiableStore(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a subprocess")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, after := range []time.Duration{50 * time.Millisecond, 300 * time.Millisecond, 700 * time.Millisecond} {
		t.Run(after.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "killed.db")
			cmd := exec.Command(exe, "-test.run=^$")
			cmd.Env = append(os.Environ(), writerEnv+"="+path)
			startUntilReady(t, cmd)
			time.Sleep(after)
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()
			s, err := Open(path, Options{LockTimeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			r, err := s.Verify(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if !r.OK() || r.Articles == 0 {
				t.Fatalf("after kill -9: %d articles, problems %v", r.Articles, r.Problems)
			}
			t.Logf("killed after %s: %d articles, %d versions verified", after, r.Articles, r.Versions)
			if resumed, err := s.Crawl("job").BeginRun(false); err != nil || !resumed {
				t.Fatalf("killed run not resumable: %v %v", resumed, err)
			}
		})
	}
}
