package cli

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
	"newsarchive/store"
	"newsarchive/store/storetest"
)

// childCLI runs the command line in a child process (the test binary's
// TestHelperCrawlProcess), so that a crash is an exit code and a stack
// trace here rather than the end of the test binary.
func childCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCrawlProcess$")
	cmd.Env = append(os.Environ(), "NEWSARCHIVE_HELPER_ARGS="+strings.Join(args, "\x1f"))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return out.String(), errb.String(), cmd.ProcessState.ExitCode()
}

// crashed reports a Go crash (panic, fault) in a child's stderr.
func crashed(stderr string) bool {
	return strings.Contains(stderr, "panic:") || strings.Contains(stderr, "fatal error") || strings.Contains(stderr, "goroutine ")
}

const synthKey = "https://www.example.com/news/2024/000001.html"

// damagedSeed writes the config of site s's job and, beside it, an archive
// of 40 synthetic articles (about 30 KB of raw HTML each, so the file is
// over 300 KB; 4 with two versions) and a run, made with the store API.
func damagedSeed(t *testing.T, s *newsSite) (cfg, db string) {
	t.Helper()
	dir := t.TempDir()
	cfg = writeConfig(t, dir, s, "")
	db = filepath.Join(dir, "archive.db")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// In batches, as a crawl commits: the file then holds the first
	// articles near its start.
	for i := range 40 {
		snaps := []store.Snapshot{storetest.Snapshot(i, 0)}
		if i < 4 {
			snaps = append(snaps, storetest.Snapshot(i, 1))
		}
		if _, err := st.PutMany(context.Background(), snaps); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.AddRun(store.Run{Job: "news", Started: archT0, Ended: archT0.Add(time.Minute), Pages: 44, New: 40}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(db); fi.Size() < 300<<10 {
		t.Fatalf("seed archive is only %d bytes", fi.Size())
	}
	return cfg, db
}

// overwrite writes n random bytes (seeded) at off.
func overwrite(t *testing.T, path string, off int64, n int, seed int64) {
	t.Helper()
	b := make([]byte, n)
	rand.New(rand.NewSource(seed)).Read(b)
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

// livePage returns the offset of the first page of the archive's trees at
// or after frac of its pages that is in use, not free: damage there is
// damage to the archive (where the writer put what varies from run to run).
func livePage(t *testing.T, path string, frac float64) int64 {
	t.Helper()
	db, err := bolt.Open(path, 0o644, &bolt.Options{ReadOnly: true, PreLoadFreelist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	off := int64(-1)
	db.View(func(tx *bolt.Tx) error {
		ps := int64(db.Info().PageSize)
		hwm := tx.Size() / ps
		for id := int64(float64(hwm) * frac); id < hwm; id++ {
			info, err := tx.Page(int(id))
			if err != nil || info == nil || (info.Type != "leaf" && info.Type != "branch") {
				continue
			}
			var hdr [8]byte
			if f.ReadAt(hdr[:], id*ps); binary.LittleEndian.Uint64(hdr[:]) == uint64(id) {
				off = id * ps
				return nil
			}
		}
		return nil
	})
	if off < 0 {
		t.Fatal("no page in use")
	}
	return off
}

var damages = []struct {
	name   string
	damage func(t *testing.T, path string)
}{
	{"truncated to 100 KB", func(t *testing.T, p string) {
		if err := os.Truncate(p, 100<<10); err != nil {
			t.Fatal(err)
		}
	}},
	{"8 KB of random bytes mid-file", func(t *testing.T, p string) { overwrite(t, p, livePage(t, p, 0.5), 8<<10, 1) }},
	{"8 KB of random bytes at a quarter", func(t *testing.T, p string) { overwrite(t, p, livePage(t, p, 0.25), 8<<10, 2) }},
	{"8 KB of random bytes at three quarters", func(t *testing.T, p string) { overwrite(t, p, livePage(t, p, 0.75), 8<<10, 3) }},
}

// TestDamagedArchive: on a damaged archive verify reports the damage and
// exits 1; every other command either does not meet the damage or stops
// with the one damaged-archive line, never a crash; and no command writes
// into the file.
func TestDamagedArchive(t *testing.T) {
	site := newNewsSite(t, 2)
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			cfg, db := damagedSeed(t, site)
			d.damage(t, db)
			sum := fileSum(t, db)
			wantLine := "newsarchive: " + db + ": the archive is damaged: run `newsarchive verify`, restore from a backup\n"

			out, errOut, code := childCLI(t, "--config", cfg, "verify")
			if code != 1 || crashed(errOut) || !strings.Contains(out, "problem: ") || !strings.Contains(errOut, "the archive file is damaged") {
				t.Fatalf("verify: exit %d\nstdout:\n%s\nstderr:\n%.2000s", code, out, errOut)
			}
			reads := [][]string{{"stats"}, {"list"}, {"runs"}, {"export"}, {"export", "--all-versions"},
				{"show", synthKey}, {"history", synthKey}, {"diff", synthKey}, {"backup", "--out", filepath.Join(t.TempDir(), "b.db")}}
			writes := [][]string{{"fetch", site.URL + "/news/1"}, {"crawl", "--job", "news"}}
			met := 0
			for _, args := range append(reads, writes...) {
				_, errOut, code := childCLI(t, append([]string{"--config", cfg}, args...)...)
				isWrite := args[0] == "fetch" || args[0] == "crawl"
				switch {
				case crashed(errOut):
					t.Fatalf("%v crashed (exit %d):\n%.2000s", args, code, errOut)
				case code == 0 && !isWrite && !strings.HasPrefix(d.name, "truncated"):
					// This read did not meet the damaged pages.
				case code != wantExit(args) || trimSummary(args, errOut) != wantLine:
					t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", args, code, errOut, wantExit(args), wantLine)
				default:
					met++
				}
			}
			t.Logf("%d of %d commands met the damage", met, len(reads)+len(writes))
			if fileSum(t, db) != sum {
				t.Fatal("a command wrote into the damaged archive")
			}
		})
	}
}

var savedRE = regexp.MustCompile(`saved: (\d+) articles, (\d+) versions, (\d+) raw captures`)

// TestSalvage: salvage copies what is readable out of each damaged archive
// into a new one that verifies, every version in it exactly as it was
// archived; of an undamaged archive it copies everything, provenance
// included.
func TestSalvage(t *testing.T) {
	site := newNewsSite(t, 2)
	cases := append([]struct {
		name   string
		damage func(t *testing.T, path string)
	}{{"undamaged", func(*testing.T, string) {}}}, damages...)
	for _, d := range cases {
		t.Run(d.name, func(t *testing.T) {
			cfg, db := damagedSeed(t, site)
			orig, _, _ := archCLI(t, cfg, "export", "--format", "jsonl", "--all-versions", "--provenance")
			want := map[string]article.Article{}
			for _, line := range strings.Split(strings.TrimSpace(orig), "\n") {
				var a article.Article
				json.Unmarshal([]byte(line), &a)
				want[a.URL+"#"+strconv.Itoa(a.Version)] = a
			}
			origRaw, _, _ := archCLI(t, cfg, "show", synthKey, "--version", "1", "--raw")
			d.damage(t, db)

			dst := filepath.Join(t.TempDir(), "new.db")
			out, errOut, code := childCLI(t, "--config", cfg, "salvage", "--out", dst)
			m := savedRE.FindStringSubmatch(out)
			if code != 0 || m == nil {
				t.Fatalf("salvage: exit %d\n%s\n%.2000s", code, out, errOut)
			}
			t.Logf("\n%s", out)
			arts, _ := strconv.Atoi(m[1])
			vers, _ := strconv.Atoi(m[2])
			if arts == 0 || vers < arts || vers > len(want) {
				t.Fatalf("saved %d articles, %d versions of %d", arts, vers, len(want))
			}
			if vout, _, code := archCLI(t, cfg, "--db", dst, "verify"); code != 0 {
				t.Fatalf("the salvaged archive does not verify:\n%s", vout)
			}
			got, _, _ := archCLI(t, cfg, "--db", dst, "export", "--format", "jsonl", "--all-versions", "--provenance")
			lines := strings.Split(strings.TrimSpace(got), "\n")
			if len(lines) != vers {
				t.Fatalf("salvage says %d versions, the new archive exports %d", vers, len(lines))
			}
			for _, line := range lines {
				var a article.Article
				json.Unmarshal([]byte(line), &a)
				w, ok := want[a.URL+"#"+strconv.Itoa(a.Version)]
				if !ok || a.ContentHash != w.ContentHash || a.FetchedAt != w.FetchedAt || a.Text != w.Text || a.Title != w.Title || a.HTTPStatus != w.HTTPStatus {
					t.Fatalf("salvaged version differs from the archived one:\n%.300s", line)
				}
			}
			if d.name == "undamaged" {
				if got != orig {
					t.Fatal("salvage of an undamaged archive exports differently")
				}
				if !strings.Contains(out, "lost:  0 articles, 0 versions, 0 raw captures, 0 aliases, 0 runs\n") {
					t.Fatalf("an undamaged archive lost something:\n%s", out)
				}
				if raw, _, _ := archCLI(t, cfg, "--db", dst, "show", synthKey, "--version", "1", "--raw"); raw != origRaw {
					t.Fatal("raw capture differs after salvage")
				}
			}
			if runs, _, _ := archCLI(t, cfg, "--db", dst, "runs"); d.name == "undamaged" && !strings.Contains(runs, "news") {
				t.Fatalf("runs not salvaged:\n%s", runs)
			}
		})
	}
}

func TestSalvageRefuses(t *testing.T) {
	site := newNewsSite(t, 1)
	cfg, db := damagedSeed(t, site)
	exists := filepath.Join(t.TempDir(), "exists.db")
	os.WriteFile(exists, []byte("x"), 0o644)
	cases := []struct {
		name, out, want string
	}{
		{"no --out", "", "--out NEW.db is required"},
		{"stdout", "-", "--out NEW.db is required"},
		{"the archive", db, "refusing to write over it"},
		{"an existing file", exists, "exists"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"salvage"}
			if c.out != "" {
				args = append(args, "--out", c.out)
			}
			_, errOut, code := archCLI(t, cfg, args...)
			if code != 1 || !strings.Contains(errOut, c.want) {
				t.Fatalf("exit %d, %q; want %q", code, errOut, c.want)
			}
		})
	}
	if b, _ := os.ReadFile(exists); string(b) != "x" {
		t.Fatal("salvage wrote over an existing file")
	}
}

// TestNotAnArchive: an empty file or a file that is not an archive gets a
// message saying so from every command, and no command turns it into an
// archive.
func TestNotAnArchive(t *testing.T) {
	site := newNewsSite(t, 1)
	foreign := func(t *testing.T, p string) {
		db, err := bolt.Open(p, 0o644, nil)
		if err != nil {
			t.Fatal(err)
		}
		db.Update(func(tx *bolt.Tx) error {
			b, err := tx.CreateBucket([]byte("settings"))
			if err != nil {
				return err
			}
			return b.Put([]byte("k"), []byte("v"))
		})
		db.Close()
	}
	files := []struct {
		name string
		make func(t *testing.T, p string)
		want string
	}{
		{"empty file", func(t *testing.T, p string) { os.WriteFile(p, nil, 0o644) }, "archive.db: empty archive file"},
		{"short text file", func(t *testing.T, p string) { os.WriteFile(p, []byte("hello\n"), 0o644) }, "not a newsarchive archive: "},
		{"long text file", func(t *testing.T, p string) {
			os.WriteFile(p, bytes.Repeat([]byte("not an archive at all\n"), 2000), 0o644)
		}, "not a newsarchive archive: "},
		{"another program's bbolt file", foreign, "not a newsarchive archive"},
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := writeConfig(t, dir, site, "")
			db := filepath.Join(dir, "archive.db")
			f.make(t, db)
			sum := fileSum(t, db)
			for _, args := range [][]string{{"list"}, {"stats"}, {"verify"}, {"export"}, {"show", synthKey}, {"runs"},
				{"backup", "--out", filepath.Join(dir, "b.db")}, {"fetch", site.URL + "/news/1"}, {"crawl", "--job", "news"}} {
				_, errOut, code := childCLI(t, append([]string{"--config", cfg}, args...)...)
				if code != wantExit(args) || !strings.Contains(errOut, f.want) || strings.Count(trimSummary(args, errOut), "\n") != 1 {
					t.Errorf("%v: exit %d, stderr %q; want %q", args, code, errOut, f.want)
				}
			}
			if fileSum(t, db) != sum {
				t.Fatal("the file was changed")
			}
		})
	}
}

// wantExit is the exit status of a command refused a damaged or foreign
// archive file: 4 (the archive could not be written) for the commands that
// write, 1 for the others.
func wantExit(args []string) int {
	if args[0] == "fetch" || args[0] == "crawl" {
		return ExitArchive
	}
	return ExitFailure
}

// trimSummary drops the summary line crawl prints whatever the outcome.
func trimSummary(args []string, errOut string) string {
	if args[0] != "crawl" {
		return errOut
	}
	if !summaryLine.MatchString(errOut) {
		return "no summary line: " + errOut
	}
	_, rest, _ := strings.Cut(errOut, "\n")
	return rest
}
