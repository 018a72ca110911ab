package cli

import (
	"newsarchive/config"
	"newsarchive/store"
)

// withStore opens the archive named by c — read-only for commands that only
// read, so that several can run at once — runs fn and closes the archive
// again, so that no command holds the file longer than it needs
// (decision 4 of issue #2).
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
