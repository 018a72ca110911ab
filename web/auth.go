package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
)

const sessionCookie = "newsarchive_session"

func mac(key, msg string) string {
	h := hmac.New(sha256.New, []byte(key))
	h.Write([]byte(msg))
	return hex.EncodeToString(h.Sum(nil))
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// bearer returns the request's Bearer token, "" if none.
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// authorised reports whether r may read the archive: no token is set, or
// it carries the token or a session cookie from the login form.
func (s *Server) authorised(r *http.Request) bool {
	if s.opts.Token == "" {
		return true
	}
	if t := bearer(r); t != "" && equal(t, s.opts.Token) {
		return true
	}
	c, err := r.Cookie(sessionCookie)
	return err == nil && equal(c.Value, s.session)
}

// auth sends a request without the token to the login form (a page) or
// answers 401 (the API, the feed).
func (s *Server) auth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		open := p == "/healthz" || p == "/login" || strings.HasPrefix(p, "/static/") || p == "/api/cli" // /api/cli checks its own token
		if open || s.authorised(r) {
			next.ServeHTTP(w, r)
			return
		}
		if r.Method == http.MethodGet && wantsHTML(r) {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="newsarchive"`)
		s.fail(w, r, http.StatusUnauthorized, "", "this archive needs its token: send Authorization: Bearer TOKEN, or log in at /login")
	})
}

// wantsHTML tells a browser's page request from an API client's.
func wantsHTML(r *http.Request) bool {
	p := r.URL.Path
	if strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/feeds/") || p == "/healthz" || p == "/raw/capture" {
		return false
	}
	return true
}

// checkForm checks a form post's anti-forgery token; the cross-origin
// check has already refused posts that other sites' pages make.
func (s *Server) checkForm(w http.ResponseWriter, r *http.Request) bool {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "", "bad form: "+err.Error())
		return false
	}
	if !equal(r.PostFormValue("csrf"), s.csrf) {
		s.fail(w, r, http.StatusForbidden, "csrf", "the form is out of date or was not sent by this site; reload the page and try again")
		return false
	}
	return true
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "login", pageData{Title: "Log in", Body: loginView{Next: safeNext(r.URL.Query().Get("next"))}})
}

type loginView struct {
	Next  string
	Wrong bool
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if !s.checkForm(w, r) {
		return
	}
	next := safeNext(r.PostFormValue("next"))
	if s.opts.Token == "" {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	if !equal(r.PostFormValue("token"), s.opts.Token) {
		s.render(w, r, http.StatusUnauthorized, "login", pageData{Title: "Log in", Body: loginView{Next: next, Wrong: true}})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: s.session, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if !s.checkForm(w, r) {
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// safeNext keeps a redirect target on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
