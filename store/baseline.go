package store

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"

	"newsarchive/article"
	"newsarchive/capture"
)

// baseline is an article's latest version re-read by the extractor of the
// snapshot it is about to be compared with, so that the comparison is of
// like with like: two readings by one extractor version, of what the site
// served then and now.
type baseline struct {
	n   int    // the latest version number when it was read
	vid uint64 // its version id
	r   *refresh
	a   *article.Article // the re-reading r was made from
	// fromSnapshot: the capture had no stored headers and no recorded
	// charset, so it was decoded with the snapshot's Content-Type; such a
	// reading is kept only when it confirms that nothing changed.
	fromSnapshot bool
}

// baseline re-reads the latest version of p's key with Options.Reread
// when another extractor version made it (and it has a raw capture);
// nil when there is nothing to re-read or the re-reading failed (the
// stored hash is then compared as it is). It runs in the caller's
// goroutine, outside the writer; putTx checks that the latest version is
// still the one read.
func (s *Store) baseline(p *prepared, snap Snapshot) *baseline {
	ex := snap.Provenance.Extraction.Extractor
	if s.opts.Reread == nil || ex == "" {
		return nil
	}
	var c StoredCapture
	b := &baseline{}
	found := false
	s.view(func(tx *bolt.Tx) error {
		metas := bucket(tx, bMeta)
		if metas == nil {
			return nil
		}
		v := metas.Get([]byte(p.key))
		if v == nil {
			return nil
		}
		m, err := decodeMeta(v)
		if err != nil {
			return nil
		}
		vid, err := versionID(tx, p.key, m.Latest)
		if err != nil {
			return nil
		}
		prov, err := provTx(tx, vid)
		if err != nil || prov.Extraction.Extractor == ex {
			return nil
		}
		rec, doc, err := versionDoc(tx, p.key, m.Latest)
		if err != nil || !rec.hasRaw() {
			return nil
		}
		raw, _, err := loadRaw(tx, rec.RawID)
		if err != nil {
			return nil
		}
		c = StoredCapture{Key: p.key, Version: m.Latest, URL: docURL(doc, p.key), Raw: raw, Provenance: prov, FetchedAt: time.Unix(rec.FetchedAt, 0).UTC()}
		b.n, b.vid, found = m.Latest, vid, true
		return nil
	})
	if !found {
		return nil
	}
	ct := ""
	if snap.Provenance.Fetch != nil {
		ct = snap.Provenance.Fetch.Header.Get("Content-Type")
	}
	c.ContentType, c.ContentTypeFrom = c.Provenance.ContentType(ct)
	b.fromSnapshot = c.ContentTypeFrom == capture.FromFallback
	a, exr, err := s.opts.Reread(c)
	if err != nil || a == nil || exr.Extractor != ex {
		return nil
	}
	exr = c.Provenance.Reading(exr, c.ContentType, c.ContentTypeFrom)
	if b.r, err = newRefresh(a, exr); err != nil {
		return nil
	}
	b.a = a
	return b
}

// applyBaseline refreshes the latest version in place with p's baseline
// and updates m to match, when the latest is still the version that was
// read. It reports whether it did.
func applyBaseline(tx *bolt.Tx, p *prepared, m *meta) (bool, error) {
	b := p.base
	if b.n != m.Latest || (b.fromSnapshot && b.r.hash != p.hash) {
		return false, nil
	}
	if idv := tx.Bucket(bVIndex).Get(versionKey(p.key, m.Latest)); !bytes.Equal(idv, u64(b.vid)) {
		return false, nil
	}
	if _, err := refreshTx(tx, b.vid, b.r); err != nil {
		return false, err
	}
	m.Hash, m.Title, m.PublishedAt = hex.EncodeToString(b.r.hash[:]), b.r.title, b.r.published
	return true, nil
}

// docURL is the url field of an article JSON, or def when it has none.
func docURL(doc []byte, def string) string {
	var a struct {
		URL string `json:"url"`
	}
	if json.Unmarshal(doc, &a) == nil && a.URL != "" {
		return a.URL
	}
	return def
}
