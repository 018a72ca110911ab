package cli

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestClearLine(t *testing.T) {
	var b bytes.Buffer
	clearLine{&b}.Write([]byte("level=INFO msg=x\n"))
	if got := b.String(); got != "\r\x1b[Klevel=INFO msg=x\n" {
		t.Errorf("got %q", got)
	}
}

func TestWriteOutIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		write   func(w io.Writer) error
		want    string
		wantErr bool
	}{
		{"failed write keeps the old file", func(w io.Writer) error {
			w.Write([]byte("half"))
			return os.ErrDeadlineExceeded
		}, "old", true},
		{"successful write replaces it", func(w io.Writer) error {
			_, err := w.Write([]byte("new"))
			return err
		}, "new", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := writeOut(nil, path, filepath.Join(dir, "archive.db"), c.write)
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, c.wantErr)
			}
			b, _ := os.ReadFile(path)
			if string(b) != c.want {
				t.Errorf("file = %q, want %q", b, c.want)
			}
			left, _ := filepath.Glob(filepath.Join(dir, ".newsarchive-out-*"))
			if len(left) > 0 {
				t.Errorf("temporary files left behind: %v", left)
			}
			if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
				t.Errorf("mode %v, want 0644", fi.Mode().Perm())
			}
		})
	}
}
