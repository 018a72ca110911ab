// Package capture describes where an archived version came from — its
// provenance: the HTTP exchange that fetched the page, and the extraction
// that read it. The scraper fills it in, the store keeps it with each
// version, and history and show print it. It is plain data: it imports no
// other package of the project, so both scraper and store can use it.
//
// A field that is empty is unknown: versions archived before provenance was
// recorded, or imported from JSON, have no Fetch and an empty Extraction.
package capture

import (
	"mime"
	"net/http"
)

// Unknown is how a missing provenance field is shown.
const Unknown = "unknown"

// Provenance is what is known of one archived version.
type Provenance struct {
	// Fetch is the HTTP exchange that fetched the raw capture; nil when
	// unknown.
	Fetch *Fetch `json:"fetch,omitempty"`
	// Extraction says how the version's derived fields (the article) were
	// read from the capture.
	Extraction Extraction `json:"extraction"`
}

// Fetch is one HTTP exchange as received.
type Fetch struct {
	// StatusLine is the response's status line as received ("HTTP/1.1 200
	// OK"), reason phrase included.
	StatusLine string `json:"status_line"`
	// Header is every response header as received. When the HTTP client
	// decoded a compressed body itself, Content-Encoding is put back and
	// Content-Length (of the compressed body) is lost.
	Header http.Header `json:"header"`
	// FinalURL is the URL the body came from, after redirects, as
	// requested (not normalised).
	FinalURL string `json:"final_url"`
	// Redirects are the hops before FinalURL, first first.
	Redirects []Redirect `json:"redirects,omitempty"`
	// RequestHeader is what the crawler sent with the final request
	// (User-Agent, Accept, If-None-Match, If-Modified-Since, cookies…).
	// The HTTP client adds Host and Accept-Encoding itself; they are not
	// listed.
	RequestHeader http.Header `json:"request_header"`
	// RemoteAddr is the server's address (ip:port) when the connection
	// showed it; with an HTTP proxy it is the proxy's.
	RemoteAddr string `json:"remote_addr,omitempty"`
}

// Redirect is one redirect answer on the way to the final URL.
type Redirect struct {
	URL        string `json:"url"`
	StatusLine string `json:"status_line"`
	Location   string `json:"location"`
}

// Extraction records how a version's article was read from its capture.
type Extraction struct {
	// Extractor is the extractor version (extract.Version) that produced
	// the article; "" when unknown.
	Extractor string `json:"extractor,omitempty"`
	// Charset is the encoding the body was decoded from ("utf-8",
	// "gb18030", "windows-1251"…); CharsetSource what decided it: "bom",
	// "header", "meta" or "detected". Both "" when unknown.
	Charset       string `json:"charset,omitempty"`
	CharsetSource string `json:"charset_source,omitempty"`
	// AssumedContentType is set when the capture had no stored response
	// headers and was decoded with this Content-Type instead (see
	// ContentType): the charset an earlier extraction decided, or the
	// header of the later capture it was compared with.
	AssumedContentType string `json:"assumed_content_type,omitempty"`
}

// Where a capture's Content-Type for decoding came from (ContentType).
const (
	FromHeader   = "header"   // the capture's own stored response header
	FromRecorded = "recorded" // the charset its last extraction decided
	FromFallback = "fallback" // the caller's fallback
)

// ContentType is the Content-Type to decode the capture with, and where
// it came from: the response's header when it is known. A capture without
// stored headers is decoded with the charset its last extraction decided,
// when that is known (which reproduces that decoding), else with fallback.
// from is "" when there is nothing at all: the decoder then reads the BOM,
// <meta> or detects, as it always did for such captures.
func (p Provenance) ContentType(fallback string) (ct, from string) {
	switch {
	case p.Fetch != nil:
		return p.Fetch.Header.Get("Content-Type"), FromHeader
	case p.Extraction.Charset != "":
		return mime.FormatMediaType("text/html", map[string]string{"charset": p.Extraction.Charset}), FromRecorded
	case fallback != "":
		return fallback, FromFallback
	}
	return "", ""
}

// Reading completes e, the extraction of a capture decoded with a
// Content-Type from ContentType: a recorded charset decision stands as it
// was recorded (decoding with it reproduced it), and a fallback is noted
// as assumed.
func (p Provenance) Reading(e Extraction, ct, from string) Extraction {
	switch from {
	case FromRecorded:
		e.Charset, e.CharsetSource = p.Extraction.Charset, p.Extraction.CharsetSource
		e.AssumedContentType = p.Extraction.AssumedContentType
	case FromFallback:
		e.AssumedContentType = ct
	}
	return e
}

// Or returns s, or Unknown when s is empty.
func Or(s string) string {
	if s == "" {
		return Unknown
	}
	return s
}
