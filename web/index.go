package web

import (
	"cmp"
	"context"
	"encoding/base64"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"newsarchive/store"
	"newsarchive/urlnorm"
)

// entry is what the list, the home page and the feed need of an article,
// kept in memory so that a filtered, sorted page of a large archive costs
// a walk over a slice instead of a walk over the file.
type entry struct {
	Key, Title, Site, Lang, Published string
	Versions                          int
	Fetched                           time.Time // the latest version's fetched_at
	FirstSeen                         string

	pub     time.Time // Published read as a time, for sorting and ranges
	lcTitle string
}

// index mirrors the archive's latest versions. It is filled by one scan at
// start and then kept up to date, in the background, from the archive's
// time index: each refresh reads the versions fetched since shortly before
// the newest it has seen (a margin covers a crawl whose pages commit out
// of fetch order) and moves only the entries that changed; a full rescan
// now and then picks up anything written with an old fetch time (an
// import). Requests only read it, so none waits for a refresh.
type index struct {
	st *store.Store

	refreshMu sync.Mutex // one refresher at a time
	lastFull  time.Time
	newest    time.Time // the newest fetched_at seen

	mu        sync.RWMutex
	byKey     map[string]*entry
	byFetched []*entry // newest first
	byPub     []*entry // newest first; undated last
	sums      counts
	sites     map[string]int // articles per site
}

const (
	refreshEvery  = time.Second
	refreshMargin = 2 * time.Minute
	fullRescan    = 10 * time.Minute
)

func newIndex(st *store.Store) *index {
	return &index{st: st, byKey: map[string]*entry{}, sites: map[string]int{}}
}

// keepFresh refreshes the index every second until ctx ends.
func (ix *index) keepFresh(ctx context.Context, log *slog.Logger) {
	t := time.NewTicker(refreshEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := ix.refresh(); err != nil && ctx.Err() == nil {
				log.Warn("refreshing the article index", "err", err)
			}
		}
	}
}

// refresh brings the index up to date (see index).
func (ix *index) refresh() error {
	ix.refreshMu.Lock()
	defer ix.refreshMu.Unlock()
	now := time.Now()
	full := ix.lastFull.IsZero() || now.Sub(ix.lastFull) > fullRescan
	opts := store.ScanOptions{}
	if !full {
		opts.Since = ix.newest.Add(-refreshMargin)
	}
	var found []*entry
	newest := ix.newest
	err := ix.st.ScanJSON(opts, func(d store.Doc) error {
		f, err := parseDoc(d.JSON)
		if err != nil {
			return err
		}
		e := &entry{
			Key: d.Key, Title: f.Title, Site: urlnorm.Host(d.Key), Lang: strings.ToLower(f.Language),
			Published: f.PublishedAt, Versions: f.Version, FirstSeen: f.FirstSeen,
			pub: parsePublished(f.PublishedAt), lcTitle: strings.ToLower(f.Title),
		}
		e.Fetched, _ = time.Parse(time.RFC3339, f.FetchedAt)
		if e.Fetched.After(newest) {
			newest = e.Fetched
		}
		found = append(found, e)
		return nil
	})
	if err != nil {
		return err
	}
	ix.newest = newest
	if full {
		ix.lastFull = now
		ix.replace(found)
		return nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, e := range found {
		ix.upsert(e)
	}
	return nil
}

// replace swaps in a whole new set of entries, sorted outside the lock.
func (ix *index) replace(all []*entry) {
	byKey := make(map[string]*entry, len(all))
	sites := map[string]int{}
	c := counts{}
	for _, e := range all {
		byKey[e.Key] = e
		c.add(e, 1)
		sites[e.Site]++
	}
	c.Sites = len(sites)
	byFetched := slices.Clone(all)
	slices.SortFunc(byFetched, byFetchedCmp)
	byPub := all
	slices.SortFunc(byPub, byPubCmp)
	ix.mu.Lock()
	ix.byKey, ix.byFetched, ix.byPub, ix.sums, ix.sites = byKey, byFetched, byPub, c, sites
	ix.mu.Unlock()
}

// upsert puts e in place of the entry of its key, if it differs (ix.mu
// held).
func (ix *index) upsert(e *entry) {
	if old := ix.byKey[e.Key]; old != nil {
		if *old == *e {
			return
		}
		ix.byFetched = remove(ix.byFetched, old, byFetchedCmp)
		ix.byPub = remove(ix.byPub, old, byPubCmp)
		ix.sums.add(old, -1)
		if ix.sites[old.Site]--; ix.sites[old.Site] == 0 {
			delete(ix.sites, old.Site)
		}
	}
	ix.byKey[e.Key] = e
	ix.byFetched = insert(ix.byFetched, e, byFetchedCmp)
	ix.byPub = insert(ix.byPub, e, byPubCmp)
	ix.sums.add(e, 1)
	ix.sites[e.Site]++
	ix.sums.Sites = len(ix.sites)
}

func insert(list []*entry, e *entry, cmp func(a, b *entry) int) []*entry {
	i, _ := slices.BinarySearchFunc(list, e, cmp)
	return slices.Insert(list, i, e)
}

func remove(list []*entry, e *entry, cmp func(a, b *entry) int) []*entry {
	if i, ok := slices.BinarySearchFunc(list, e, cmp); ok {
		return slices.Delete(list, i, i+1)
	}
	return list
}

func byFetchedCmp(a, b *entry) int { return cmpDesc(a.Fetched, b.Fetched, a.Key, b.Key) }
func byPubCmp(a, b *entry) int     { return cmpDesc(a.pub, b.pub, a.Key, b.Key) }

// cmpDesc orders newest first, then by key, so that every entry has one
// place and a cursor (time, key) names a position exactly.
func cmpDesc(ta, tb time.Time, ka, kb string) int {
	if c := tb.Compare(ta); c != 0 {
		return c
	}
	return cmp.Compare(ka, kb)
}

// parsePublished reads the published_at forms the extractor writes (RFC
// 3339, wall time without a zone, a bare date) for sorting; a wall time is
// read as UTC, which can misplace it by a few hours and no more.
func parsePublished(s string) time.Time {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// filter is a list query, parsed and checked (see parseFilter).
type filter struct {
	Site, Lang, Q                  string
	Since, Until                   time.Time // fetched
	PublishedSince, PublishedUntil time.Time
	Edited                         bool
	Sort                           string // "fetched" or "published"
	Cursor                         string
	Limit                          int
}

func (f *filter) match(e *entry) bool {
	switch {
	case f.Site != "" && !urlnorm.HostAllowed(e.Site, []string{f.Site}):
	case f.Lang != "" && e.Lang != f.Lang && !strings.HasPrefix(e.Lang, f.Lang+"-"):
	case f.Edited && e.Versions < 2:
	case !f.Since.IsZero() && e.Fetched.Before(f.Since):
	case !f.Until.IsZero() && !e.Fetched.Before(f.Until):
	case !f.PublishedSince.IsZero() && (e.pub.IsZero() || e.pub.Before(f.PublishedSince)):
	case !f.PublishedUntil.IsZero() && (e.pub.IsZero() || !e.pub.Before(f.PublishedUntil)):
	case f.Q != "" && !strings.Contains(e.lcTitle, f.Q) && !strings.Contains(strings.ToLower(e.Key), f.Q):
	default:
		return true
	}
	return false
}

// errCursor is returned for a cursor this server did not write.
var errCursor = errors.New("not a cursor from a previous page")

// page returns up to f.Limit entries after f.Cursor and the cursor of the
// next page ("" when this is the last).
func (ix *index) page(f filter) ([]entry, string, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	list, at := ix.byFetched, func(e *entry) time.Time { return e.Fetched }
	if f.Sort == "published" {
		list, at = ix.byPub, func(e *entry) time.Time { return e.pub }
	}
	start := 0
	if f.Cursor != "" {
		t, key, err := decodeCursor(f.Cursor)
		if err != nil {
			return nil, "", err
		}
		start, _ = slices.BinarySearchFunc(list, struct{}{}, func(e *entry, _ struct{}) int {
			if c := cmpDesc(at(e), t, e.Key, key); c != 0 {
				return c
			}
			return -1 // the cursor's own entry is on the previous page
		})
	}
	var out []entry
	for i := start; i < len(list); i++ {
		if !f.match(list[i]) {
			continue
		}
		if len(out) == f.Limit {
			last := out[len(out)-1]
			t := last.Fetched
			if f.Sort == "published" {
				t = last.pub
			}
			return out, encodeCursor(t, last.Key), nil
		}
		out = append(out, *list[i])
	}
	return out, "", nil
}

func encodeCursor(t time.Time, key string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(t.UTC().Format(time.RFC3339Nano) + "\x00" + key))
}

func decodeCursor(c string) (time.Time, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return time.Time{}, "", errCursor
	}
	ts, key, ok := strings.Cut(string(b), "\x00")
	if !ok {
		return time.Time{}, "", errCursor
	}
	t, err := time.Parse(time.RFC3339Nano, ts)
	if err != nil {
		return time.Time{}, "", errCursor
	}
	return t, key, nil
}

// counts sums up the archive for the home page.
type counts struct{ Articles, Versions, Edited, Sites int }

// add counts e in (sign 1) or out (-1); Sites is kept by the caller.
func (c *counts) add(e *entry, sign int) {
	c.Articles += sign
	c.Versions += sign * e.Versions
	if e.Versions > 1 {
		c.Edited += sign
	}
}

// counts are the home page's figures. Versions counts version numbers,
// so versions pruned by store.keep_versions still count.
func (ix *index) counts() counts {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.sums
}

// latest returns up to n entries, newest fetch first, that keep.
func (ix *index) latest(n int, keep func(*entry) bool) []entry {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	var out []entry
	for _, e := range ix.byFetched {
		if len(out) == n {
			break
		}
		if keep(e) {
			out = append(out, *e)
		}
	}
	return out
}
