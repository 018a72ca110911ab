package cli

import (
	"newsarchive/config"
	"newsarchive/store"
)

// withStore opens the archive named by c — read-only for commands that only
// read, so that several can run at once — runs fn and closes the archive
// again, so that no command holds the file longer than it needs:
// one process writes it at a time, and a waiting one should not wait long.
func withStore(env *Env, c config.Config, readOnly bool, fn func(*store.Store) error) error {
	st, release, err := env.openStore(c, readOnly)
	if err != nil {
		return err
	}
	if err := fn(st); err != nil {
		release()
		return err
	}
	return release()
}
