package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
	"newsarchive/urlnorm"
)

// Resolve returns the archive key for any URL the article was fetched or is
// known under (normalising it first). ErrNotFound if none.
func (s *Store) Resolve(url string) (string, error) {
	nu, err := urlnorm.Normalize(url)
	if err != nil {
		return "", fmt.Errorf("store: %w", err)
	}
	var key string
	err = s.view(func(tx *bolt.Tx) error {
		key = resolveTx(tx, nu)
		return nil
	})
	if err == nil && key == "" {
		err = fmt.Errorf("%s: %w", nu, ErrNotFound)
	}
	return key, err
}

// resolveTx maps a normalised URL to its key, "" if unknown.
func resolveTx(tx *bolt.Tx, nu string) string {
	if b := bucket(tx, bAliases); b != nil {
		if k := b.Get([]byte(nu)); k != nil {
			return string(k)
		}
	}
	if b := bucket(tx, bMeta); b != nil && b.Get([]byte(nu)) != nil {
		return nu
	}
	return ""
}

// lookup resolves key (or any alias of it) and returns its record.
func lookup(tx *bolt.Tx, key string) (string, meta, error) {
	metas := bucket(tx, bMeta)
	if metas == nil {
		return "", meta{}, fmt.Errorf("%s: %w", key, ErrNotFound)
	}
	v := metas.Get([]byte(key))
	if v == nil {
		if nu, err := urlnorm.Normalize(key); err == nil {
			if k := resolveTx(tx, nu); k != "" {
				key = k
				v = metas.Get([]byte(k))
			}
		}
	}
	if v == nil {
		return "", meta{}, fmt.Errorf("%s: %w", key, ErrNotFound)
	}
	m, err := decodeMeta(v)
	return key, m, err
}

// versionRec returns the record of version n of key (Doc aliases the
// transaction's memory).
func versionRec(tx *bolt.Tx, key string, n int) (verRec, error) {
	idv := bucket(tx, bVIndex).Get(versionKey(key, n))
	if idv == nil {
		return verRec{}, fmt.Errorf("%s version %d: %w", key, n, ErrNotFound)
	}
	v := bucket(tx, bVersions).Get(idv)
	if v == nil {
		return verRec{}, fmt.Errorf("%s version %d: record missing (run verify)", key, n)
	}
	return decodeVer(v)
}

// versionDoc returns version n's record and its decompressed article JSON.
func versionDoc(tx *bolt.Tx, key string, n int) (verRec, []byte, error) {
	rec, err := versionRec(tx, key, n)
	if err != nil {
		return rec, nil, err
	}
	doc, err := decompress(rec.Doc, len(rec.Doc)*3)
	rec.Doc = nil // aliased the transaction's memory
	return rec, doc, err
}

func decodeArticle(doc []byte, arch article.Archive) (article.Article, error) {
	var a article.Article
	if err := json.Unmarshal(doc, &a); err != nil {
		return a, fmt.Errorf("store: corrupt article JSON: %w", err)
	}
	a.Normalize()
	a.Archive = arch
	return a, nil
}

// Latest returns the latest version of key (or of the article known under
// that URL) with archive fields set.
func (s *Store) Latest(key string) (article.Article, error) { return s.Version(key, 0) }

// Version returns version n of key; n = 0 means the latest.
func (s *Store) Version(key string, n int) (article.Article, error) {
	doc, arch, err := s.version(key, n)
	if err != nil {
		return article.Article{}, err
	}
	return decodeArticle(doc, arch)
}

// VersionJSON is Version as the JSON object export writes (archive fields
// included); n = 0 means the latest.
func (s *Store) VersionJSON(key string, n int) ([]byte, error) {
	doc, arch, err := s.version(key, n)
	if err != nil {
		return nil, err
	}
	return withArchive(doc, arch, ""), nil
}

func (s *Store) version(key string, n int) ([]byte, article.Archive, error) {
	var doc []byte
	var arch article.Archive
	err := s.view(func(tx *bolt.Tx) error {
		k, m, err := lookup(tx, key)
		if err != nil {
			return err
		}
		if n == 0 {
			n = m.Latest
		}
		rec, d, err := versionDoc(tx, k, n)
		if err != nil {
			return err
		}
		doc, arch = d, archiveOf(m, rec)
		return nil
	})
	return doc, arch, err
}

// Raw returns the raw body stored with version n of key (n = 0: latest).
// ErrNotFound when the version has none (e.g. it was imported from JSON).
func (s *Store) Raw(key string, n int) ([]byte, error) {
	var out []byte
	err := s.viewVersion(key, n, func(tx *bolt.Tx, _ meta, _ uint64, rec verRec) error {
		if !rec.hasRaw() {
			return fmt.Errorf("raw HTML of %s version %d: %w", rec.Key, rec.Num, ErrNotFound)
		}
		var err error
		out, _, err = loadRaw(tx, rec.RawID)
		return err
	})
	return out, err
}

// History lists the versions of key (or of the article known under that
// URL), oldest first, each with the content fields that changed.
func (s *Store) History(key string) ([]VersionInfo, error) {
	var out []VersionInfo
	err := s.view(func(tx *bolt.Tx) error {
		k, _, err := lookup(tx, key)
		if err != nil {
			return err
		}
		var prev *article.Article
		c := bucket(tx, bVIndex).Cursor()
		vb := bucket(tx, bVersions)
		prefix := versionPrefix(k)
		for ck, idv := c.Seek(prefix); ck != nil && bytes.HasPrefix(ck, prefix); ck, idv = c.Next() {
			_, n, ok := splitVersionKey(ck)
			if !ok || len(ck) != len(prefix)+4 {
				continue
			}
			v := vb.Get(idv)
			if v == nil {
				return fmt.Errorf("%s version %d: record missing (run verify)", k, n)
			}
			rec, err := decodeVer(v)
			if err != nil {
				return err
			}
			doc, err := decompress(rec.Doc, len(rec.Doc)*3)
			if err != nil {
				return err
			}
			a, err := decodeArticle(doc, article.Archive{})
			if err != nil {
				return err
			}
			info := VersionInfo{
				Version:     n,
				FetchedAt:   fmtTime(rec.FetchedAt),
				ContentHash: fmt.Sprintf("%x", rec.Hash),
				HTTPStatus:  rec.Status,
			}
			if err := versionProvenance(tx, idv, &info); err != nil {
				return err
			}
			if prev != nil {
				info.Changed = ChangedFields(prev, &a)
			}
			prev = &a
			out = append(out, info)
		}
		return nil
	})
	return out, err
}

// ChangedFields names the content fields (those of the content hash) that
// differ between a and b after normalisation.
func ChangedFields(a, b *article.Article) []string {
	var out []string
	diff := func(name, x, y string) {
		if article.NormalizeText(x) != article.NormalizeText(y) {
			out = append(out, name)
		}
	}
	diff("title", a.Title, b.Title)
	diff("authors", strings.Join(a.Authors, "\x1f"), strings.Join(b.Authors, "\x1f"))
	diff("published_at", a.PublishedAt, b.PublishedAt)
	diff("source", a.Source, b.Source)
	diff("text", a.Text, b.Text)
	return out
}

// List calls fn for every article, ordered by key. fn runs outside any
// transaction, so it may use the store.
func (s *Store) List(fn func(Summary) error) error {
	return s.chunked(bMeta, func(_ *bolt.Tx, k, v []byte, out *[]func() error) error {
		m, err := decodeMeta(v)
		if err != nil {
			return err
		}
		sum := Summary{
			Key: string(k), Title: m.Title, PublishedAt: m.PublishedAt,
			Versions: m.Count, LastChecked: fmtTime(m.LastChecked),
		}
		*out = append(*out, func() error { return fn(sum) })
		return nil
	})
}

// chunkSize bounds how many items a chunked walk collects per read
// transaction: long read transactions would stall the writer's remaps and
// keep freed pages from reuse, and fn may itself write to the store.
const chunkSize = 256

// chunked walks a top-level bucket in key order in short read transactions.
// visit sees each entry inside the transaction (it must copy what it keeps)
// and appends the calls to make once the transaction has ended.
func (s *Store) chunked(name []byte, visit func(tx *bolt.Tx, k, v []byte, out *[]func() error) error) error {
	return s.chunkedFrom(name, nil, nil, visit)
}

// chunkedFrom is chunked starting at start (inclusive), stopping before
// stop (exclusive; nil: the end).
func (s *Store) chunkedFrom(name, start, stop []byte, visit func(tx *bolt.Tx, k, v []byte, out *[]func() error) error) error {
	var last []byte
	for {
		var calls []func() error
		done := false
		err := s.view(func(tx *bolt.Tx) error {
			b := bucket(tx, name)
			if b == nil {
				done = true
				return nil
			}
			c := b.Cursor()
			var k, v []byte
			switch {
			case last != nil:
				k, v = c.Seek(last)
				if k != nil && bytes.Equal(k, last) {
					k, v = c.Next()
				}
			case start != nil:
				k, v = c.Seek(start)
			default:
				k, v = c.First()
			}
			n := 0
			for ; k != nil; k, v = c.Next() {
				if stop != nil && bytes.Compare(k, stop) >= 0 {
					done = true
					return nil
				}
				if n == chunkSize {
					return nil
				}
				last = append(last[:0], k...)
				if err := visit(tx, k, v, &calls); err != nil {
					return err
				}
				n++
			}
			done = true
			return nil
		})
		if err != nil {
			return err
		}
		for _, call := range calls {
			if err := call(); err != nil {
				return err
			}
		}
		if done {
			return nil
		}
	}
}
