package search

import (
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/analysis/lang/ckb"
	"github.com/blevesearch/bleve/v2/analysis/lang/da"
	"github.com/blevesearch/bleve/v2/analysis/lang/de"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fa"
	"github.com/blevesearch/bleve/v2/analysis/lang/fi"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/hi"
	"github.com/blevesearch/bleve/v2/analysis/lang/hr"
	"github.com/blevesearch/bleve/v2/analysis/lang/hu"
	"github.com/blevesearch/bleve/v2/analysis/lang/it"
	"github.com/blevesearch/bleve/v2/analysis/lang/nl"
	"github.com/blevesearch/bleve/v2/analysis/lang/no"
	"github.com/blevesearch/bleve/v2/analysis/lang/pl"
	"github.com/blevesearch/bleve/v2/analysis/lang/pt"
	"github.com/blevesearch/bleve/v2/analysis/lang/ro"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/analysis/lang/tr"
	"github.com/blevesearch/bleve/v2/mapping"
)

// byLanguage maps a primary language subtag to the bleve analyzer that
// handles it. Chinese, Japanese and Korean use the CJK analyzer: bigrams of
// Han characters, where the standard analyzer would cut Chinese into
// single characters that no phrase finds; Chinese folds traditional
// characters to simplified first (zhAnalyzer), so either script finds both.
var byLanguage = map[string]string{
	"zh": zhAnalyzer, "ja": cjk.AnalyzerName, "ko": cjk.AnalyzerName,
	"ar": ar.AnalyzerName, "ckb": ckb.AnalyzerName, "da": da.AnalyzerName,
	"de": de.AnalyzerName, "en": en.AnalyzerName, "es": es.AnalyzerName,
	"fa": fa.AnalyzerName, "fi": fi.AnalyzerName, "fr": fr.AnalyzerName,
	"hi": hi.AnalyzerName, "hr": hr.AnalyzerName, "hu": hu.AnalyzerName,
	"it": it.AnalyzerName, "nl": nl.AnalyzerName, "no": no.AnalyzerName,
	"nb": no.AnalyzerName, "nn": no.AnalyzerName, "pl": pl.AnalyzerName,
	"pt": pt.AnalyzerName, "ro": ro.AnalyzerName, "ru": ru.AnalyzerName,
	"sv": sv.AnalyzerName, "tr": tr.AnalyzerName,
}

// fallback analyses text in a language without an analyzer of its own.
const fallback = standard.Name

// analyzers lists every analyzer a document can be indexed with.
func analyzers() []string {
	seen := map[string]bool{fallback: true}
	out := []string{fallback}
	for _, a := range byLanguage {
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// analyzerFor chooses the analyzer of a document in language lang (a BCP 47
// tag, maybe empty) whose text begins with sample: by the tag's primary
// subtag, else Han script makes it Chinese, else the standard analyzer.
func analyzerFor(lang, sample string) string {
	primary := strings.ToLower(lang)
	if i := strings.IndexAny(primary, "-_"); i >= 0 {
		primary = primary[:i]
	}
	if a, ok := byLanguage[primary]; ok {
		return a
	}
	if mostlyHan(sample) {
		return zhAnalyzer
	}
	return fallback
}

// mostlyHan reports whether at least a third of the letters in s (its first
// 2 000 bytes) are Han characters.
func mostlyHan(s string) bool {
	if len(s) > 2000 {
		s = s[:2000]
	}
	han, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Han, r) {
				han++
			}
		}
	}
	return letters > 0 && han*3 >= letters
}

// The text fields of a document; each is indexed as NAME_ANALYZER (for
// example text_cjk, title_en) with that analyzer, so that a query is
// analysed with the same analyzer as the documents it is matched against.
const (
	fTitle       = "title"
	fText        = "text"
	fDescription = "description"
	fAuthors     = "authors"
	fSource      = "source"
	fTags        = "tags"
)

// allFields is the custom _all: a bare word is looked for in each, under
// every analyzer the index uses. Titles weigh more.
var allFields = []struct {
	name  string
	boost float64
}{{fTitle, 3}, {fText, 1}, {fDescription, 1.5}, {fAuthors, 1}, {fSource, 1}, {fTags, 1.5}}

// The other fields: keywords, dates and flags. The two that are only
// read as doc values (facet, date) keep no frequencies or norms (bleve
// spends a byte of frequency and five of norm on every posting). The
// queried ones must keep them: bleve scores a posting without a norm as
// 0 × ∞, NaN, even where the query is only a filter.
const (
	fKey       = "key"
	fFacet     = "facet"     // facetSite+host and facetMonth+YYYY-MM: both facets in one doc-values field
	fDomain    = "domain"    // the host and each parent domain, for site:
	fLang      = "lang"      // the tag lower-cased and its primary subtag
	fPublished = "published" // published_at, when it parses
	fFetched   = "fetched"
	fDate      = "date" // published_at, else fetched_at, as sortKey: the date ranking
	fLatest    = "latest"
)

// The prefixes of the facet field's two kinds of value. One field visited
// per hit costs about half of two: faceting reads doc values for every
// match, so it is a large part of a common word's query time.
const (
	facetSite  = "s:"
	facetMonth = "m:"
)

// sortKey is a date as a term whose byte order is time order (UTC, fixed
// width): one term in the date field's doc values, where a bleve date
// field holds sixteen that the date sort would read for every hit.
func sortKey(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000000") }

func fieldName(base, analyzer string) string { return base + "_" + analyzer }

// positions reports whether fields of analyzer keep term positions (for
// phrases). The CJK analyzer's do not: it makes a bigram of every
// character, so positions would make the index about three times the size
// of the Chinese text. A Chinese phrase is looked up as all its bigrams,
// and matcher checks on the archive's text that they are adjacent.
func positions(analyzer string) bool { return analyzer != cjk.AnalyzerName && analyzer != zhAnalyzer }

// newMapping builds the index mapping: nothing dynamic, no stored fields
// (fragments are cut from the archive's text), term vectors on the text
// fields but the CJK ones (see positions), and doc values only where
// sorting or faceting reads them.
func newMapping() mapping.IndexMapping {
	dm := bleve.NewDocumentStaticMapping()
	plain := func(fm *mapping.FieldMapping, docValues bool) *mapping.FieldMapping {
		fm.Store, fm.IncludeInAll, fm.DocValues = false, false, docValues
		fm.SkipFreqNorm = docValues // never queried, see above
		return fm
	}
	text := func(analyzer string) *mapping.FieldMapping {
		fm := plain(bleve.NewTextFieldMapping(), false)
		fm.Analyzer = indexAnalyzer(analyzer)
		fm.IncludeTermVectors = positions(analyzer)
		return fm
	}
	kw := func(docValues bool) *mapping.FieldMapping {
		fm := plain(bleve.NewKeywordFieldMapping(), docValues)
		fm.Analyzer = keyword.Name
		return fm
	}
	for _, a := range analyzers() {
		for _, f := range allFields {
			dm.AddFieldMappingsAt(fieldName(f.name, a), text(a))
		}
	}
	dm.AddFieldMappingsAt(fKey, kw(false))
	dm.AddFieldMappingsAt(fFacet, kw(true))
	dm.AddFieldMappingsAt(fDomain, kw(false))
	dm.AddFieldMappingsAt(fLang, kw(false))
	dm.AddFieldMappingsAt(fPublished, plain(bleve.NewDateTimeFieldMapping(), false))
	dm.AddFieldMappingsAt(fFetched, plain(bleve.NewDateTimeFieldMapping(), false))
	dm.AddFieldMappingsAt(fDate, kw(true))
	dm.AddFieldMappingsAt(fLatest, plain(bleve.NewBooleanFieldMapping(), false))

	im := bleve.NewIndexMapping()
	im.DefaultMapping = dm
	im.DefaultAnalyzer = fallback
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im
}

// parseDate reads an archive date: RFC 3339, or a wall time or bare date
// without zone (taken as UTC, as the archive leaves them unconverted).
func parseDate(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
