package store_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"testing"

	. "newsarchive/store"
	"newsarchive/store/storetest"
)

const pageSize = 2048

// damageSeed writes an archive of n synthetic articles (the first two in
// two versions) in one commit each, and a run, and returns its bytes.
func damageSeed(t testing.TB, n int) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "seed.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		snaps := []Snapshot{storetest.Snapshot(i, 0)}
		if i < 2 {
			snaps = append(snaps, storetest.Snapshot(i, 1))
		}
		if _, err := s.PutMany(context.Background(), snaps); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddRun(Run{Job: "news", Started: storetest.Epoch, Ended: storetest.Epoch}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestOpenChecksTheFile(t *testing.T) {
	seed := damageSeed(t, 8)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	os.WriteFile(good, seed, 0o644)
	pages := TreePages(t, good)
	cases := []struct {
		name     string
		damage   func([]byte) []byte
		readOnly error // Open with ReadOnly
		writing  error // Open for writing
	}{
		{"undamaged", func(b []byte) []byte { return b }, nil, nil},
		{"empty", func([]byte) []byte { return nil }, ErrEmpty, ErrEmpty},
		{"not bbolt", func([]byte) []byte { return bytes.Repeat([]byte("text "), 1000) }, ErrNotArchive, ErrNotArchive},
		{"cut short", func(b []byte) []byte { return b[:len(b)/3] }, ErrDamaged, ErrDamaged},
		{"both meta pages overwritten but their magic", func(b []byte) []byte {
			b = bytes.Clone(b)
			for i := 16 + 8; i < 16+64; i++ {
				b[i], b[pageSize+i] = 0xff, 0xff
			}
			return b
		}, ErrDamaged, ErrDamaged},
		{"a tree page's header overwritten", func(b []byte) []byte {
			b = bytes.Clone(b)
			off := int(pages[len(pages)/2]) * pageSize
			binary.LittleEndian.PutUint64(b[off:], 12345)
			return b
		}, nil, ErrDamaged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.db")
			want := c.damage(seed)
			os.WriteFile(path, want, 0o644)
			for _, o := range []struct {
				opts Options
				want error
			}{{Options{ReadOnly: true}, c.readOnly}, {Options{}, c.writing}} {
				s, err := Open(path, o.opts)
				if err == nil {
					s.Close()
				}
				if !errors.Is(err, o.want) || (o.want == nil) != (err == nil) {
					t.Errorf("Open(ReadOnly %v): %v, want %v", o.opts.ReadOnly, err, o.want)
				}
			}
			if got, _ := os.ReadFile(path); c.writing != nil && !bytes.Equal(got, want) {
				t.Error("a refused Open changed the file")
			}
		})
	}
}

// TestReadsOfADamagedFile: reads that run into pages past the end of a
// cut-short file (a fault through the memory map) or into an overwritten
// page (a bbolt assertion) return a DamagedError.
func TestReadsOfADamagedFile(t *testing.T) {
	seed := damageSeed(t, 8)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	os.WriteFile(good, seed, 0o644)
	pages := TreePages(t, good)
	all := bytes.Clone(seed)
	for _, id := range pages {
		binary.LittleEndian.PutUint64(all[int(id)*pageSize:], 12345)
	}
	cases := []struct {
		name string
		file []byte
	}{{"cut short", seed[:cutBefore(seed, pages)]}, {"every tree page overwritten", all}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := c.file
			path := filepath.Join(t.TempDir(), "a.db")
			os.WriteFile(path, b, 0o644)
			s, err := Open(path, Options{ReadOnly: true, Damaged: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			err = s.List(func(Summary) error { return nil })
			if err == nil {
				err = s.ScanJSON(ScanOptions{AllVersions: true}, func(Doc) error { return nil })
			}
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("reading: %v, want ErrDamaged", err)
			}
			r, err := s.Verify(context.Background())
			if err != nil || !r.Damaged {
				t.Fatalf("verify: %v, damaged %v", err, r != nil && r.Damaged)
			}
		})
	}
}

// cutBefore is where to cut a file short so that reads fault: at a third,
// or earlier when every tree page lies before that (how the writer's
// commits lay out pages depends on timing), so that the last tree page
// is always lost.
func cutBefore(file []byte, pages []uint64) int {
	cut := len(file) / 3
	if len(pages) > 0 {
		cut = min(cut, int(slices.Max(pages))*pageSize)
	}
	return cut
}

// FuzzDamage overwrites part of an archive with random bytes and checks
// that nothing panics or faults; that a file Open accepts for writing
// takes writes; and that what Salvage makes of it always verifies, and
// holds every version when Verify found nothing wrong.
func FuzzDamage(f *testing.F) {
	seed := damageSeed(f, 6)
	f.Add(uint32(len(seed)/2), uint16(8<<10), int64(1))
	f.Add(uint32(len(seed)/4), uint16(100), int64(2))
	f.Add(uint32(pageSize), uint16(pageSize), int64(3))
	f.Add(uint32(len(seed)*3/4), uint16(16), int64(4))
	f.Fuzz(func(t *testing.T, off uint32, n uint16, rs int64) {
		b := bytes.Clone(seed)
		off %= uint32(len(b))
		junk := make([]byte, min(int(n), len(b)-int(off)))
		rand.New(rand.NewSource(rs)).Read(junk)
		copy(b[off:], junk)
		dir := t.TempDir()
		path := filepath.Join(dir, "a.db")
		os.WriteFile(path, b, 0o644)

		src, err := Open(path, Options{ReadOnly: true, Damaged: true})
		if err != nil {
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("Open(Damaged): %v", err)
			}
			return
		}
		s, _ := Open(path, Options{ReadOnly: true})
		if s != nil {
			s.List(func(Summary) error { return nil })
			s.ScanJSON(ScanOptions{AllVersions: true}, func(Doc) error { return nil })
			s.Stats()
			s.Runs("", 0)
			s.Close()
		}
		r, err := src.Verify(context.Background())
		if err != nil {
			t.Fatalf("verify: %v", err)
		}
		dst, err := Open(filepath.Join(dir, "new.db"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := src.Salvage(context.Background(), dst)
		if err != nil {
			t.Fatalf("salvage: %v", err)
		}
		vr, err := dst.Verify(context.Background())
		if err != nil || !vr.OK() {
			t.Fatalf("the salvaged archive does not verify: %v %v", err, vr.Problems)
		}
		if r.OK() && (rep.Versions != r.Versions || rep.Articles != r.Articles) {
			t.Fatalf("verify found nothing wrong, salvage saved %d of %d versions", rep.Versions, r.Versions)
		}
		dst.Close()
		src.Close()
		if w, err := Open(path, Options{}); err == nil {
			if _, err := w.Put(context.Background(), storetest.Snapshot(99, 0)); err != nil && errors.Is(err, ErrDamaged) {
				t.Fatalf("a file accepted for writing is damaged: %v", err)
			}
			w.Close()
		}
	})
}
