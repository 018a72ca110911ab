package app

import (
	"strings"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"

	"newsarchive/store"
)

// maxVariants bounds the per-run memory of variants: about 200 bytes an
// entry. An entry forgotten early costs at most a store look-up.
const maxVariants = 1 << 15

// variants files the URL variants of one article under one key. Pages
// whose keys differ only in their query string (pages without a canonical
// URL on the job's hosts are keyed by the URL they were fetched under, and a
// page may link to itself with ?term=… or ?c_src=…&campaign=…) and that have
// the same content hash are archived under one key: the first archived in
// this run, or the one the archive already knows under this URL or the URL
// without its query. The others become aliases of it and add no version. A
// page whose hash differs is an article of its own, even when its URL was an
// alias before.
type variants struct {
	// seen maps (URL without query, content hash) to the key archived in
	// this run.
	seen  *lru.Cache[variantKey, string]
	locks keyedMutex
}

type variantKey struct{ base, hash string }

func newVariants() *variants {
	c, err := lru.New[variantKey, string](maxVariants)
	if err != nil {
		panic(err) // only for a size < 1
	}
	return &variants{seen: c}
}

// base returns key without its query.
func base(key string) string {
	b, _, _ := strings.Cut(key, "?")
	return b
}

// lock serialises pages whose keys share a URL without query, so that two
// variants archived at once see each other.
func (v *variants) lock(key string) func() {
	return v.locks.lock(base(key))
}

// keyFor returns the key to archive a page keyed key with content hash
// under, and whether that key was archived earlier in this run. Call it
// under lock(key).
func (v *variants) keyFor(st *store.Store, key, hash string) (string, bool) {
	b := base(key)
	if k, ok := v.seen.Get(variantKey{b, hash}); ok {
		return k, k != key
	}
	// Earlier runs: the article this URL, or the URL without its query, is
	// known under (a variant may have been fetched first and become the
	// key, the URL without query an alias of it).
	look := []string{key}
	if b != key {
		look = append(look, b)
	}
	for _, u := range look {
		k, h, err := st.LatestHash(u)
		if err != nil {
			continue
		}
		if k == key {
			return key, false // an article of its own
		}
		if base(k) == b && h == hash {
			return k, false
		}
	}
	return key, false
}

// archived records that the page keyed key with content hash was archived
// under got.
func (v *variants) archived(key, hash, got string) {
	v.seen.Add(variantKey{base(key), hash}, got)
}

// keyedMutex serialises callers per key; a key nobody holds takes no
// memory.
type keyedMutex struct {
	mu sync.Mutex
	m  map[string]*keyedEntry
}

type keyedEntry struct {
	sync.Mutex
	n int // holders and waiters
}

func (km *keyedMutex) lock(key string) (unlock func()) {
	km.mu.Lock()
	if km.m == nil {
		km.m = map[string]*keyedEntry{}
	}
	e := km.m[key]
	if e == nil {
		e = &keyedEntry{}
		km.m[key] = e
	}
	e.n++
	km.mu.Unlock()
	e.Lock()
	return func() {
		e.Unlock()
		km.mu.Lock()
		if e.n--; e.n == 0 {
			delete(km.m, key)
		}
		km.mu.Unlock()
	}
}
