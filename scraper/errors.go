package scraper

import (
	"errors"
	"fmt"
	"net/http"
)

// ErrBodyTooLarge is returned when a response body is longer than
// MaxBodyBytes. The body is cut off while reading and nothing is archived:
// colly's own MaxBodySize would truncate silently.
var ErrBodyTooLarge = errors.New("response body exceeds max_body_bytes")

// ErrRedirectLoop is returned when a redirect chain comes back to a URL it
// has already visited twice.
var ErrRedirectLoop = errors.New("redirect loop")

// ErrTooManyRedirects is returned when a redirect chain is longer than
// maxRedirects.
var ErrTooManyRedirects = errors.New("more than 10 redirects")

// ErrOffSite is returned when a crawl request redirects to a host outside
// the job's allowed hosts.
var ErrOffSite = errors.New("redirect leaves the allowed hosts")

// ErrDisallowed is returned by FetchOne when robots.txt disallows the URL.
var ErrDisallowed = errors.New("disallowed by robots.txt")

// ErrNotHTML is returned by FetchOne when the response is not an HTML page
// (a PDF, an image…); its body is not read.
var ErrNotHTML = errors.New("not an HTML page")

// maxRedirects is the longest redirect chain followed (as net/http's).
const maxRedirects = 10

// StatusError is returned when the final answer to a request is an HTTP
// error status (after any retries).
type StatusError struct {
	Code int
	URL  string
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Code, http.StatusText(e.Code))
}

// ErrRobotsUnreachable is returned by FetchOne when the host's robots.txt
// could not be fetched.
var ErrRobotsUnreachable = errors.New("robots.txt unreachable")

// errRedirectScheme is returned when robots.txt redirects to a scheme other
// than http or https (file:, ftp:, …).
var errRedirectScheme = errors.New("redirect to a scheme other than http(s)")
