package store

import "testing"

// WithoutRawDict is o with raw bodies compressed on their own, without
// their article JSON as a dictionary (for the size benchmark).
func WithoutRawDict(o Options) Options {
	o.noRawDict = true
	return o
}

// TreePages lists the first pages of the tree nodes of the archive at
// path, for tests that damage them.
func TreePages(t testing.TB, path string) []uint64 {
	t.Helper()
	pf, err := openPages(path)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	var out []uint64
	w := &walker{pf: pf, bad: func(p string) { t.Fatalf("%s is damaged: %s", path, p) }, onNode: func(id uint64) { out = append(out, id) }}
	w.run()
	return out
}

// Prepare does a snapshot's CPU work as Put does before its transaction,
// for the benchmark of that work.
func (s *Store) Prepare(snap Snapshot) error {
	_, err := s.prepare(snap, true)
	return err
}
