package web

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticRoot embed.FS

var staticFS, _ = fs.Sub(staticRoot, "static")

// pageData is what every page template gets: the layout's fields and the
// page's own view in Body.
type pageData struct {
	Title  string
	Nav    string // the menu entry to mark as current
	Body   any
	CSRF   string
	Logout bool // a token guards the site: offer to log out
}

var funcs = template.FuncMap{
	"time": func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.UTC().Format("2006-01-02 15:04")
	},
	"orDash": func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	},
	"short": func(s string, n int) string {
		if len(s) <= n {
			return s
		}
		return s[:n]
	},
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
	"itoa": strconv.Itoa,
	"list": func(s ...string) []string { return s },
}

// pages holds one template set per page: the layout plus the page.
var pages = func() map[string]*template.Template {
	layout := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html"))
	names, _ := fs.Glob(templateFS, "templates/*.html")
	out := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		out[name] = template.Must(template.Must(layout.Clone()).ParseFS(templateFS, n))
	}
	return out
}()

// render writes page name. It renders into a buffer first, so a template
// error is a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, d pageData) {
	d.CSRF = s.csrf
	d.Logout = s.opts.Token != ""
	var buf bytes.Buffer
	if err := pages[name].ExecuteTemplate(&buf, "layout.html", d); err != nil {
		s.log.Error("rendering a page", "page", name, "err", err)
		http.Error(w, "internal error rendering the page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// highlight cuts s into pieces, marking where q (lower case) occurs.
func highlight(s, q string) []seg {
	if q == "" {
		return []seg{{"eq", s}}
	}
	var out []seg
	ls := strings.ToLower(s)
	// ToLower can change byte lengths outside ASCII; then mark nothing
	// rather than cut a character.
	if len(ls) != len(s) {
		return []seg{{"eq", s}}
	}
	for {
		i := strings.Index(ls, q)
		if i < 0 {
			break
		}
		out = append(out, seg{"eq", s[:i]}, seg{"mark", s[i : i+len(q)]})
		s, ls = s[i+len(q):], ls[i+len(q):]
	}
	return append(out, seg{"eq", s})
}

func itoa(n int) string { return strconv.Itoa(n) }
