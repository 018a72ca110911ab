package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"newsarchive/export"
	"newsarchive/store"
)

// paramError is a request parameter that cannot be used; the API's error
// names it.
type paramError struct{ Param, Msg string }

func (e *paramError) Error() string { return e.Param + ": " + e.Msg }

func badParam(param, format string, args ...any) error {
	return &paramError{param, fmt.Sprintf(format, args...)}
}

const (
	defaultLimit = 50
	maxLimit     = 500
)

// parseFilter reads the list parameters shared by /articles and
// /api/articles.
func parseFilter(q url.Values, now time.Time) (filter, error) {
	f := filter{
		Site: strings.ToLower(strings.TrimSpace(q.Get("site"))), Lang: strings.ToLower(strings.TrimSpace(q.Get("lang"))),
		Q: strings.ToLower(strings.TrimSpace(q.Get("q"))), Cursor: q.Get("cursor"), Sort: q.Get("sort"), Limit: defaultLimit,
	}
	var err error
	if f.Edited, err = parseBool(q, "edited"); err != nil {
		return f, err
	}
	for _, t := range []struct {
		name string
		dst  *time.Time
	}{{"since", &f.Since}, {"until", &f.Until}, {"published_since", &f.PublishedSince}, {"published_until", &f.PublishedUntil}} {
		if *t.dst, err = export.ParseTime(q.Get(t.name), now); err != nil {
			return f, badParam(t.name, "%v", err)
		}
	}
	switch f.Sort {
	case "":
		f.Sort = "fetched"
	case "fetched", "published":
	default:
		return f, badParam("sort", "want fetched or published (got %q)", f.Sort)
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			return f, badParam("limit", "want a number from 1 to %d (got %q)", maxLimit, v)
		}
		f.Limit = n
	}
	if f.Cursor != "" {
		if _, _, err := decodeCursor(f.Cursor); err != nil {
			return f, badParam("cursor", "%v", err)
		}
	}
	return f, nil
}

func parseBool(q url.Values, name string) (bool, error) {
	switch v := strings.ToLower(q.Get(name)); v {
	case "", "0", "false", "no", "off":
		return false, nil
	case "1", "true", "yes", "on":
		return true, nil
	default:
		return false, badParam(name, "want true or false (got %q)", v)
	}
}

// parseVersion reads a version number; "" is 0 (the default choice).
func parseVersion(q url.Values, name string) (int, error) {
	v := q.Get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, badParam(name, "want a version number (1, 2, …), got %q", v)
	}
	return n, nil
}

// resolve finds the article of the url parameter under any URL it was
// fetched under.
func (s *Server) resolve(q url.Values) (string, error) {
	u := strings.TrimSpace(q.Get("url"))
	if u == "" {
		return "", badParam("url", "required: the article's URL (any URL it was fetched under)")
	}
	key, err := s.opts.Store.Resolve(u)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return "", badParam("url", "%v", err)
	}
	return key, err
}

// status maps an error to the HTTP status and the parameter it names.
func status(err error) (int, string) {
	var pe *paramError
	switch {
	case errors.As(err, &pe):
		return http.StatusBadRequest, pe.Param
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound, ""
	}
	return http.StatusInternalServerError, ""
}

// failErr answers with the status err calls for.
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, err error) {
	code, param := status(err)
	if code == http.StatusInternalServerError {
		s.log.Error("request failed", "path", r.URL.Path, "err", err)
	}
	s.fail(w, r, code, param, err.Error())
}

// fail answers an error: JSON {"error", "parameter"} for the API, a page
// for a person.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, code int, param, msg string) {
	if wantsHTML(r) {
		s.render(w, r, code, "error", pageData{Title: http.StatusText(code), Body: errorView{Code: code, Param: param, Msg: msg}})
		return
	}
	body := map[string]string{"error": msg}
	if param != "" {
		body["parameter"] = param
	}
	writeJSON(w, code, body)
}

type errorView struct {
	Code       int
	Param, Msg string
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
