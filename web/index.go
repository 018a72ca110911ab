package web

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"errors"
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
// start and then kept up to date from the archive's time index: each
// refresh reads the versions fetched since shortly before the newest it
// has seen (a margin covers a crawl whose pages commit out of fetch
// order), and a full rescan now and then picks up anything written with
// an old fetch time (an import).
type index struct {
	st *store.Store

	refreshMu  sync.Mutex // one refresher at a time
	lastScan   time.Time  // when the last refresh ran
	lastFull   time.Time
	newest     time.Time // the newest fetched_at seen
	minRefresh time.Duration

	mu         sync.RWMutex
	byKey      map[string]*entry
	byFetched  []*entry // newest first
	byPub      []*entry // newest first; undated last
	versionSum int
}

const (
	refreshMargin = 2 * time.Minute
	fullRescan    = 10 * time.Minute
)

func newIndex(st *store.Store) *index {
	return &index{st: st, byKey: map[string]*entry{}, minRefresh: time.Second}
}

// docFields are the members of an article version the index keeps.
type docFields struct {
	Title       string `json:"title"`
	Language    string `json:"language"`
	PublishedAt string `json:"published_at"`
	Version     int    `json:"version"`
	FetchedAt   string `json:"fetched_at"`
	FirstSeen   string `json:"first_seen"`
}

// refresh brings the index up to date unless it was refreshed less than
// minRefresh ago (force skips that wait). A refresh already running in
// another request is not waited for: its caller reads the index as it is.
func (ix *index) refresh(force bool) error {
	if force {
		ix.refreshMu.Lock()
	} else if !ix.refreshMu.TryLock() {
		return nil
	}
	defer ix.refreshMu.Unlock()
	now := time.Now()
	if !force && now.Sub(ix.lastScan) < ix.minRefresh {
		return nil
	}
	full := ix.lastFull.IsZero() || now.Sub(ix.lastFull) > fullRescan
	opts := store.ScanOptions{}
	if !full {
		opts.Since = ix.newest.Add(-refreshMargin)
	}
	var found []*entry
	newest := ix.newest
	err := ix.st.ScanJSON(opts, func(d store.Doc) error {
		var f docFields
		if err := json.Unmarshal(d.JSON, &f); err != nil {
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
	ix.lastScan, ix.newest = now, newest
	if full {
		ix.lastFull = now
	}
	if !full && len(found) == 0 {
		return nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if full {
		ix.byKey = make(map[string]*entry, len(found))
	}
	for _, e := range found {
		ix.byKey[e.Key] = e
	}
	ix.rebuild()
	return nil
}

// rebuild re-sorts the views after byKey changed (ix.mu held).
func (ix *index) rebuild() {
	all := make([]*entry, 0, len(ix.byKey))
	ix.versionSum = 0
	for _, e := range ix.byKey {
		all = append(all, e)
		ix.versionSum += e.Versions
	}
	ix.byFetched = slices.Clone(all)
	slices.SortFunc(ix.byFetched, func(a, b *entry) int {
		return cmpDesc(a.Fetched, b.Fetched, a.Key, b.Key)
	})
	ix.byPub = all
	slices.SortFunc(ix.byPub, func(a, b *entry) int {
		return cmpDesc(a.pub, b.pub, a.Key, b.Key)
	})
}

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

// counts are the home page's figures.
type counts struct{ Articles, Versions, Edited, Sites int }

func (ix *index) counts() counts {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	c := counts{Articles: len(ix.byKey), Versions: ix.versionSum}
	sites := map[string]bool{}
	for _, e := range ix.byKey {
		if e.Versions > 1 {
			c.Edited++
		}
		sites[e.Site] = true
	}
	c.Sites = len(sites)
	return c
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
