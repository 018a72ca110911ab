//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cli

import (
	"os"
	"syscall"
	"time"
)

// tempStaleAfter: a temporary file that nobody holds locked and that is
// this old was left by a killed run (the lock dies with its process).
const tempStaleAfter = time.Minute

// lockTemp takes the lock that marks a temporary file as being written.
func lockTemp(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// tempAbandoned reports whether no live process holds the file locked.
func tempAbandoned(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
