package warc

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"
)

// readAll reads what io.ReadAll reads, whatever size the record declares.
func TestReadAll(t *testing.T) {
	body := bytes.Repeat([]byte("<p>The ferry sails at noon.</p>"), 1000)
	cases := []struct {
		name        string
		data        []byte
		size, limit int64
	}{
		{"declared size", body, int64(len(body)), 1 << 20},
		{"declared too short", body, 100, 1 << 20},
		{"declared too long", body, int64(len(body)) * 3, 1 << 20},
		{"declared negative", body, -5, 1 << 20},
		{"declared past the limit", body, 1 << 30, 1 << 20},
		{"empty", nil, 0, 1 << 20},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkReadAll(t, c.data, c.size, c.limit)
		})
	}
}

func checkReadAll(t *testing.T, data []byte, size, limit int64) {
	t.Helper()
	for _, r := range []func() io.Reader{
		func() io.Reader { return bytes.NewReader(data) },
		func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) },
		func() io.Reader { return iotest.DataErrReader(bytes.NewReader(data)) },
	} {
		want, werr := io.ReadAll(r())
		got, gerr := readAll(r(), size, limit)
		if !bytes.Equal(got, want) || (werr == nil) != (gerr == nil) {
			t.Fatalf("size %d limit %d: read %d bytes (%v), io.ReadAll %d (%v)", size, limit, len(got), gerr, len(want), werr)
		}
	}
}

func FuzzReadAll(f *testing.F) {
	f.Add([]byte("HTTP body"), int64(9), int64(100))
	f.Add([]byte(""), int64(-1), int64(0))
	f.Fuzz(func(t *testing.T, data []byte, size, limit int64) {
		checkReadAll(t, data, size, limit%(1<<20))
	})
}
