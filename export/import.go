package export

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"newsarchive/article"
	"newsarchive/capture"
	"newsarchive/store"
)

// ImportStats counts what Import did.
type ImportStats struct {
	Records   int // objects read
	Versions  int // versions added
	Unchanged int // records already in the archive
	Articles  int // articles that were new to the archive
}

// record is an exported object: the article with archive fields, key and
// (export --provenance) provenance.
type record struct {
	article.Article
	Key        string              `json:"key"`
	Provenance *capture.Provenance `json:"provenance"`
}

// importBatch records go to the store in one transaction.
const importBatch = 500

// Import reads an export (JSONL, or a JSON array) from r into st, merging
// versions by key and content hash (store.Merge). It stops at the first
// malformed record, having merged the batches before it.
func Import(ctx context.Context, st *store.Store, r io.Reader) (ImportStats, error) {
	var stats ImportStats
	br := bufio.NewReaderSize(r, 1<<20)
	dec := json.NewDecoder(br)
	array := false
	if tok, err := peekByte(br); err == nil && tok == '[' {
		if _, err := dec.Token(); err != nil {
			return stats, fmt.Errorf("import: %w", err)
		}
		array = true
	}
	batch := make([]store.Record, 0, importBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := st.Merge(ctx, batch)
		if err != nil {
			return err
		}
		for _, r := range res {
			switch r.Outcome {
			case store.New:
				stats.Articles++
				stats.Versions++
			case store.Changed:
				stats.Versions++
			default:
				stats.Unchanged++
			}
		}
		batch = batch[:0]
		return nil
	}
	for {
		if array && !dec.More() {
			break
		}
		var rec record
		err := dec.Decode(&rec)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return stats, fmt.Errorf("import: record %d: %w", stats.Records+1, err)
		}
		stats.Records++
		a := rec.Article
		r := store.Record{Key: rec.Key, Article: &a}
		if rec.Provenance != nil {
			r.Provenance = *rec.Provenance
		}
		batch = append(batch, r)
		if len(batch) == importBatch {
			if err := flush(); err != nil {
				return stats, fmt.Errorf("import: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return stats, fmt.Errorf("import: %w", err)
	}
	return stats, nil
}

// peekByte returns the first non-space byte without consuming it.
func peekByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			br.ReadByte()
			continue
		}
		return b[0], nil
	}
}
