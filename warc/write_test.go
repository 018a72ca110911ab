package warc

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"newsarchive/store"
	"newsarchive/store/storetest"
	"newsarchive/warc/warctest"
)

func openStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "a.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestWriteStrict(t *testing.T) {
	s := openStore(t)
	if _, _, err := storetest.Archive(12, 100, func(b []store.Snapshot) error {
		_, err := s.PutMany(context.Background(), b)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	st, err := Write(s, &buf, Options{ScanOptions: store.ScanOptions{AllVersions: true}, Software: "test"})
	if err != nil {
		t.Fatal(err)
	}
	types := warctest.StrictRead(t, buf.Bytes())
	if st.Captures != 14 || st.Records != len(types) {
		t.Fatalf("stats %+v, %d records read", st, len(types))
	}
	if types[0] != "warcinfo" {
		t.Fatalf("first record %s", types[0])
	}
	t.Log(strings.Join(types[:8], " "))
}
