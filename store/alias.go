package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"newsarchive/urlnorm"
)

// LatestHash returns the key of the article known under url (its key or
// any URL it was fetched under) and the content hash of its latest version,
// without reading the version itself. ErrNotFound if none. A caller that
// finds the hash of a page it fetched under another URL can Put the page
// under that key: the URL becomes an alias and no version is added.
func (s *Store) LatestHash(url string) (key, hash string, err error) {
	nu, err := urlnorm.Normalize(url)
	if err != nil {
		return "", "", fmt.Errorf("store: %w", err)
	}
	err = s.view(func(tx *bolt.Tx) error {
		k, m, err := lookup(tx, nu)
		key, hash = k, m.Hash
		return err
	})
	return key, hash, err
}
