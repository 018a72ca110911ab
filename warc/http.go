package warc

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"newsarchive/capture"
)

// Masked is the prefix under which a response header that no longer
// describes the stored body is kept (the convention of Common Crawl's
// WARCs): the body is stored decoded, so Content-Encoding and
// Transfer-Encoding are masked and Content-Length is the stored length.
const Masked = "X-Crawler-"

// maskedHeaders are the headers that describe the transfer, not the body
// as stored.
var maskedHeaders = []string{"Content-Encoding", "Transfer-Encoding"}

// responseHead is the HTTP head of a response record: the status line and
// the headers as received, fixed for the stored body, and what was fixed.
type responseHead struct {
	head []byte
	// Decoded names the content coding the body was stored decoded from
	// ("gzip"), "" when it is stored as received.
	Decoded       string
	Reconstructed bool   // no headers were recorded: they are made up
	mime          string // the payload's media type, for the index
}

// buildResponseHead writes the status line and headers of a stored
// capture. Without recorded headers it reconstructs a minimal head from
// the status and the charset the extraction decided.
func buildResponseHead(p capture.Provenance, status int, bodyLen int) responseHead {
	var h http.Header
	var line string
	var out responseHead
	if f := p.Fetch; f != nil && f.StatusLine != "" {
		line = f.StatusLine
		h = f.Header.Clone()
		if h == nil {
			h = http.Header{}
		}
	} else {
		out.Reconstructed = true
		if status == 0 {
			status = http.StatusOK
		}
		line = fmt.Sprintf("HTTP/1.1 %d %s", status, http.StatusText(status))
		ct := "text/html"
		if cs := p.Extraction.Charset; cs != "" {
			ct += "; charset=" + cs
		}
		h = http.Header{"Content-Type": {ct}}
	}
	for _, name := range maskedHeaders {
		if v, ok := h[name]; ok {
			if name == "Content-Encoding" && !identity(v) {
				out.Decoded = strings.Join(v, ", ")
			}
			h[Masked+name] = v
			delete(h, name)
		}
	}
	n := strconv.Itoa(bodyLen)
	if v, ok := h["Content-Length"]; ok && (len(v) != 1 || v[0] != n) {
		h[Masked+"Content-Length"] = v
	}
	h["Content-Length"] = []string{n}
	var b bytes.Buffer
	b.WriteString(line)
	b.WriteString("\r\n")
	h.Write(&b)
	b.WriteString("\r\n")
	out.head = b.Bytes()
	out.mime = "unk"
	if mt, _, err := mime.ParseMediaType(h.Get("Content-Type")); err == nil {
		out.mime = mt
	}
	return out
}

func identity(v []string) bool {
	for _, e := range v {
		if e = strings.TrimSpace(strings.ToLower(e)); e != "" && e != "identity" {
			return false
		}
	}
	return true
}

// requestHead writes the request line and the headers sent. The HTTP
// client adds Host itself, so it is put back from the URL.
func requestHead(target string, p capture.Provenance) []byte {
	u, err := url.Parse(target)
	uri, host := "/", ""
	if err == nil {
		uri, host = u.RequestURI(), u.Host
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "GET %s HTTP/1.1\r\nHost: %s\r\n", uri, host)
	if p.Fetch != nil {
		h := p.Fetch.RequestHeader.Clone()
		delete(h, "Host")
		h.Write(&b)
	}
	b.WriteString("\r\n")
	return b.Bytes()
}

// unmask restores the headers a WARC writer masked because it stored the
// body decoded, so that the capture's provenance says what the server
// sent, as the crawler records it (the body is stored decoded there too).
func unmask(h http.Header) {
	for _, name := range append(maskedHeaders, "Content-Length") {
		if v, ok := h[Masked+name]; ok {
			h[name] = v
			delete(h, Masked+name)
		}
	}
}
