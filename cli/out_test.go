package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"newsarchive/article"
)

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestOutRefusesTheArchive: export and backup --out never write over the
// archive or one of its own files, however the path is spelled.
func TestOutRefusesTheArchive(t *testing.T) {
	cfg, db := archSeed(t)
	dir := filepath.Dir(db)
	sum := fileSum(t, db)
	if err := os.Mkdir(db+".index", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(db, filepath.Join(dir, "link.db")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(db, filepath.Join(dir, "hard.db")); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	if err := os.Symlink(dir, filepath.Join(other, "d")); err != nil {
		t.Fatal(err)
	}
	paths := []struct{ name, out string }{
		{"the archive", db},
		{"the archive, relative to the config", "archive.db"},
		{"through ..", filepath.Join(dir, "x", "..", "archive.db")},
		{"a symlink to it", filepath.Join(dir, "link.db")},
		{"a hard link to it", filepath.Join(dir, "hard.db")},
		{"through a symlinked folder", filepath.Join(other, "d", "archive.db")},
		{"its lock file", db + ".lock"},
		{"its discovery file", db + ".serve"},
		{"a file in its index folder", filepath.Join(db+".index", "x.json")},
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
	for _, cmd := range []string{"export", "backup"} {
		for _, p := range paths {
			t.Run(cmd+" to "+p.name, func(t *testing.T) {
				_, errOut, code := archCLI(t, cfg, cmd, "--out", p.out)
				if code != 1 || !strings.Contains(errOut, "refusing to write over it") {
					t.Fatalf("exit %d, stderr %q", code, errOut)
				}
				if fileSum(t, db) != sum {
					t.Fatal("the archive was changed")
				}
				for _, own := range []string{db + ".lock", db + ".serve", filepath.Join(db+".index", "x.json")} {
					if _, err := os.Lstat(own); err == nil {
						t.Fatalf("%s was written", own)
					}
				}
			})
		}
	}
	if out, _, code := archCLI(t, cfg, "verify"); code != 0 {
		t.Fatalf("archive after the refusals: %s", out)
	}
}

// TestOutSpecialFiles: - is stdout, a FIFO or device is written in place
// (never replaced by a regular file), a symlink keeps pointing where it
// did and its target gets the output.
func TestOutSpecialFiles(t *testing.T) {
	cfg, _ := archSeed(t)
	dir := t.TempDir()
	wantExport := func(t *testing.T, b []byte) {
		t.Helper()
		var arts []article.Article
		if err := json.Unmarshal(b, &arts); err != nil || len(arts) != 2 {
			t.Fatalf("export: %d articles, %v: %.200q", len(arts), err, b)
		}
	}
	for _, cmd := range []string{"export", "backup"} {
		t.Run(cmd+" to -", func(t *testing.T) {
			wd, _ := os.Getwd()
			os.Chdir(dir)
			defer os.Chdir(wd)
			out, errOut, code := archCLI(t, cfg, cmd, "--out", "-")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if _, err := os.Lstat(filepath.Join(dir, "-")); err == nil {
				t.Fatal("wrote a file named -")
			}
			if cmd == "export" {
				wantExport(t, []byte(out))
			} else if len(out) < 64 || !bytes.Contains([]byte(out[:64]), []byte{0xed, 0xda, 0x0c, 0xed}) { // bbolt's magic
				t.Fatalf("stdout is not a bbolt file: %.64q (stderr %q)", out, errOut)
			}
		})
	}
	t.Run("export to a FIFO", func(t *testing.T) {
		fifo := filepath.Join(dir, "fifo")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skip(err)
		}
		got := make(chan []byte)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- nil
				return
			}
			b, _ := io.ReadAll(f)
			f.Close()
			got <- b
		}()
		if _, errOut, code := archCLI(t, cfg, "export", "--out", fifo); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
			t.Fatalf("the FIFO was replaced: %v %v", fi.Mode(), err)
		}
		select {
		case b := <-got:
			wantExport(t, b)
		case <-time.After(10 * time.Second):
			t.Fatal("nothing was written to the FIFO")
		}
	})
	t.Run("export to a device", func(t *testing.T) {
		dev := filepath.Join(dir, "null")
		// A copy of /dev/null (character device 1:3); only root may make one.
		if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
			t.Skip(err)
		}
		if _, errOut, code := archCLI(t, cfg, "export", "--out", dev); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if fi, err := os.Lstat(dev); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("the device was replaced: %v %v", fi.Mode(), err)
		}
	})
	t.Run("export through a symlink", func(t *testing.T) {
		targetDir := t.TempDir()
		target := filepath.Join(targetDir, "articles.json")
		if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(dir, "articles.json")
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		if _, errOut, code := archCLI(t, cfg, "export", "--out", link); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("the symlink was replaced: %v", err)
		}
		b, _ := os.ReadFile(target)
		wantExport(t, b)
		if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o600 {
			t.Errorf("target mode %v, want its own 0600", fi.Mode().Perm())
		}
		if left, _ := filepath.Glob(filepath.Join(targetDir, tempPrefix+"*")); len(left) > 0 {
			t.Errorf("temporary files left: %v", left)
		}
	})
	t.Run("export through a dangling symlink", func(t *testing.T) {
		target := filepath.Join(t.TempDir(), "new.json")
		link := filepath.Join(dir, "dangling.json")
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		if _, errOut, code := archCLI(t, cfg, "export", "--out", link); code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("the symlink was replaced: %v", err)
		}
		b, _ := os.ReadFile(target)
		wantExport(t, b)
	})
}

// TestOutSweepsStaleTemps: a temporary file that a killed export or backup
// left (old, locked by nobody) is removed by the next run in that folder;
// one being written (locked) or just made is not.
func TestOutSweepsStaleTemps(t *testing.T) {
	cfg, _ := archSeed(t)
	for _, cmd := range []string{"export", "backup"} {
		t.Run(cmd, func(t *testing.T) {
			dir := t.TempDir()
			mk := func(name string, age time.Duration) string {
				p := filepath.Join(dir, name)
				if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
					t.Fatal(err)
				}
				at := time.Now().Add(-age)
				os.Chtimes(p, at, at)
				return p
			}
			killed := mk(tempPrefix+"111", 2*time.Hour)
			fresh := mk(tempPrefix+"222", 0)
			live := mk(tempPrefix+"333", 2*time.Hour)
			other := mk("keep-me.json", 2*time.Hour)
			f, err := os.Open(live)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := lockTemp(f); err != nil {
				t.Fatal(err)
			}
			if _, errOut, code := archCLI(t, cfg, cmd, "--out", filepath.Join(dir, "out")); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if _, err := os.Stat(killed); err == nil {
				t.Error("the killed run's temporary file is still there")
			}
			for _, p := range []string{fresh, live, other} {
				if _, err := os.Stat(p); err != nil {
					t.Errorf("%s was removed", filepath.Base(p))
				}
			}
		})
	}
}
