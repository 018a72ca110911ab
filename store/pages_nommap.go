//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package store

import "os"

// mapFile: pages are read with ReadAt here.
func mapFile(*os.File, int64) ([]byte, func()) { return nil, nil }
