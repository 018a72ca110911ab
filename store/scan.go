package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"

	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
	"newsarchive/urlnorm"
)

// Doc is one article version as ScanJSON yields it.
type Doc struct {
	// ID is the version's id: ids only grow, so a version added later
	// has a greater id (see VersionsAfter).
	ID      uint64
	Key     string
	Version int
	// Latest is true when this is the article's latest version.
	Latest bool
	// JSON is the article object with archive fields, exactly what
	// encoding/json writes for the article.Article (HTML not escaped),
	// plus a last "key" member with ScanOptions.WithKey. It is a fresh
	// buffer the callee may keep.
	JSON []byte
	// stored is the length of the version's stored article JSON, which
	// JSON begins with (its closing brace replaced); 0 when unknown.
	// CaptureOfDoc takes a body's dictionary from it.
	stored int
}

// Scan streams articles (with archive fields) to fn in key order, or in
// fetched_at order when Since/Until are set. Values are copied out of the
// transaction before fn sees them, and fn runs outside any transaction.
func (s *Store) Scan(opts ScanOptions, fn func(*article.Article) error) error {
	return s.ScanJSON(opts, func(d Doc) error {
		var a article.Article
		if err := json.Unmarshal(d.JSON, &a); err != nil {
			return fmt.Errorf("store: corrupt article JSON of %s: %w", d.Key, err)
		}
		a.Normalize()
		return fn(&a)
	})
}

// ScanJSON is Scan without decoding: export writes Doc.JSON as it is.
// Since is inclusive and Until exclusive. With AllVersions every version
// is yielded (oldest first within an article); otherwise only latest
// versions — with a time range, the latest versions fetched in that range,
// which is what an incremental export wants. Memory is bounded by one
// chunk of documents, whatever the archive's size.
func (s *Store) ScanJSON(opts ScanOptions, fn func(Doc) error) error {
	site := func(key string) bool {
		return opts.Site == "" || urlnorm.HostAllowed(urlnorm.Host(key), []string{opts.Site})
	}
	e := &emitter{fn: fn, withKey: opts.WithKey, withProv: opts.WithProvenance}
	emitRec := e.add
	emit := func(tx *bolt.Tx, key string, m meta, n int, out *[]func() error) error {
		idv := bucket(tx, bVIndex).Get(versionKey(key, n))
		rec, err := versionRec(tx, key, n)
		if err != nil {
			return err
		}
		return emitRec(tx, binary.BigEndian.Uint64(idv), m, rec, out)
	}
	metaOf := func(tx *bolt.Tx, key string) (meta, error) {
		v := bucket(tx, bMeta).Get([]byte(key))
		if v == nil {
			return meta{}, fmt.Errorf("store: version of unknown article %s (run verify)", key)
		}
		return decodeMeta(v)
	}

	if !opts.Since.IsZero() || !opts.Until.IsZero() {
		var start, stop []byte
		if !opts.Since.IsZero() {
			start = u64(uint64(max(opts.Since.Unix(), 0)))
		}
		if !opts.Until.IsZero() {
			stop = u64(uint64(max(opts.Until.Unix(), 0)))
		}
		return s.chunkedFrom(bTime, start, stop, func(tx *bolt.Tx, k, _ []byte, out *[]func() error) error {
			_, vid, ok := splitTimeKey(k)
			if !ok {
				return fmt.Errorf("store: bad time-index key %q (run verify)", k)
			}
			v := bucket(tx, bVersions).Get(u64(vid))
			if v == nil {
				return fmt.Errorf("store: time index names missing version %d (run verify)", vid)
			}
			rec, err := decodeVer(v)
			if err != nil {
				return err
			}
			if !site(rec.Key) {
				return nil
			}
			m, err := metaOf(tx, rec.Key)
			if err != nil {
				return err
			}
			if !opts.AllVersions && rec.Num != m.Latest {
				return nil
			}
			return emitRec(tx, vid, m, rec, out)
		})
	}
	if opts.AllVersions {
		var cur string
		var m meta
		return s.chunked(bVIndex, func(tx *bolt.Tx, k, _ []byte, out *[]func() error) error {
			key, n, ok := splitVersionKey(k)
			if !ok {
				return fmt.Errorf("store: bad version key %q (run verify)", k)
			}
			if !site(key) {
				return nil
			}
			if key != cur {
				var err error
				if m, err = metaOf(tx, key); err != nil {
					return err
				}
				cur = key
			}
			return emit(tx, key, m, n, out)
		})
	}
	return s.chunked(bMeta, func(tx *bolt.Tx, k, v []byte, out *[]func() error) error {
		key := string(k)
		if !site(key) {
			return nil
		}
		m, err := decodeMeta(v)
		if err != nil {
			return err
		}
		return emit(tx, key, m, m.Latest, out)
	})
}

// emitter collects the versions a chunked walk visits, copied out of the
// transaction, and hands them to fn once it has ended: each chunk's
// documents are decompressed on every CPU, then fn sees them in order.
type emitter struct {
	fn       func(Doc) error
	withKey  bool
	withProv bool // add each version's provenance
	pend     []pending
}

// add queues version vid (record rec of the article with meta m); the
// first of a chunk also queues the call that flushes the chunk.
func (e *emitter) add(tx *bolt.Tx, vid uint64, m meta, rec verRec, out *[]func() error) error {
	if len(e.pend) == 0 {
		*out = append(*out, e.flush)
	}
	z := append([]byte(nil), rec.Doc...)
	rec.Doc = nil
	k := ""
	if e.withKey {
		k = rec.Key
	}
	pd := pending{z: z, key: k, arch: archiveOf(m, rec),
		doc: Doc{ID: vid, Key: rec.Key, Version: rec.Num, Latest: rec.Num == m.Latest}}
	if e.withProv {
		if b := bucket(tx, bProv); b != nil {
			pd.prov = append([]byte(nil), b.Get(u64(vid))...)
		}
	}
	e.pend = append(e.pend, pd)
	return nil
}

func (e *emitter) flush() error {
	docs := e.pend
	e.pend = nil
	if err := decompressAll(docs); err != nil {
		return err
	}
	for i := range docs {
		if err := e.fn(docs[i].doc); err != nil {
			return err
		}
		docs[i] = pending{}
	}
	return nil
}

// pending is a document copied out of a transaction, not yet decompressed.
type pending struct {
	z    []byte
	key  string // "key" member to add ("" for none)
	arch article.Archive
	doc  Doc
	prov []byte // compressed provenance to add; nil for none
}

// decompressAll fills in docs[i].doc.JSON on every CPU.
func decompressAll(docs []pending) error {
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(docs); i += workers {
				// Room for the archive fields and the key.
				js, err := decompressExtra(docs[i].z, len(docs[i].z)*4, 320+len(docs[i].key))
				if err != nil {
					errs[w] = err
					return
				}
				docs[i].doc.stored = len(js)
				docs[i].doc.JSON = withArchive(js, docs[i].arch, docs[i].key)
				docs[i].z = nil
				if docs[i].prov != nil {
					if docs[i].doc.JSON, err = withProvenance(docs[i].doc.JSON, docs[i].prov); err != nil {
						errs[w] = err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
