package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// SalvageReport counts what Salvage copied and what it knows was lost.
type SalvageReport struct {
	// Saved.
	Articles, Versions, RawBodies, Aliases, Runs int
	// Lost: named by a readable record (an article record, an index
	// entry, a version) but unreadable or damaged themselves. What lay
	// only on a damaged page is named by nothing and cannot be counted.
	LostArticles, LostVersions, LostRawBodies, LostAliases, LostRuns int
	// DamagedPages counts the problems the page walk met; Problems holds
	// the first of them.
	DamagedPages int
	Problems     []string
}

const salvageProblems = 20

// salvaged is what the page walk found in the archive, values left in the
// file (versions and raw bodies are re-read one at a time).
type salvaged struct {
	pf       *pageFile
	metas    map[string]meta
	vindex   map[string]map[int]uint64 // key → version → version id
	versions map[uint64]salvVer
	raws     map[uint64][]salvValue // the walk's first, then orphans' (unchecked)
	rawsSeen map[uint64]bool        // raw bodies the walk reached
	aliases  map[string]string
	runs     map[uint64][]byte
	provs    map[uint64]salvValue // version id → where its provenance lies
	rep      *SalvageReport
}

// salvValue is where a value lies, or the value (in an inline bucket).
type salvValue struct {
	at     loc
	inline []byte
}

type salvVer struct {
	salvValue
	rec verRec // header only, Doc nil
}

func (sv *salvaged) value(v salvValue) ([]byte, error) {
	if v.at.pgid == 0 {
		return v.inline, nil
	}
	return sv.pf.value(v.at)
}

// Salvage copies every readable article version of s into dst, a new
// archive opened for writing: with its raw body where that is readable
// too, its version number, fetched_at and status, and the article's
// first_seen and last_checked, and its provenance where that decodes;
// then the aliases of saved articles and
// the runs. It reads s's file page by page (pages.go), skipping damaged
// pages, so it works where damage stops every other reader; a version is
// saved only if its content hash matches its article, a raw body only if
// its SHA-256 does. dst's own writes rebuild the indexes. Crawl state is
// not copied: the next crawl of a job starts afresh.
func (s *Store) Salvage(ctx context.Context, dst *Store) (rep SalvageReport, err error) {
	// The file is read through a mapping: should someone cut it short
	// meanwhile, the fault ends the salvage instead of the process.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damaged(s.path, "the file changed while it was salvaged (%v)", r)
		}
	}()
	pf, err := openPages(s.path)
	if pf == nil {
		return rep, err
	}
	defer pf.Close()
	sv := &salvaged{pf: pf, rep: &rep, metas: map[string]meta{}, vindex: map[string]map[int]uint64{},
		versions: map[uint64]salvVer{}, raws: map[uint64][]salvValue{}, rawsSeen: map[uint64]bool{},
		aliases: map[string]string{}, runs: map[uint64][]byte{}, provs: map[uint64]salvValue{}}
	w := &walker{pf: pf, values: true, visit: sv.visit, bad: func(p string) {
		rep.DamagedPages++
		if len(rep.Problems) < salvageProblems {
			rep.Problems = append(rep.Problems, p)
		}
	}}
	var de *DamagedError
	if errors.As(err, &de) {
		w.bad(de.Detail)
	}
	w.run()
	sv.orphans(w)
	if err := sv.copyArticles(ctx, dst); err != nil {
		return rep, err
	}
	if err := sv.copyAliases(dst); err != nil {
		return rep, err
	}
	return rep, sv.copyRuns(dst)
}

// visit keeps what the walk hands over from the top-level buckets that
// Salvage copies (nested buckets are crawl state).
func (sv *salvaged) visit(path []string, k, v []byte, at loc) {
	if len(path) != 1 {
		return
	}
	keep := salvValue{at: at}
	if at.pgid == 0 {
		keep.inline = bytes.Clone(v)
	}
	switch path[0] {
	case string(bMeta):
		if m, err := decodeMeta(v); err == nil {
			sv.metas[string(k)] = m
		}
	case string(bVIndex):
		if key, n, ok := splitVersionKey(k); ok && len(v) == 8 {
			if sv.vindex[key] == nil {
				sv.vindex[key] = map[int]uint64{}
			}
			sv.vindex[key][n] = binary.BigEndian.Uint64(v)
		}
	case string(bVersions):
		if rec, err := decodeVer(v); err == nil && len(k) == 8 {
			rec.Doc = nil
			sv.versions[binary.BigEndian.Uint64(k)] = salvVer{salvValue: keep, rec: rec}
		}
	case string(bRaw):
		if len(k) == 8 {
			rid := binary.BigEndian.Uint64(k)
			sv.raws[rid] = append(sv.raws[rid], keep)
			sv.rawsSeen[rid] = true
		}
	case string(bAliases):
		sv.aliases[string(k)] = string(v)
	case string(bRuns):
		if len(k) == 8 {
			sv.runs[binary.BigEndian.Uint64(k)] = bytes.Clone(v)
		}
	case string(bProv):
		if len(k) == 8 {
			sv.provs[binary.BigEndian.Uint64(k)] = keep
		}
	}
}

// copyArticles puts the readable versions of each article into dst in
// batches, oldest first.
func (sv *salvaged) copyArticles(ctx context.Context, dst *Store) error {
	byKey := map[string][]uint64{}
	for vid, v := range sv.versions {
		byKey[v.rec.Key] = append(byKey[v.rec.Key], vid)
	}
	known := map[string]bool{}
	for k := range sv.metas {
		known[k] = true
	}
	for k := range sv.vindex {
		known[k] = true
	}
	for k := range byKey {
		known[k] = true
	}
	keys := make([]string, 0, len(known))
	for k := range known {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	rawsKnown, rawsSaved := map[uint64]bool{}, map[uint64]bool{}
	for rid := range sv.rawsSeen {
		rawsKnown[rid] = true
	}
	var batch []*prepared
	flush := func() error {
		err := dst.update(func(tx *bolt.Tx) error {
			for _, p := range batch {
				if _, err := dst.putTx(tx, p); err != nil {
					return fmt.Errorf("salvage %s: %w", p.key, err)
				}
			}
			return nil
		})
		batch = batch[:0]
		return err
	}
	for _, key := range keys {
		if err := ctx.Err(); err != nil {
			return err
		}
		nums := map[int]bool{}
		for n := range sv.vindex[key] {
			nums[n] = true
		}
		vids := sv.versionsOf(key, byKey[key])
		for _, vid := range vids {
			nums[sv.versions[vid].rec.Num] = true
		}
		m, hasMeta := sv.metas[key]
		lost := len(nums) // known versions, less those saved below
		if hasMeta {
			lost = max(lost, m.Count)
		}
		saved := 0
		for _, vid := range vids {
			rec := sv.versions[vid].rec
			a, err := sv.article(vid)
			if err != nil {
				continue
			}
			var raw []byte
			if rec.hasRaw() {
				rawsKnown[rec.RawID] = true
				if raw, err = sv.raw(rec.RawID); err == nil {
					rawsSaved[rec.RawID] = true
				}
			}
			prov := sv.provenance(vid)
			p, err := dst.prepare(Snapshot{Key: key, URL: a.URL, Article: &a, Raw: raw, Status: rec.Status, FetchedAt: time.Unix(rec.FetchedAt, 0), Provenance: prov}, false)
			if err != nil {
				continue
			}
			p.wantVersion, p.force = rec.Num, true
			if hasMeta {
				p.firstSeen, p.lastChecked = m.FirstSeen, m.LastChecked
			}
			batch = append(batch, p)
			saved++
		}
		sv.rep.Versions += saved
		sv.rep.LostVersions += max(lost-saved, 0)
		if saved > 0 {
			sv.rep.Articles++
		} else {
			sv.rep.LostArticles++
		}
		if len(batch) >= chunkSize {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	sv.rep.RawBodies, sv.rep.LostRawBodies = len(rawsSaved), len(rawsKnown)-len(rawsSaved)
	return flush()
}

// versionsOf orders an article's version ids by version number, keeping
// one per number (the one the version index names, when two claim it).
func (sv *salvaged) versionsOf(key string, vids []uint64) []uint64 {
	byNum := map[int]uint64{}
	for _, vid := range vids {
		n := sv.versions[vid].rec.Num
		if prev, ok := byNum[n]; ok && sv.vindex[key][n] == prev {
			continue
		}
		byNum[n] = vid
	}
	out := make([]uint64, 0, len(byNum))
	for _, vid := range byNum {
		out = append(out, vid)
	}
	slices.SortFunc(out, func(a, b uint64) int { return sv.versions[a].rec.Num - sv.versions[b].rec.Num })
	return out
}

// copyAliases records the aliases whose article was saved.
func (sv *salvaged) copyAliases(dst *Store) error {
	urls := make([]string, 0, len(sv.aliases))
	for u := range sv.aliases {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	for len(urls) > 0 {
		batch := urls[:min(len(urls), chunkSize)]
		urls = urls[len(batch):]
		saved, lost := 0, 0
		err := dst.update(func(tx *bolt.Tx) error {
			saved, lost = 0, 0 // the writer may apply this twice
			metas := tx.Bucket(bMeta)
			for _, u := range batch {
				key := sv.aliases[u]
				if metas.Get([]byte(key)) == nil {
					lost++
					continue
				}
				if err := tx.Bucket(bAliases).Put([]byte(u), []byte(key)); err != nil {
					return err
				}
				saved++
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("salvage aliases: %w", err)
		}
		sv.rep.Aliases += saved
		sv.rep.LostAliases += lost
	}
	return nil
}

// copyRuns copies the readable run records under their own ids.
func (sv *salvaged) copyRuns(dst *Store) error {
	saved, lost := 0, 0
	err := dst.update(func(tx *bolt.Tx) error {
		saved, lost = 0, 0 // the writer may apply this twice
		b := tx.Bucket(bRuns)
		for id, v := range sv.runs {
			var r Run
			if json.Unmarshal(v, &r) != nil || r.ID != id {
				lost++
				continue
			}
			if err := b.Put(u64(id), v); err != nil {
				return err
			}
			if id > b.Sequence() {
				if err := b.SetSequence(id); err != nil {
					return err
				}
			}
			saved++
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("salvage runs: %w", err)
	}
	sv.rep.Runs, sv.rep.LostRuns = saved, lost
	return nil
}
