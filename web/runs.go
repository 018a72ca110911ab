package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"newsarchive/store"
)

type runsView struct {
	Runs    []store.Run
	Jobs    []jobStatus
	CanRun  bool
	Started string // a job whose run the previous form started
	// Run is the run whose per-host figures are shown (?run=ID), with
	// them; nil when none is asked for.
	Run   *store.Run
	Hosts []store.RunHost
}

func (s *Server) runsPage(w http.ResponseWriter, r *http.Request) {
	runs, err := s.opts.Store.Runs("", 100)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	v := runsView{Runs: runs, CanRun: s.opts.RunNow != nil, Started: r.URL.Query().Get("started")}
	v.Jobs, _ = s.jobStatus(runs)
	if id := r.URL.Query().Get("run"); id != "" {
		n, err := strconv.ParseUint(id, 10, 64)
		if err != nil || n == 0 {
			s.failErr(w, r, badParam("run", "want a run number, got %q", id))
			return
		}
		for i := range runs {
			if runs[i].ID == n {
				v.Run = &runs[i]
			}
		}
		if v.Run == nil {
			s.failErr(w, r, badParam("run", "no run %d among the last %d", n, len(runs)))
			return
		}
		if v.Hosts, err = s.opts.Store.RunHosts(n); err != nil {
			s.failErr(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "runs", pageData{Title: "Runs", Nav: "runs", Body: v})
}

// runNow starts one run of a job and returns at once; the run goes on in
// the background until it ends or serve stops.
func (s *Server) runNow(w http.ResponseWriter, r *http.Request) {
	if !s.checkForm(w, r) {
		return
	}
	if s.opts.RunNow == nil {
		s.fail(w, r, http.StatusNotFound, "", "running jobs from the site is off")
		return
	}
	job := r.PostFormValue("job")
	known := false
	if s.opts.Jobs != nil {
		for _, j := range s.opts.Jobs(time.Now()) {
			known = known || j.Name == job
		}
	}
	if !known {
		s.failErr(w, r, badParam("job", "no configured job named %q", job))
		return
	}
	s.runs.Add(1)
	go func() {
		defer s.runs.Done()
		if err := s.opts.RunNow(s.ctx, job); err != nil {
			s.log.Error("run started from the site failed", "job", job, "err", err)
		}
	}()
	http.Redirect(w, r, "/runs?started="+url.QueryEscape(job), http.StatusSeeOther)
}

// fetchForm archives one URL from the home page's form and shows it.
func (s *Server) fetchForm(w http.ResponseWriter, r *http.Request) {
	if !s.checkForm(w, r) {
		return
	}
	if s.opts.Fetch == nil {
		s.fail(w, r, http.StatusNotFound, "", "fetching from the site is off")
		return
	}
	u := strings.TrimSpace(r.PostFormValue("url"))
	if u == "" {
		s.failErr(w, r, badParam("url", "give the URL to fetch"))
		return
	}
	a, err := s.opts.Fetch(r.Context(), u)
	if err != nil {
		s.fail(w, r, http.StatusBadGateway, "url", "fetch: "+err.Error())
		return
	}
	if err := s.ix.refresh(); err != nil {
		s.log.Warn("refreshing the article index", "err", err)
	}
	http.Redirect(w, r, "/article?url="+url.QueryEscape(a.URL), http.StatusSeeOther)
}
