package extract

// Version names the extractor's output. It must change whenever what
// Extract or FromBytes return for some page can change (the article, its
// judgement as an article, the charset decision): the archive records it
// with every version, and compares a new fetch with the latest version
// only after re-reading that version with the same extractor, so that an
// upgrade never looks like an edit. TestGolden fails when the output on
// the fixtures changes while Version stays the same.
const Version = "2026.12-10"

// Extractor is an extraction function with the version its output is
// recorded under. The crawler and the archive take one so that tests can
// swap extractors; the zero value means Current().
type Extractor struct {
	Version   string
	FromBytes func(raw []byte, contentType string, opts Options) (*Result, error)
}

// Current is this build's extractor: FromBytes under Version.
func Current() Extractor { return Extractor{Version: Version, FromBytes: FromBytes} }

// OrCurrent returns e, or Current() when e is the zero value.
func (e Extractor) OrCurrent() Extractor {
	if e.FromBytes == nil {
		return Current()
	}
	return e
}
