package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"strings"

	"github.com/klauspost/compress/gzip"
)

var errCoding = errors.New("unsupported content coding")

// decodeBody undoes the transfer and content codings of a payload as
// received, up to max bytes (ok false beyond): the archive keeps bodies
// decoded, as the crawler's HTTP client hands them over.
func decodeBody(payload []byte, h http.Header, max int64) (body []byte, ok bool, err error) {
	if strings.Contains(strings.ToLower(h.Get("Transfer-Encoding")), "chunked") {
		if b, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(payload))); err == nil {
			payload = b
		} // else: a writer that stored it de-chunked and kept the header
	}
	var r io.Reader
	switch enc := strings.TrimSpace(strings.ToLower(h.Get("Content-Encoding"))); enc {
	case "", "identity":
		return payload, int64(len(payload)) <= max, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(payload))
		if err != nil {
			return nil, false, err
		}
		r = zr
	case "deflate":
		zr, err := zlib.NewReader(bytes.NewReader(payload))
		if err != nil {
			r = flate.NewReader(bytes.NewReader(payload)) // raw deflate, as some servers send
		} else {
			r = zr
		}
	default:
		return nil, false, errCoding
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, false, err
	}
	return b, int64(len(b)) <= max, nil
}

// isHTML tells an HTML page by its declared type, or by sniffing when
// the server sent none or a generic one (as the crawler does).
func isHTML(ct string, body []byte) bool {
	mt, _, _ := mime.ParseMediaType(ct)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return true
	case "", "text/plain", "application/octet-stream":
		mt, _, _ = mime.ParseMediaType(http.DetectContentType(body))
		return mt == "text/html"
	}
	return false
}

// parseHead reads an HTTP response head as received: the status line and
// every header, Transfer-Encoding included (net/http's parser takes that
// one out).
func parseHead(head []byte) (string, http.Header) {
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(head)))
	line, err := tp.ReadLine()
	if err != nil {
		return "", http.Header{}
	}
	mh, _ := tp.ReadMIMEHeader() // lenient: what was read before an error stands
	return strings.TrimSpace(line), http.Header(mh)
}

func newGzip(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }
