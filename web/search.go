package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"newsarchive/export"
	"newsarchive/search"
)

// searchRequest reads the parameters of GET /search and /api/search: q,
// all_versions, removed, site, since, sort, limit and cursor.
func searchRequest(q url.Values) (search.Request, error) {
	r := search.Request{Query: strings.TrimSpace(q.Get("q")), Site: q.Get("site"), Cursor: q.Get("cursor"), Sort: q.Get("sort")}
	if r.Query == "" {
		return r, badParam("q", "a query is required")
	}
	var err error
	if r.AllVersions, err = boolParam(q, "all_versions"); err != nil {
		return r, err
	}
	if r.Removed, err = boolParam(q, "removed"); err != nil {
		return r, err
	}
	switch r.Sort {
	case "", "relevance", "date":
	default:
		return r, badParam("sort", "want relevance or date (got %q)", r.Sort)
	}
	if v := q.Get("since"); v != "" {
		if r.Since, err = export.ParseTime(v, time.Now()); err != nil {
			return r, badParam("since", "%v", err)
		}
	}
	if v := q.Get("limit"); v != "" {
		if r.Limit, err = strconv.Atoi(v); err != nil || r.Limit < 1 || r.Limit > 1000 {
			return r, badParam("limit", "want 1 to 1000 (got %q)", v)
		}
	}
	return r, nil
}

func boolParam(q url.Values, name string) (bool, error) {
	switch q.Get(name) {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	}
	return false, badParam(name, "want 1 or 0 (got %q)", q.Get(name))
}

// runSearch runs the request's search; on an error it has answered the
// request and ok is false. A query that does not parse is a bad q.
func (s *Server) runSearch(w http.ResponseWriter, r *http.Request) (search.Request, search.Result, bool) {
	if s.opts.Search == nil {
		s.fail(w, r, http.StatusServiceUnavailable, "", "search is off: the archive has no usable search index (run newsarchive reindex)")
		return search.Request{}, search.Result{}, false
	}
	req, err := searchRequest(r.URL.Query())
	if err != nil {
		s.failErr(w, r, err)
		return req, search.Result{}, false
	}
	res, err := s.opts.Search.Search(r.Context(), req)
	var qe *search.QueryError
	if errors.As(err, &qe) {
		s.failErr(w, r, badParam("q", "%s", qe.Error()))
		return req, res, false
	}
	if err != nil {
		s.failErr(w, r, err)
		return req, res, false
	}
	return req, res, true
}

// apiSearch answers GET /api/search: hits with fragments (marks as byte
// spans), facets by site and month, and the next page's cursor.
func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	if _, res, ok := s.runSearch(w, r); ok {
		writeJSON(w, http.StatusOK, res)
	}
}

type searchView struct {
	Req    search.Request
	Res    search.Result
	Hits   []hitView
	NextQS string // the query string of the next page, "" on the last
}

type hitView struct {
	search.Hit
	Fragments []template.HTML // escaped text, matches in <mark>
}

// searchPage answers GET /search: the search box's results, with the
// matches highlighted and facets to narrow them; a removed hit links to
// the diff that took the text out.
func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("q") == "" {
		s.render(w, r, http.StatusOK, "search", pageData{Title: "Search", Nav: "search", Body: searchView{}})
		return
	}
	req, res, ok := s.runSearch(w, r)
	if !ok {
		return
	}
	v := searchView{Req: req, Res: res}
	for _, h := range res.Hits {
		hv := hitView{Hit: h}
		for _, f := range h.Fragments {
			hv.Fragments = append(hv.Fragments, markFragment(f))
		}
		v.Hits = append(v.Hits, hv)
	}
	if res.Next != "" {
		q := r.URL.Query()
		q.Set("cursor", res.Next)
		v.NextQS = q.Encode()
	}
	s.render(w, r, http.StatusOK, "search", pageData{Title: "Search: " + req.Query, Nav: "search", Body: v})
}

// markFragment escapes a fragment's text and wraps each match in <mark>.
func markFragment(f search.Fragment) template.HTML {
	var b strings.Builder
	at := 0
	for _, m := range f.Marks {
		if m[0] < at || m[1] > len(f.Text) || m[0] > m[1] {
			continue
		}
		b.WriteString(template.HTMLEscapeString(f.Text[at:m[0]]))
		b.WriteString("<mark>" + template.HTMLEscapeString(f.Text[m[0]:m[1]]) + "</mark>")
		at = m[1]
	}
	b.WriteString(template.HTMLEscapeString(f.Text[at:]))
	return template.HTML(b.String())
}
