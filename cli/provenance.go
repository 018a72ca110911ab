package cli

import (
	"fmt"

	"newsarchive/capture"
)

// provenanceView is how show prints a version's provenance: every part
// that is not known says "unknown" (versions archived before provenance
// was recorded, or imported without it).
type provenanceView struct {
	Extractor          string `json:"extractor"`
	Charset            string `json:"charset"`
	CharsetSource      string `json:"charset_source"`
	AssumedContentType string `json:"assumed_content_type,omitempty"`
	// Refreshed: the version was re-read in place by a later extractor;
	// show --original prints its first extraction.
	Refreshed bool `json:"refreshed"`
	Fetch     any  `json:"fetch"` // *capture.Fetch, or "unknown"
}

func viewProvenance(p capture.Provenance, refreshed bool) provenanceView {
	v := provenanceView{
		Extractor:          capture.Or(p.Extraction.Extractor),
		Charset:            capture.Or(p.Extraction.Charset),
		CharsetSource:      capture.Or(p.Extraction.CharsetSource),
		AssumedContentType: p.Extraction.AssumedContentType,
		Refreshed:          refreshed,
		Fetch:              capture.Unknown,
	}
	if p.Fetch != nil {
		v.Fetch = p.Fetch
	}
	return v
}

// extractorCell and charsetCell are history's provenance columns.
func extractorCell(e capture.Extraction, refreshed bool) string {
	s := capture.Or(e.Extractor)
	if refreshed {
		s += " (re-read)"
	}
	return s
}

func charsetCell(e capture.Extraction) string {
	if e.Charset == "" {
		return capture.Unknown
	}
	s := fmt.Sprintf("%s (%s)", e.Charset, capture.Or(e.CharsetSource))
	if e.AssumedContentType != "" {
		s += " assumed"
	}
	return s
}
