package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterr "go.etcd.io/bbolt/errors"
)

// MigrateResult says what Migrate did.
type MigrateResult struct {
	From, To string // layouts before and after ("" From: a new, empty file)
}

// Migrated reports whether the layout changed.
func (r MigrateResult) Migrated() bool { return r.From != r.To }

// Migrate upgrades the archive at path in place to the layout this
// newsarchive reads. Layout 2 becomes layout 3 by adding the provenance
// and original-extraction buckets: every version, raw capture, alias,
// time-index entry, crawl-state entry and run record is kept as it is,
// and versions archived before have no provenance ("unknown"). The whole
// upgrade is one bbolt transaction, so a process killed during it leaves
// the old archive, and one killed after it the new: never a mixture. An
// archive already in the current layout is left alone.
func Migrate(path string, opts Options) (MigrateResult, error) {
	var res MigrateResult
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return res, fmt.Errorf("%s: %w", path, ErrNoArchive)
	}
	timeout := opts.LockTimeout
	if timeout <= 0 {
		timeout = time.Nanosecond
	}
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: timeout, FreelistType: bolt.FreelistMapType})
	if errors.Is(err, bolterr.ErrTimeout) {
		return res, ErrLocked
	}
	if err != nil {
		return res, fmt.Errorf("store: open %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		info := tx.Bucket(bInfo)
		if info != nil {
			res.From = string(info.Get([]byte("schema")))
		}
		res.To = res.From
		switch res.From {
		case schemaVersion, "":
			return nil // current, or never written: Open sets it up
		case "2":
		default:
			return fmt.Errorf("%w: layout %q, this newsarchive migrates layout 2 to %s", ErrSchema, res.From, schemaVersion)
		}
		for _, b := range [][]byte{bProv, bOriginal} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		if opts.beforeCommit != nil {
			opts.beforeCommit()
		}
		res.To = schemaVersion
		return info.Put([]byte("schema"), []byte(schemaVersion))
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return MigrateResult{From: res.From, To: res.From}, fmt.Errorf("store: migrate %s: %w", path, err)
	}
	return res, nil
}

// schemaError is Open's refusal of an archive in another layout: an older
// one is migrated in place, never silently.
func schemaError(layout string) error {
	if layout == "2" {
		return fmt.Errorf("%w: layout %s, this newsarchive reads layout %s: %w", ErrSchema, layout, schemaVersion, ErrNeedsMigration)
	}
	return fmt.Errorf("%w: layout %s, this newsarchive reads layout %s (export with the newsarchive that wrote it, then import)", ErrSchema, layout, schemaVersion)
}
