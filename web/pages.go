package web

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"newsarchive/article"
	"newsarchive/store"
)

type homeView struct {
	Counts   counts
	Edits    []entry
	New      []entry
	Runs     []store.Run
	JobRuns  []jobStatus
	Jobs     []Job
	CanFetch bool
}

type jobStatus struct {
	Job  Job
	Last *store.Run
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	v := homeView{Counts: s.ix.counts(), CanFetch: s.opts.Fetch != nil}
	v.Edits = s.ix.latest(10, func(e *entry) bool { return e.Versions > 1 })
	v.New = s.ix.latest(10, func(e *entry) bool { return e.Versions == 1 })
	runs, err := s.opts.Store.Runs("", 200)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	v.Runs = runs[:min(len(runs), 10)]
	v.JobRuns, v.Jobs = s.jobStatus(runs)
	s.render(w, r, http.StatusOK, "home", pageData{Title: "Archive", Nav: "home", Body: v})
}

// jobStatus pairs each configured job with its latest run, and lists the
// scheduled ones by their next run.
func (s *Server) jobStatus(runs []store.Run) ([]jobStatus, []Job) {
	if s.opts.Jobs == nil {
		return nil, nil
	}
	jobs := s.opts.Jobs(time.Now())
	var out []jobStatus
	var next []Job
	for _, j := range jobs {
		st := jobStatus{Job: j}
		for i := range runs {
			if runs[i].Job == j.Name {
				st.Last = &runs[i]
				break
			}
		}
		out = append(out, st)
		if !j.Next.IsZero() {
			next = append(next, j)
		}
	}
	return out, next
}

type listView struct {
	F       filter
	Rows    []listRow
	Next    string // the next page's URL, "" on the last
	First   string // the first page's URL
	Query   url.Values
	Sorting string
}

type listRow struct {
	entry
	Title []seg
}

func (s *Server) articles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, found, next, err := s.list(q)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	v := listView{F: f, Query: q}
	for _, e := range found {
		v.Rows = append(v.Rows, listRow{entry: e, Title: highlight(e.Title, f.Q)})
	}
	fq := cloneValues(q)
	fq.Del("cursor")
	v.First = "/articles?" + fq.Encode()
	if next != "" {
		nq := cloneValues(q)
		nq.Set("cursor", next)
		v.Next = "/articles?" + nq.Encode()
	}
	s.render(w, r, http.StatusOK, "articles", pageData{Title: "Articles", Nav: "articles", Body: v})
}

// list answers a list query: the filter, a page of entries and the next
// page's cursor.
func (s *Server) list(q url.Values) (filter, []entry, string, error) {
	f, err := parseFilter(q, time.Now())
	if err != nil {
		return f, nil, "", err
	}
	found, next, err := s.ix.page(f)
	if err != nil {
		return f, nil, "", badParam("cursor", "%v", err)
	}
	return f, found, next, nil
}

func cloneValues(q url.Values) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	return out
}

type articleView struct {
	Key      string
	A        article.Article
	Body     bodyView
	History  []store.VersionInfo
	Latest   int
	Versions []int // newest first
	From, To int   // the comparison the form offers first: the shown version and the one before
}

// bodyView is the article body as a page shows it.
type bodyView struct {
	Paragraphs []string
	// HTML is the sanitised body HTML, when the version has one.
	HTML template.HTML
}

// versionOf loads the url parameter's article at version param name (0:
// the latest) with its history.
func (s *Server) versionOf(q url.Values, name string) (string, article.Article, []store.VersionInfo, error) {
	key, err := s.resolve(q)
	if err != nil {
		return "", article.Article{}, nil, err
	}
	n, err := parseVersion(q, name)
	if err != nil {
		return "", article.Article{}, nil, err
	}
	h, err := s.opts.Store.History(key)
	if err != nil {
		return "", article.Article{}, nil, err
	}
	a, err := s.opts.Store.Version(key, n)
	if errors.Is(err, store.ErrNotFound) && n != 0 {
		return "", article.Article{}, nil, badParam(name, "%s has no version %d (it has %s)", key, n, versionList(h))
	}
	return key, a, h, err
}

func versionList(h []store.VersionInfo) string {
	var parts []string
	for _, v := range h {
		parts = append(parts, itoa(v.Version))
	}
	return strings.Join(parts, ", ")
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	key, a, h, err := s.versionOf(r.URL.Query(), "v")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	v := articleView{Key: key, A: a, Body: articleBody(&a), History: h, Latest: h[len(h)-1].Version}
	v.From, v.To = pickVersions(h, 0, a.Version)
	for i := len(h) - 1; i >= 0; i-- {
		v.Versions = append(v.Versions, h[i].Version)
	}
	s.render(w, r, http.StatusOK, "article", pageData{Title: a.Title, Nav: "articles", Body: v})
}

type diffView struct {
	D        versionDiff
	Side     []sideRow
	View     string // "inline" or "side"
	Title    string
	Versions []int
	Only     bool // the article has one version: nothing to compare
}

// loadDiff reads the two versions the query names.
func (s *Server) loadDiff(q url.Values) (versionDiff, article.Article, []store.VersionInfo, error) {
	key, err := s.resolve(q)
	if err != nil {
		return versionDiff{}, article.Article{}, nil, err
	}
	from, err := parseVersion(q, "from")
	if err != nil {
		return versionDiff{}, article.Article{}, nil, err
	}
	to, err := parseVersion(q, "to")
	if err != nil {
		return versionDiff{}, article.Article{}, nil, err
	}
	h, err := s.opts.Store.History(key)
	if err != nil {
		return versionDiff{}, article.Article{}, nil, err
	}
	from, to = pickVersions(h, from, to)
	vb, err := s.opts.Store.Version(key, to)
	if err != nil {
		return versionDiff{}, article.Article{}, h, versionErr(err, "to", key, to, h)
	}
	if from == 0 {
		return versionDiff{Key: key}, vb, h, nil
	}
	va, err := s.opts.Store.Version(key, from)
	if err != nil {
		return versionDiff{}, article.Article{}, h, versionErr(err, "from", key, from, h)
	}
	return diffVersions(key, &va, &vb), vb, h, nil
}

func versionErr(err error, param, key string, n int, h []store.VersionInfo) error {
	if errors.Is(err, store.ErrNotFound) {
		return badParam(param, "%s has no version %d (it has %s)", key, n, versionList(h))
	}
	return err
}

func (s *Server) diffPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	view := q.Get("view")
	switch view {
	case "":
		view = "inline"
	case "inline", "side":
	default:
		s.failErr(w, r, badParam("view", "want inline or side (got %q)", view))
		return
	}
	d, latest, h, err := s.loadDiff(q)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	v := diffView{D: d, Side: d.side, View: view, Title: latest.Title, Only: d.From.Version == 0}
	if v.Only {
		v.D.Key = d.Key
		v.D.To = versionRef{latest.Version, latest.FetchedAt}
	}
	for i := len(h) - 1; i >= 0; i-- {
		v.Versions = append(v.Versions, h[i].Version)
	}
	s.render(w, r, http.StatusOK, "diff", pageData{Title: "Changes: " + latest.Title, Nav: "articles", Body: v})
}

type rawView struct {
	Key     string
	Version int
	Title   string
	Capture string // the capture's own URL, framed
	Missing bool
}

func (s *Server) rawPage(w http.ResponseWriter, r *http.Request) {
	key, a, _, err := s.versionOf(r.URL.Query(), "v")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	v := rawView{Key: key, Version: a.Version, Title: a.Title,
		Capture: "/raw/capture?url=" + url.QueryEscape(key) + "&v=" + itoa(a.Version)}
	if _, err := s.opts.Store.Raw(key, a.Version); errors.Is(err, store.ErrNotFound) {
		v.Missing = true
	}
	s.render(w, r, http.StatusOK, "raw", pageData{Title: "Capture: " + a.Title, Nav: "articles", Body: v})
}

// captureCSP is the raw capture's policy: a sandbox without scripts,
// forms, popups or navigation of the page around it, in an origin of its
// own; nothing is loaded from anywhere (inline styles and data: images
// only), so an archived page can neither run nor reach the network.
const captureCSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"

// rawCapture serves the stored HTML as it was fetched, for the sandboxed
// frame of the raw page, with frames and resource hints disarmed (see
// defang); with source=1, the stored bytes exactly, as text.
func (s *Server) rawCapture(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	key, err := s.resolve(q)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	n, err := parseVersion(q, "v")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	source, err := parseBool(q, "source")
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	raw, err := s.opts.Store.Raw(key, n)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	h := w.Header()
	if source {
		h.Set("Content-Type", "text/plain")
		w.Write(raw)
		return
	}
	h.Set("Content-Security-Policy", captureCSP)
	h.Set("X-Frame-Options", "SAMEORIGIN")
	// No charset: the page's own <meta charset> (GBK, Big5…) decides, as
	// it did when it was fetched.
	h.Set("Content-Type", "text/html")
	h.Set("Cache-Control", "private, max-age=3600")
	w.Write(defang(raw))
}
