package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"newsarchive/export"
	"newsarchive/store"
)

// apiArticles answers GET /api/articles: a page of the latest version of
// each article matching the filters, and the cursor of the next page:
// {"articles": [{"key", "versions", "article"}…], "next_cursor"}. The
// stored JSON of each article is written as it is, not re-encoded: a page
// of fifty articles is most of a megabyte.
func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) {
	_, found, next, err := s.list(r.URL.Query())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var buf bytes.Buffer
	buf.WriteString(`{"articles":[`)
	n := 0
	for _, e := range found {
		doc, err := s.opts.Store.VersionJSON(e.Key, 0)
		if errors.Is(err, store.ErrNotFound) {
			continue // gone since the index saw it
		}
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		n++
		buf.WriteString(`{"key":`)
		writeString(&buf, e.Key)
		buf.WriteString(`,"versions":` + itoa(e.Versions) + `,"article":`)
		buf.Write(doc)
		buf.WriteByte('}')
	}
	buf.WriteString(`],"next_cursor":`)
	writeString(&buf, next)
	buf.WriteString("}\n")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(buf.Bytes())
}

// writeString writes s as a JSON string.
func writeString(buf *bytes.Buffer, s string) {
	b, _ := json.Marshal(s)
	buf.Write(b)
}

type apiVersion struct {
	Version int             `json:"version"`
	Changed []string        `json:"changed"`
	Article json.RawMessage `json:"article"`
}

// apiArticle answers GET /api/article?url=: every version with its
// archive fields and what changed from the one before.
func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	key, err := s.resolve(r.URL.Query())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	h, err := s.opts.Store.History(key)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	out := struct {
		Key      string       `json:"key"`
		Versions []apiVersion `json:"versions"`
	}{Key: key, Versions: []apiVersion{}}
	for _, v := range h {
		doc, err := s.opts.Store.VersionJSON(key, v.Version)
		if err != nil {
			s.failErr(w, r, err)
			return
		}
		changed := v.Changed
		if changed == nil {
			changed = []string{}
		}
		out.Versions = append(out.Versions, apiVersion{Version: v.Version, Changed: changed, Article: doc})
	}
	writeJSON(w, http.StatusOK, out)
}

// apiDiff answers GET /api/diff?url=&from=&to=.
func (s *Server) apiDiff(w http.ResponseWriter, r *http.Request) {
	d, latest, _, err := s.loadDiff(r.URL.Query())
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if d.From.Version == 0 {
		s.failErr(w, r, badParam("from", "%s has only version %d: nothing to compare", d.Key, latest.Version))
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// apiExport streams GET /api/export as the CLI's export writes it
// (format jsonl by default here); memory stays flat whatever the size.
func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	fs := q.Get("format")
	if fs == "" {
		fs = "jsonl"
	}
	format, err := export.ParseFormat(fs)
	if err != nil {
		s.failErr(w, r, badParam("format", "want json or jsonl (got %q)", fs))
		return
	}
	o := export.Options{Format: format}
	if o.AllVersions, err = parseBool(q, "all_versions"); err != nil {
		s.failErr(w, r, err)
		return
	}
	now := time.Now()
	if o.Since, err = export.ParseTime(q.Get("since"), now); err != nil {
		s.failErr(w, r, badParam("since", "%v", err))
		return
	}
	if o.Until, err = export.ParseTime(q.Get("until"), now); err != nil {
		s.failErr(w, r, badParam("until", "%v", err))
		return
	}
	o.Site = strings.ToLower(q.Get("site"))
	ct := "application/x-ndjson"
	if format == export.JSON {
		ct = "application/json"
	}
	w.Header().Set("Content-Type", ct+"; charset=utf-8")
	if _, err := export.Write(s.opts.Store, w, o); err != nil {
		// The status is sent; a cut stream is all that can tell.
		s.log.Error("export stream failed", "err", err)
	}
}

// maxFetchBody bounds POST /api/fetch's body.
const maxFetchBody = 64 << 10

// apiFetch answers POST /api/fetch {"url": …}: a one-off fetch, archived,
// answered with the stored version.
func (s *Server) apiFetch(w http.ResponseWriter, r *http.Request) {
	if s.opts.Fetch == nil {
		s.fail(w, r, http.StatusNotFound, "", "fetching is off on this server")
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		s.fail(w, r, http.StatusUnsupportedMediaType, "", "send the body as application/json: {\"url\": \"…\"}")
		return
	}
	var body struct {
		URL string `json:"url"`
	}
	dec := json.NewDecoder(io.LimitReader(r.Body, maxFetchBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		s.fail(w, r, http.StatusBadRequest, "body", "want {\"url\": \"…\"}: "+err.Error())
		return
	}
	if strings.TrimSpace(body.URL) == "" {
		s.failErr(w, r, badParam("url", "required: the URL to fetch"))
		return
	}
	a, err := s.opts.Fetch(r.Context(), body.URL)
	if err != nil {
		s.fail(w, r, http.StatusBadGateway, "url", "fetch: "+err.Error())
		return
	}
	if err := s.ix.refresh(); err != nil {
		s.log.Warn("refreshing the article index", "err", err)
	}
	writeJSON(w, http.StatusOK, a)
}

// apiRun is store.Run as the API writes it.
type apiRun struct {
	ID        uint64 `json:"id"`
	Job       string `json:"job"`
	Started   string `json:"started"`
	Ended     string `json:"ended"`
	Pages     int    `json:"pages"`
	New       int    `json:"new"`
	Changed   int    `json:"changed"`
	Unchanged int    `json:"unchanged"`
	Errors    int    `json:"errors"`
	Error     string `json:"error"`
}

// apiRuns answers GET /api/runs?job=&limit=.
func (s *Server) apiRuns(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := 100
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			s.failErr(w, r, badParam("limit", "want a number, 0 for all (got %q)", v))
			return
		}
		limit = n
	}
	runs, err := s.opts.Store.Runs(q.Get("job"), limit)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	out := struct {
		Runs []apiRun `json:"runs"`
	}{Runs: []apiRun{}}
	for _, r := range runs {
		ended := ""
		if !r.Ended.IsZero() {
			ended = r.Ended.UTC().Format(time.RFC3339)
		}
		out.Runs = append(out.Runs, apiRun{r.ID, r.Job, r.Started.UTC().Format(time.RFC3339), ended,
			r.Pages, r.New, r.Changed, r.Unchanged, r.Errors, r.Error})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
