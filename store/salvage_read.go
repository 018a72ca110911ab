package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"newsarchive/capture"

	"newsarchive/article"
)

// Salvage's reading of records: each checked before it is copied, and the
// orphan pages the walk could not reach.

// version reads version vid: its record, article JSON and article,
// checked against its content hash.
func (sv *salvaged) version(vid uint64) (verRec, []byte, article.Article, error) {
	v, ok := sv.versions[vid]
	if !ok {
		return verRec{}, nil, article.Article{}, fmt.Errorf("version id %d: %w", vid, ErrNotFound)
	}
	b, err := sv.value(v.salvValue)
	if err != nil {
		return verRec{}, nil, article.Article{}, err
	}
	return checkedVersion(b)
}

// checkedVersion decodes a version record and its article, which must
// match the record's content hash.
func checkedVersion(v []byte) (verRec, []byte, article.Article, error) {
	rec, err := decodeVer(v)
	if err != nil {
		return rec, nil, article.Article{}, err
	}
	doc, err := decompress(rec.Doc, len(rec.Doc)*3)
	if err != nil {
		return rec, nil, article.Article{}, err
	}
	a, err := decodeArticle(doc, article.Archive{})
	if err != nil {
		return rec, nil, a, err
	}
	if h := article.ContentHash(&a); h != hex.EncodeToString(rec.Hash[:]) {
		return rec, nil, a, fmt.Errorf("%s version %d does not match its content hash", rec.Key, rec.Num)
	}
	return rec, doc, a, nil
}

// article is version's article.
func (sv *salvaged) article(vid uint64) (article.Article, error) {
	_, _, a, err := sv.version(vid)
	return a, err
}

// raw decodes raw body rid, trying each copy found until one matches its
// SHA-256.
func (sv *salvaged) raw(rid uint64) ([]byte, error) {
	err := fmt.Errorf("raw body %d: %w", rid, ErrNotFound)
	for _, at := range sv.raws[rid] {
		var raw []byte
		if raw, err = sv.rawAt(at); err == nil {
			return raw, nil
		}
	}
	return nil, err
}

func (sv *salvaged) rawAt(at salvValue) ([]byte, error) {
	v, err := sv.value(at)
	if err != nil {
		return nil, err
	}
	var dict []byte
	if dv := rawDict(v); dv != 0 {
		if _, dict, _, err = sv.version(dv); err != nil {
			return nil, err
		}
	}
	raw, err := decodeRaw(v, dict)
	if err != nil {
		return nil, err
	}
	if sha256.Sum256(raw) != rawSHA(v) {
		return nil, errors.New("raw body does not match its SHA-256")
	}
	return raw, nil
}

// orphans reads the leaf pages the walk did not reach and that are not
// free: leaves cut off from their bucket by a damaged page above them (in
// a file cut short, most of them: bbolt rewrites the pages near the top of
// each tree at every commit, at the end of the file). Their records are
// recognised by their form and kept only where they check out (content
// hash, SHA-256, a saved article) and the walk found none under the same
// id. With the freelist lost, a free page's records can come back too:
// versions pruned by keep_versions shortly before.
func (sv *salvaged) orphans(w *walker) {
	pf := w.pf
	last := min(pf.meta.hwm, uint64(pf.size/pf.meta.pageSize))
	w.mark(0, 1)
	for id := uint64(2); id < last; id++ {
		if w.used[id/64]&(1<<(id%64)) != 0 {
			continue
		}
		n, err := pf.readNode(id, true)
		if err != nil || n.flags != pgLeaf {
			continue
		}
		w.mark(id, n.overflow)
		le := binary.LittleEndian
		for i := range n.count {
			e := n.b[pageHdrLen+i*elemLen:]
			flags, pos, ks, vs := le.Uint32(e), int(le.Uint32(e[4:])), int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
			off := pageHdrLen + i*elemLen + pos
			if flags&leafIsBucket != 0 || off+ks+vs > n.span {
				continue
			}
			sv.orphan(n.b[off:off+ks], n.b[off+ks:off+ks+vs], loc{pgid: id, idx: i})
		}
		id += uint64(n.overflow)
	}
}

// orphan keeps one record of an orphan page if it is a version, raw body,
// run or alias not already found.
func (sv *salvaged) orphan(k, v []byte, at loc) {
	isURL := func(b []byte) bool {
		return (bytes.HasPrefix(b, []byte("http://")) || bytes.HasPrefix(b, []byte("https://"))) && bytes.IndexByte(b, 0) < 0
	}
	switch {
	case len(k) == 8 && len(v) >= verHeaderLen && v[0] == verFormat:
		vid := binary.BigEndian.Uint64(k)
		if _, ok := sv.versions[vid]; ok {
			return
		}
		// Checked now: a record of another bucket can look like one.
		if rec, _, _, err := checkedVersion(v); err == nil {
			rec.Doc = nil
			sv.versions[vid] = salvVer{salvValue: salvValue{at: at}, rec: rec}
		}
	case len(k) == 8 && len(v) >= rawHeaderLen && v[0] == 0:
		rid := binary.BigEndian.Uint64(k)
		if !sv.rawsSeen[rid] {
			sv.raws[rid] = append(sv.raws[rid], salvValue{at: at})
		}
	case len(k) == 8 && len(v) > 0 && v[0] == '{':
		id := binary.BigEndian.Uint64(k)
		var r Run
		if _, ok := sv.runs[id]; !ok && json.Unmarshal(v, &r) == nil && r.ID == id && !r.Started.IsZero() {
			sv.runs[id] = bytes.Clone(v)
		}
	case isURL(k) && isURL(v):
		if _, ok := sv.aliases[string(k)]; !ok {
			sv.aliases[string(k)] = string(v) // kept if v is a saved article
		}
	}
}

// provenance is version vid's provenance. One that cannot be read or does
// not decode is dropped, not guessed: the version stays, with its fetch and
// extraction unknown.
func (sv *salvaged) provenance(vid uint64) capture.Provenance {
	at, ok := sv.provs[vid]
	if !ok {
		return capture.Provenance{}
	}
	z, err := sv.value(at)
	if err != nil {
		return capture.Provenance{}
	}
	p, err := decodeProv(z)
	if err != nil {
		return capture.Provenance{}
	}
	return p
}
