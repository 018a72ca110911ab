package store

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// layout2Fixture is an archive written in layout 2 by the newsarchive of
// that time (see testdata/layout2/README.md).
const layout2Fixture = "../testdata/layout2/archive.db"

// copyLayout2 copies the fixture to a temporary file and returns its path.
func copyLayout2(t *testing.T) string {
	t.Helper()
	src, err := os.Open(layout2Fixture)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(t.TempDir(), "archive.db")
	dst, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// dumpBuckets reads every key and value of every bucket (nested ones as
// "outer/inner") straight from the bbolt file.
func dumpBuckets(t *testing.T, path string) map[string]map[string]string {
	t.Helper()
	db, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]map[string]string{}
	var walk func(name string, b *bolt.Bucket)
	walk = func(name string, b *bolt.Bucket) {
		m := map[string]string{}
		out[name] = m
		b.ForEach(func(k, v []byte) error {
			if v == nil {
				walk(name+"/"+string(k), b.Bucket(k))
				return nil
			}
			m[string(k)] = string(v)
			return nil
		})
	}
	db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			walk(string(name), b)
			return nil
		})
	})
	return out
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestOpenOldLayoutSaysMigrate: Open never reads or upgrades a layout-2
// archive; it says to run migrate, and leaves the file as it was.
func TestOpenOldLayoutSaysMigrate(t *testing.T) {
	path := copyLayout2(t)
	before := fileSum(t, path)
	for _, ro := range []bool{false, true} {
		_, err := Open(path, Options{ReadOnly: ro})
		if !errors.Is(err, ErrSchema) || !errors.Is(err, ErrNeedsMigration) || !strings.Contains(err.Error(), "newsarchive migrate") {
			t.Errorf("ReadOnly=%v: err = %v, want one that says to run newsarchive migrate", ro, err)
		}
	}
	if fileSum(t, path) != before {
		t.Error("Open changed the layout-2 file")
	}
}

// TestMigrateLayout2 migrates the checked-in layout-2 archive: every entry
// of every old bucket is kept byte for byte, the archive verifies, every raw
// capture still decodes, and it exports exactly what it exported before.
func TestMigrateLayout2(t *testing.T) {
	path := copyLayout2(t)
	before := dumpBuckets(t, path)
	res, err := Migrate(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.From != "2" || res.To != "3" || !res.Migrated() {
		t.Fatalf("migrate: %+v", res)
	}
	after := dumpBuckets(t, path)
	for name, kv := range before {
		if name == string(bInfo) {
			continue
		}
		got := after[name]
		if len(got) != len(kv) {
			t.Errorf("bucket %s: %d entries, had %d", name, len(got), len(kv))
		}
		for k, v := range kv {
			if got[k] != v {
				t.Errorf("bucket %s: entry %q changed", name, k)
			}
		}
	}
	for _, name := range []string{"versions", "raw", "aliases", "bytime", "runs", "crawl/zh/inflight", "crawl/news/valid", "crawl/news/cookies"} {
		if len(before[name]) == 0 {
			t.Errorf("the fixture has no %s entries to keep", name)
		}
	}
	if after["info"]["schema"] != "3" || len(after["prov"]) != 0 || len(after["original"]) != 0 {
		t.Errorf("info %v, prov %d, original %d", after["info"], len(after["prov"]), len(after["original"]))
	}

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, err := s.Verify(context.Background())
	if err != nil || !r.OK() {
		t.Fatalf("verify after migrate: %v %v", err, r.Problems)
	}
	if r.Articles != 11 || r.Versions != 13 || r.RawBodies != 12 {
		t.Errorf("verified %d articles, %d versions, %d raw bodies; the fixture has 11, 13, 12", r.Articles, r.Versions, r.RawBodies)
	}
	var got bytes.Buffer
	if err := s.ScanJSON(ScanOptions{AllVersions: true, WithKey: true}, func(d Doc) error {
		got.Write(d.JSON)
		got.WriteByte('\n')
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../testdata/layout2/export.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("export after migrate differs from the layout-2 export:\n%s\nwant\n%s", got.String(), want)
	}
	h, err := s.History("http://news.fixture.test/news/1")
	if err != nil || len(h) != 2 || h[0].Version != 2 || h[0].Provenance.Fetch != nil || h[0].Provenance.Extraction.Extractor != "" {
		t.Errorf("history of a migrated article: %+v %v", h, err)
	}
	s.Close()
	if res, err := Migrate(path, Options{}); err != nil || res.Migrated() {
		t.Errorf("second migrate: %+v %v", res, err)
	}
}

// migrateHelperEnv names an archive for TestMigrateHelper to migrate; it
// stops inside the migration's transaction, once everything is written,
// and waits to be killed.
const migrateHelperEnv = "NEWSARCHIVE_STORE_MIGRATE"

func TestMigrateHelper(t *testing.T) {
	path := os.Getenv(migrateHelperEnv)
	if path == "" {
		t.Skip("helper process only")
	}
	Migrate(path, Options{beforeCommit: func() {
		fmt.Println("ready")
		time.Sleep(time.Minute)
	}})
	os.Exit(3)
}

// TestMigrateKilled: a migration killed with SIGKILL leaves the old
// archive, which migrates afterwards.
func TestMigrateKilled(t *testing.T) {
	path := copyLayout2(t)
	before := dumpBuckets(t, path)
	cmd := exec.Command(os.Args[0], "-test.run=^TestMigrateHelper$")
	cmd.Env = append(os.Environ(), migrateHelperEnv+"="+path)
	startUntilReady(t, cmd)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrNeedsMigration) {
		t.Fatalf("after a killed migration: %v, want the old layout", err)
	}
	after := dumpBuckets(t, path)
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Error("a killed migration changed the archive")
	}
	if _, err := Migrate(path, Options{}); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r, err := s.Verify(context.Background()); err != nil || !r.OK() {
		t.Fatalf("verify: %v %v", err, r.Problems)
	}
}

// startUntilReady starts a helper process and waits for it to print
// "ready".
func startUntilReady(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "ready" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper said %q", line)
	}
}
