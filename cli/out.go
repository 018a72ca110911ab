package cli

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"newsarchive/store"
)

// tempPrefix names the temporary files --out writes before renaming them
// into place; sweepTemps removes the ones a killed run left.
const tempPrefix = ".newsarchive-out-"

// errOutIsArchive is returned for an --out that is the archive itself or
// one of its own files.
var errOutIsArchive = errors.New("is the archive or one of its files: refusing to write over it")

// writeOut calls write with the destination path names, for export and
// backup --out:
//
//   - "" or "-": stdout;
//   - a device, FIFO or socket (symlinks followed): opened and written in
//     place, never replaced;
//   - otherwise a regular file, new or existing (through a symlink, the
//     file the link points to, so the link stays): write goes to a
//     temporary file beside it, which is synced and renamed over it only if
//     write succeeded, so it is never left half-written.
//
// It refuses a path that is the archive or one of its own files
// (store.OwnFiles), however it is spelled: through symlinks, hard links or
// "..".
func writeOut(stdout io.Writer, path, archive string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(stdout)
	}
	target, fi, err := outTarget(path, archive)
	if err != nil {
		return err
	}
	if fi != nil && !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return fmt.Errorf("--out %s is a folder", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		err = write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	return replaceFile(target, fi, write)
}

// checkOut refuses an --out path that writeOut would refuse, before the
// archive is opened.
func checkOut(path, archive string) error {
	if path == "" || path == "-" {
		return nil
	}
	_, _, err := outTarget(path, archive)
	return err
}

// outTarget returns the file an --out path writes (symlinks resolved) and
// its FileInfo (nil when it does not exist yet), or errOutIsArchive.
func outTarget(path, archive string) (string, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		fi = nil
	} else if err != nil {
		return "", nil, err
	}
	target := path
	// A device is written through the path as given: /dev/stdout resolves
	// to a /proc link whose target is not a path.
	if fi == nil || fi.Mode().IsRegular() {
		if target, err = resolveLinks(path); err != nil {
			return "", nil, err
		}
	}
	if archive == "" {
		return target, fi, nil
	}
	for _, own := range append([]string{archive}, store.OwnFiles(archive)...) {
		if ofi, err := os.Stat(own); err == nil && fi != nil && os.SameFile(fi, ofi) {
			return "", nil, fmt.Errorf("--out %s %w", path, errOutIsArchive)
		}
		o, err := resolveLinks(own)
		if err != nil {
			continue
		}
		if target == o || strings.HasPrefix(target, o+string(os.PathSeparator)) {
			return "", nil, fmt.Errorf("--out %s %w", path, errOutIsArchive)
		}
	}
	return target, fi, nil
}

// resolveLinks returns path made absolute with every symlink resolved,
// the last one included, even when the file it leads to does not exist yet
// (a dangling link names the file to create).
func resolveLinks(path string) (string, error) {
	p, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	for range 64 {
		fi, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			dir, err := filepath.EvalSymlinks(filepath.Dir(p))
			if err != nil {
				return "", err
			}
			return filepath.Join(dir, filepath.Base(p)), nil
		case err != nil:
			return "", err
		case fi.Mode()&fs.ModeSymlink == 0:
			return filepath.EvalSymlinks(p)
		}
		link, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(p), link)
		}
		p = link
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// replaceFile writes target through a locked temporary file beside it,
// renamed over it once written and synced; the folder is synced after, so
// the rename survives a crash. An existing target keeps its permissions.
func replaceFile(target string, old fs.FileInfo, write func(io.Writer) error) error {
	dir := filepath.Dir(target)
	sweepTemps(dir)
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return err
	}
	// Locked while it is written: sweepTemps leaves it alone.
	err = lockTemp(f)
	if err == nil {
		err = write(f)
	}
	mode := fs.FileMode(0o644) // CreateTemp makes 0600; an export is an ordinary file
	if old != nil {
		mode = old.Mode().Perm()
	}
	if err == nil {
		err = f.Chmod(mode)
	}
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = os.Rename(f.Name(), target)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	syncDir(dir)
	return nil
}

// tempPath returns a fresh temporary path in dir, for a file that another
// library creates (salvage's new archive, locked by bbolt while written).
func tempPath(dir string) string {
	sweepTemps(dir)
	b := make([]byte, 8)
	rand.Read(b)
	return filepath.Join(dir, tempPrefix+hex.EncodeToString(b))
}

// sweepTemps removes temporary files of killed runs from dir: those that
// no live process holds locked and that have not been written to for
// tempStaleAfter (the grace covers a file just created, not locked yet).
func sweepTemps(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, tempPrefix+"*"))
	for _, name := range names {
		fi, err := os.Lstat(name)
		if err != nil || !fi.Mode().IsRegular() || time.Since(fi.ModTime()) < tempStaleAfter {
			continue
		}
		if tempAbandoned(name) {
			os.Remove(name)
		}
	}
}

// syncDir makes a rename in dir durable; some file systems cannot sync a
// folder, and the rename has happened either way.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
