package warc

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// OpenWARC opens a WARC file (.warc or .warc.gz) for Import; close
// releases it.
func OpenWARC(name string) (Source, func() error, error) {
	f, err := os.Open(name)
	if err != nil {
		return Source{}, nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = fmt.Errorf("%s: not a regular file", name)
	}
	if err != nil {
		f.Close()
		return Source{}, nil, err
	}
	return Source{Name: name, R: f, Size: fi.Size()}, f.Close, nil
}

// ErrNoWARC is returned for a WACZ package without WARC files.
var ErrNoWARC = errors.New("no WARC file under archive/")

// OpenWACZ opens the WARC files of a WACZ package (archive/*.warc,
// archive/*.warc.gz) for Import. A WARC stored without compression, as
// WACZ requires, is read in place; one that the zip compressed is copied
// out to a temporary file in tmpDir first.
func OpenWACZ(name, tmpDir string) ([]Source, func() error, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	var closers []func() error
	closeAll := func() error {
		var first error
		for i := len(closers) - 1; i >= 0; i-- {
			if err := closers[i](); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	closers = append(closers, f.Close)
	fail := func(err error) ([]Source, func() error, error) {
		closeAll()
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	fi, err := f.Stat()
	if err != nil {
		return fail(err)
	}
	zr, err := zip.NewReader(f, fi.Size())
	if err != nil {
		return fail(err)
	}
	var srcs []Source
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "archive/") || !(strings.HasSuffix(zf.Name, ".warc") || strings.HasSuffix(zf.Name, ".warc.gz")) {
			continue
		}
		label := name + "!" + zf.Name
		if zf.Method == zip.Store {
			off, err := zf.DataOffset()
			if err != nil {
				return fail(err)
			}
			size := int64(zf.CompressedSize64)
			srcs = append(srcs, Source{Name: label, R: io.NewSectionReader(f, off, size), Size: size})
			continue
		}
		tmp, err := os.CreateTemp(tmpDir, ".newsarchive-wacz-*.warc")
		if err != nil {
			return fail(err)
		}
		closers = append(closers, func() error { tmp.Close(); return os.Remove(tmp.Name()) })
		rc, err := zf.Open()
		if err != nil {
			return fail(err)
		}
		n, err := io.Copy(tmp, rc)
		rc.Close()
		if err != nil {
			return fail(err)
		}
		srcs = append(srcs, Source{Name: label, R: tmp, Size: n})
	}
	if len(srcs) == 0 {
		return fail(ErrNoWARC)
	}
	return srcs, closeAll, nil
}
