package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mmcdole/gofeed"

	"newsarchive/article"
)

const testToken = "correct-horse-battery-staple"

func TestLoopbackOnlyWithoutToken(t *testing.T) {
	ts, _ := start(t, seed(t), Options{})
	cases := []struct {
		host string
		code int
	}{
		{"127.0.0.1", 200}, {"localhost:8080", 200}, {"[::1]:8080", 200},
		{"archive.example.com", http.StatusMisdirectedRequest}, {"192.168.1.20:8080", http.StatusMisdirectedRequest},
		{"127.0.0.1.evil.example", http.StatusMisdirectedRequest},
	}
	for _, c := range cases {
		req, _ := http.NewRequest("GET", ts.URL+"/api/runs", nil)
		req.Host = c.host
		if code, _, body := do(t, ts, req); code != c.code {
			t.Errorf("Host %s: %d %s, want %d", c.host, code, body, c.code)
		}
	}
}

func TestToken(t *testing.T) {
	ts, s := start(t, seed(t), Options{Token: testToken})
	// With a token, any Host is answered (the token is the guard).
	cases := []struct {
		name, path string
		hdr        []string
		code       int
	}{
		{"api without token", "/api/articles", nil, 401},
		{"api with a wrong token", "/api/articles", []string{"Authorization", "Bearer nope"}, 401},
		{"api with the token", "/api/articles", []string{"Authorization", "Bearer " + testToken}, 200},
		{"page without token goes to the login form", "/articles?q=x", nil, 303},
		{"page with the token", "/articles", []string{"Authorization", "Bearer " + testToken}, 200},
		{"feed without token", "/feeds/changes.atom", nil, 401},
		{"capture without token", "/raw/capture?url=" + q(keyEN), nil, 401},
		{"health is open", "/healthz", nil, 200},
		{"login is open", "/login", nil, 200},
		{"forged cookie", "/api/runs", []string{"Cookie", sessionCookie + "=" + mac("guess", "session")}, 401},
		{"session cookie", "/api/runs", []string{"Cookie", sessionCookie + "=" + s.session}, 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, h, body := get(t, ts, c.path, c.hdr...)
			if code != c.code {
				t.Fatalf("%d %s, want %d", code, body, c.code)
			}
			if code == 303 && h.Get("Location") != "/login?next="+q("/articles?q=x") {
				t.Errorf("redirect to %q", h.Get("Location"))
			}
			if code == 401 && (!strings.Contains(body, `"error"`) || h.Get("WWW-Authenticate") == "") {
				t.Errorf("401 without a JSON error or challenge: %v %s", h, body)
			}
		})
	}

	t.Run("login form", func(t *testing.T) {
		code, _, _ := post(t, ts, "/login", "application/x-www-form-urlencoded", form("token", testToken, "next", "/runs"))
		if code != 403 {
			t.Errorf("login without the form's csrf token: %d", code)
		}
		code, _, _ = post(t, ts, "/login", "application/x-www-form-urlencoded", form("token", "wrong", "csrf", s.csrf))
		if code != 401 {
			t.Errorf("wrong token: %d", code)
		}
		code, h, _ := post(t, ts, "/login", "application/x-www-form-urlencoded", form("token", testToken, "csrf", s.csrf, "next", "//evil.example/"))
		if code != 303 || h.Get("Location") != "/" {
			t.Errorf("login: %d to %q (an off-site next must not be followed)", code, h.Get("Location"))
		}
		ck := h.Get("Set-Cookie")
		if !strings.Contains(ck, sessionCookie+"="+s.session) || !strings.Contains(ck, "HttpOnly") || !strings.Contains(ck, "SameSite=Strict") {
			t.Errorf("cookie %q", ck)
		}
	})
}

// TestStateChanges checks that every state change needs POST, passes the
// cross-origin check, and (forms) carries the form's token.
func TestStateChanges(t *testing.T) {
	st := seed(t)
	var fetched, ran atomic.Int32
	ts, s := start(t, st, Options{
		Fetch: func(ctx context.Context, u string) (*article.Article, error) {
			fetched.Add(1)
			return &article.Article{URL: keyEN}, nil
		},
		RunNow: func(ctx context.Context, job string) error { ran.Add(1); return nil },
	})
	form := "application/x-www-form-urlencoded"
	cases := []struct {
		name, path, ctype, body string
		hdr                     []string
		code                    int
	}{
		{"cross-site api fetch", "/api/fetch", "application/json", `{"url":"https://x.example/"}`, []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"other-origin api fetch", "/api/fetch", "application/json", `{"url":"https://x.example/"}`, []string{"Origin", "https://evil.example"}, 403},
		{"form fetch without csrf", "/fetch", form, "url=https://x.example/", nil, 403},
		{"form fetch cross-site", "/fetch", form, "url=https://x.example/&csrf=" + s.csrf, []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"form fetch", "/fetch", form, "url=https://x.example/&csrf=" + s.csrf, []string{"Sec-Fetch-Site", "same-origin"}, 303},
		{"run now without csrf", "/runs", form, "job=news", nil, 403},
		{"run now, unknown job", "/runs", form, "job=other&csrf=" + s.csrf, nil, 400},
		{"run now", "/runs", form, "job=news&csrf=" + s.csrf, nil, 303},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, body := post(t, ts, c.path, c.ctype, c.body, c.hdr...)
			if code != c.code {
				t.Errorf("%d %s, want %d", code, body, c.code)
			}
		})
	}
	s.Wait() // the run goes on after the redirect
	if fetched.Load() != 1 || ran.Load() != 1 {
		t.Errorf("fetched %d times, ran %d times; want 1 and 1", fetched.Load(), ran.Load())
	}
	if code, _, _ := get(t, ts, "/fetch?url=https://x.example/"); code != 405 {
		t.Errorf("GET /fetch: %d, want 405", code)
	}
}

func TestFeed(t *testing.T) {
	ts, _ := start(t, seed(t), Options{})
	cases := []struct {
		query string
		want  []string // entry titles in order
	}{
		{"", []string{`Edited (v2): Hostile <script>console.error("title ran")</script>`, "Edited (v2): 仪器展会隆重开幕", "Edited (v2): Plant opens", "New: Bridge closed overnight"}},
		{"?site=chem17.com", []string{"Edited (v2): 仪器展会隆重开幕"}},
		{"?site=nowhere.example", nil},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			code, h, body := get(t, ts, "/feeds/changes.atom"+c.query)
			if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "application/atom+xml") {
				t.Fatalf("%d %v", code, h)
			}
			f, err := gofeed.NewParser().ParseString(body)
			if err != nil {
				t.Fatalf("%v in\n%s", err, body)
			}
			if want := ts.URL + "/articles" + strings.Replace(c.query, "?site=", "?site=", 1); f.Link != want {
				t.Errorf("feed link %q, want %q", f.Link, want)
			}
			if f.FeedType != "atom" {
				t.Errorf("feed type %q", f.FeedType)
			}
			var got []string
			for _, it := range f.Items {
				got = append(got, it.Title)
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Fatalf("entries %q, want %q", got, c.want)
			}
			if len(f.Items) == 0 {
				return
			}
			first := f.Items[0]
			if !strings.HasPrefix(first.Link, ts.URL+"/diff?url=") || !strings.Contains(first.Link, "from=1&to=2") {
				t.Errorf("edit entry links to %q, want its diff", first.Link)
			}
			if !strings.Contains(first.Description, "changed") || !strings.Contains(first.Description, "deleted") {
				t.Errorf("edit entry summary %q", first.Description)
			}
			if first.UpdatedParsed == nil || first.UpdatedParsed.IsZero() {
				t.Errorf("entry without updated time")
			}
		})
	}
	_, _, body := get(t, ts, "/feeds/changes.atom?site=chem17.com")
	f, _ := gofeed.NewParser().ParseString(body)
	if !strings.Contains(f.Items[0].Description, "[-三-]{+五+}") || !strings.Contains(f.Items[0].Description, "{+隆重+}") {
		t.Errorf("summary without the change: %q", f.Items[0].Description)
	}
}

func TestCLIEndpoint(t *testing.T) {
	var got []string
	ts, _ := start(t, seed(t), Options{ExecToken: testToken, Exec: func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		got = args
		stdout.Write([]byte("out 1\n"))
		stderr.Write([]byte("err\n"))
		stdout.Write([]byte("out 2\n"))
		return 3
	}})
	body, _ := json.Marshal(map[string][]string{"args": {"list", "--site=x"}})
	if code, _, _ := post(t, ts, "/api/cli", "application/json", string(body)); code != 401 {
		t.Errorf("without the token: %d", code)
	}
	if code, _, _ := post(t, ts, "/api/cli", "application/json", string(body), "Authorization", "Bearer wrong"); code != 401 {
		t.Errorf("with a wrong token: %d", code)
	}
	if code, _, _ := post(t, ts, "/api/cli", "application/json", `{}`, "Authorization", "Bearer "+testToken); code != 400 {
		t.Errorf("without args: %d", code)
	}

	archive := filepath.Join(t.TempDir(), "archive.db")
	if err := WriteDiscovery(DiscoveryPath(archive), Discovery{URL: ts.URL, Token: testToken}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(archive + ".serve"); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("discovery file %v %v, want mode 0600", fi, err)
	}
	var out, errb, logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	code, err := Forward(context.Background(), archive, []string{"list", "--site=x"}, &out, &errb, log)
	if err != nil || code != 3 || out.String() != "out 1\nout 2\n" || errb.String() != "err\n" || strings.Join(got, " ") != "list --site=x" {
		t.Errorf("forward: code %d err %v out %q err %q args %q", code, err, out.String(), errb.String(), got)
	}

	ts.Close() // the discovery file is stale now
	logs.Reset()
	if _, err := Forward(context.Background(), archive, []string{"list"}, &out, &errb, log); !errors.Is(err, ErrNoServer) {
		t.Errorf("stale file: %v, want ErrNoServer", err)
	}
	if !strings.Contains(logs.String(), "level=DEBUG") || !strings.Contains(logs.String(), "stale discovery file") {
		t.Errorf("stale file not logged at debug level: %q", logs.String())
	}
	if _, err := Forward(context.Background(), filepath.Join(t.TempDir(), "none.db"), []string{"list"}, &out, &errb, log); !errors.Is(err, ErrNoServer) {
		t.Errorf("no file: %v, want ErrNoServer", err)
	}
}
