package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"newsarchive/article"
	"newsarchive/search"
	"newsarchive/store"
)

// Options configure the site. Store is required; the functions are
// optional, and the features that need them are hidden without them.
type Options struct {
	Store *store.Store
	// Fetch fetches, extracts and archives one URL (POST /api/fetch and
	// the home page's form).
	Fetch func(ctx context.Context, url string) (*article.Article, error)
	// RunNow starts one run of a configured job (the runs page's buttons);
	// it blocks until the run ends.
	RunNow func(ctx context.Context, job string) error
	// Jobs lists the configured jobs and their next scheduled runs.
	Jobs func(now time.Time) []Job
	// Exec runs a command line of the CLI against the held archive,
	// writing what the command writes (POST /api/cli). Nil turns it off.
	Exec func(ctx context.Context, args []string, stdout, stderr io.Writer) int
	// Token, when set, is required from every request (Bearer, or the
	// login form's session cookie). Without it the site answers only
	// requests addressed to a loopback name.
	Token string
	// ExecToken is the Bearer token /api/cli requires (always; "" turns
	// the endpoint off). The discovery file hands it to the CLI.
	ExecToken string
	// PublicURL is the site's address for absolute links (the feed); ""
	// uses the address each request came to.
	PublicURL string
	// Search is the archive's full-text index (/search, /api/search);
	// nil turns search off.
	Search *search.Index
	// Rules names the configured notification rules (their feeds and the
	// notifications page's filter).
	Rules []string
	Log   *slog.Logger
}

// Job is one configured job as the home and runs pages show it.
type Job struct {
	Name     string
	Schedule string    // "" when not scheduled
	Next     time.Time // zero when not scheduled (or scheduling is off)
}

// Server is the site's http.Handler.
type Server struct {
	opts    Options
	ctx     context.Context // the serve process's life: runs started here stop with it
	log     *slog.Logger
	ix      *index
	mux     *http.ServeMux
	handler http.Handler
	csrf    string         // the forms' anti-forgery token
	session string         // the session cookie's value when a Token is set
	runs    sync.WaitGroup // runs started from the site
}

// New builds the site and reads the archive into its index. ctx bounds
// the runs the site starts and the CLI commands it carries out.
func New(ctx context.Context, o Options) (*Server, error) {
	if o.Store == nil {
		return nil, errors.New("web: Options.Store is nil")
	}
	s := &Server{opts: o, ctx: ctx, log: o.Log, ix: newIndex(o.Store), mux: http.NewServeMux()}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.csrf = randomHex()
	if o.Token != "" {
		s.session = mac(o.Token, "session")
	}
	if err := s.ix.refresh(); err != nil {
		return nil, fmt.Errorf("web: reading the archive: %w", err)
	}
	go s.ix.keepFresh(ctx, s.log)
	s.routes()
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusForbidden, "", "cross-origin request refused")
	}))
	s.handler = s.headers(s.hostCheck(cop.Handler(s.auth(s.mux))))
	return s, nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Wait waits for the runs started from the site ("Run now") to return;
// they stop when New's ctx ends.
func (s *Server) Wait() { s.runs.Wait() }

func (s *Server) routes() {
	methods := map[string][]string{} // path → the methods it answers
	h := func(method, path string, fn http.HandlerFunc) {
		methods[path] = append(methods[path], method)
		s.mux.HandleFunc(method+" "+path, fn)
	}
	h("GET", "/{$}", s.home)
	h("GET", "/articles", s.articles)
	h("GET", "/article", s.article)
	h("GET", "/diff", s.diffPage)
	h("GET", "/raw", s.rawPage)
	h("GET", "/raw/capture", s.rawCapture)
	h("GET", "/runs", s.runsPage)
	h("POST", "/runs", s.runNow)
	h("POST", "/fetch", s.fetchForm)
	h("GET", "/login", s.loginPage)
	h("POST", "/login", s.login)
	h("POST", "/logout", s.logout)
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(staticFS)))

	h("GET", "/api/articles", s.apiArticles)
	h("GET", "/api/article", s.apiArticle)
	h("GET", "/api/diff", s.apiDiff)
	h("GET", "/api/export", s.apiExport)
	h("POST", "/api/fetch", s.apiFetch)
	h("GET", "/api/runs", s.apiRuns)
	h("POST", "/api/cli", s.apiCLI)
	h("GET", "/healthz", s.healthz)
	h("GET", "/feeds/changes.atom", s.feed)
	h("GET", "/feeds/rule/{file}", s.ruleFeed)
	h("GET", "/notifications", s.notificationsPage)
	h("GET", "/api/notifications", s.apiNotifications)
	h("GET", "/search", s.searchPage)
	h("GET", "/api/search", s.apiSearch)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		path := r.URL.Path
		if path == "/" {
			path = "/{$}"
		}
		if m := methods[path]; m != nil {
			w.Header().Set("Allow", strings.Join(m, ", "))
			s.fail(w, r, http.StatusMethodNotAllowed, "", r.Method+" is not allowed here (use "+strings.Join(m, " or ")+")")
			return
		}
		s.fail(w, r, http.StatusNotFound, "", "no such page: "+r.URL.Path)
	})
}

// pageCSP lets pages load only this site's stylesheet and frame only its
// own raw captures: no script, no font, no image from anywhere, so that
// reading the archive sends nothing to the archived sites.
const pageCSP = "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// headers sets the headers every response carries.
func (s *Server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", pageCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// hostCheck answers only requests addressed to a loopback name when no
// token guards the site: a page elsewhere that rebinds its own host name
// to 127.0.0.1 must not be able to read the archive.
func (s *Server) hostCheck(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.opts.Token == "" && !LoopbackHost(r.Host) {
			s.fail(w, r, http.StatusMisdirectedRequest, "", "this archive answers only on a loopback address (Host "+r.Host+")")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// LoopbackHost reports whether hostport names this machine only:
// localhost or a loopback IP, with or without a port.
func LoopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func randomHex() string {
	b := make([]byte, 24)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// baseURL is the site's address for absolute links.
func (s *Server) baseURL(r *http.Request) string {
	if s.opts.PublicURL != "" {
		return strings.TrimRight(s.opts.PublicURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
