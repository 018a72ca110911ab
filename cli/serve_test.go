package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"newsarchive/web"
)

// startServe runs `serve` on cfg's archive (db) until the test ends or
// stop is called, and returns its URL, read from the discovery file.
func startServe(t *testing.T, cfg, db string, args ...string) (string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var errb syncBuffer
	go func() {
		done <- Execute(ctx, append([]string{"--config", cfg, "serve", "--addr", "127.0.0.1:0", "--no-schedule"}, args...), io.Discard, &errb)
	}()
	var url string
	for deadline := time.Now().Add(10 * time.Second); url == ""; {
		if b, err := os.ReadFile(web.DiscoveryPath(db)); err == nil {
			var d web.Discovery
			if json.Unmarshal(b, &d) == nil {
				url = d.URL
			}
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d: %s", code, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("serve did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop := sync.OnceFunc(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("serve exited with %d: %s", code, errb.String())
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop")
		}
	})
	t.Cleanup(stop)
	return url, stop
}

// TestServeCarriesOutCommands runs the archive commands while serve holds
// the archive and checks their output is byte for byte what they print
// without it.
func TestServeCarriesOutCommands(t *testing.T) {
	cfg, db := archSeed(t)
	out := filepath.Join(t.TempDir(), "out.json")
	commands := [][]string{
		{"export"},
		{"export", "--format", "jsonl", "--all-versions"},
		{"export", "--format", "jsonl", "--since", "2024-09-06", "--site", "chem17.com"},
		{"list"},
		{"list", "--site", "example.com"},
		{"show", archEN + "?utm_source=feed"},
		{"show", "--version", "1", archZH},
		{"show", "--raw", archEN},
		{"history", archZH},
		{"diff", archEN},
		{"diff", "--from", "2", "--to", "1", "--context", "0", archZH},
		{"runs"},
		{"show", "https://nowhere.example/"}, // fails the same way
		{"diff", "--from", "x", archEN},      // a flag error
		{"export", "--format", "jsonl", "--out", out},
	}
	type result struct {
		out, err string
		code     int
	}
	direct := make([]result, len(commands))
	for i, c := range commands {
		o, e, code := archCLI(t, cfg, c...)
		direct[i] = result{o, e, code}
	}
	directFile, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(out)

	startServe(t, cfg, db)
	if fi, err := os.Stat(db + ".serve"); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("discovery file: %v %v", fi, err)
	}
	// The archive is held: a command that serve does not carry out waits
	// for the lock and fails.
	if _, e, code := archCLI(t, cfg, "verify"); code == 0 || !strings.Contains(e, "in use") {
		t.Fatalf("verify while serve holds the archive: %d %s", code, e)
	}
	for i, c := range commands {
		t.Run(strings.Join(c, " "), func(t *testing.T) {
			o, e, code := archCLI(t, cfg, c...)
			if o != direct[i].out || code != direct[i].code {
				t.Errorf("through serve: code %d\n%s\ndirect: code %d\n%s", code, o, direct[i].code, direct[i].out)
			}
			if !strings.Contains(strings.Join(c, " "), "--out") && e != direct[i].err {
				t.Errorf("stderr through serve %q, direct %q", e, direct[i].err)
			}
		})
	}
	if got, err := os.ReadFile(out); err != nil || !bytes.Equal(got, directFile) {
		t.Errorf("export --out through serve: %v, %d bytes, want %d", err, len(got), len(directFile))
	}
}

// TestServeStaleDiscovery: a discovery file left by a killed serve is
// ignored (at debug level) and the command runs directly.
func TestServeStaleDiscovery(t *testing.T) {
	cfg, db := archSeed(t)
	want, _, _ := archCLI(t, cfg, "list")
	if err := web.WriteDiscovery(web.DiscoveryPath(db), web.Discovery{URL: "http://127.0.0.1:1", Token: "x"}); err != nil {
		t.Fatal(err)
	}
	o, e, code := archCLI(t, cfg, "-v", "list")
	if code != 0 || o != want {
		t.Fatalf("list with a stale discovery file: %d %q %q", code, o, e)
	}
	if !strings.Contains(e, "level=DEBUG") || !strings.Contains(e, "stale discovery file") {
		t.Errorf("no debug line about the stale file: %q", e)
	}
	if _, e, _ := archCLI(t, cfg, "list"); e != "" {
		t.Errorf("without -v the stale file is not mentioned: %q", e)
	}
}

// TestServeFetchAndStop fetches through the API of a running serve, then
// stops it as SIGTERM does and checks the archive is released and the
// discovery file gone.
func TestServeFetchAndStop(t *testing.T) {
	site := demoLikeSite(t)
	cfg, db := archSeed(t)
	url, stop := startServe(t, cfg, db)
	resp, err := http.Post(url+"/api/fetch", "application/json", strings.NewReader(`{"url": "`+site+`/news/harbour.html"}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var a struct{ Title string }
	if resp.StatusCode != 200 || json.Unmarshal(b, &a) != nil || a.Title != "Harbour reopens" {
		t.Fatalf("fetch: %d %s", resp.StatusCode, b)
	}
	// The CLI goes through serve too, and sees the same archive.
	o, e, code := archCLI(t, cfg, "history", site+"/news/harbour.html")
	if code != 0 || !strings.Contains(o, "first version") {
		t.Errorf("history through serve: %d %s %s", code, o, e)
	}
	o, e, code = archCLI(t, cfg, "fetch", site+"/news/harbour.html")
	var f struct {
		Title   string
		Version int
	}
	if code != 0 || json.Unmarshal([]byte(o), &f) != nil || f.Title != "Harbour reopens" || f.Version != 1 {
		t.Errorf("fetch through serve: %d %s %s", code, o, e)
	}
	stop()
	if _, err := os.Stat(db + ".serve"); !os.IsNotExist(err) {
		t.Errorf("discovery file left behind: %v", err)
	}
	if _, e, code := archCLI(t, cfg, "verify"); code != 0 {
		t.Errorf("verify after serve stopped: %d %s", code, e)
	}
}

func demoLikeSite(t *testing.T) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/news/harbour.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<html><head><title>Harbour reopens</title></head><body><article><h1>Harbour reopens</h1>
<p>The harbour reopened on Friday after a week of repairs to the outer wall, the port authority said.</p>
<p>Ferries will run to the usual timetable from Saturday morning, and freight traffic resumes on Monday.</p></article></body></html>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestServeRefusesOpenAddressWithoutToken(t *testing.T) {
	cfg, _ := archSeed(t)
	t.Setenv("NEWSARCHIVE_TOKEN", "")
	cases := []struct {
		name string
		args []string
		env  string
		want string
	}{
		{"all interfaces", []string{"--addr", ":0"}, "", "not a loopback address"},
		{"a LAN address", []string{"--addr", "192.0.2.1:8080"}, "", "serve.token"},
		{"short env token", []string{"--addr", "127.0.0.1:0"}, "short", "NEWSARCHIVE_TOKEN: must be at least 16"},
		{"no port", []string{"--addr", "localhost"}, "", "want host:port"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("NEWSARCHIVE_TOKEN", c.env)
			_, e, code := archCLI(t, cfg, append([]string{"serve", "--no-schedule"}, c.args...)...)
			if code == 0 || !strings.Contains(e, c.want) {
				t.Errorf("%d %q, want an error with %q", code, e, c.want)
			}
		})
	}
}

// TestServeTokenFromEnv serves on all interfaces with NEWSARCHIVE_TOKEN
// and checks requests need it.
func TestServeTokenFromEnv(t *testing.T) {
	cfg, db := archSeed(t)
	t.Setenv("NEWSARCHIVE_TOKEN", "an-env-token-of-some-length")
	url, _ := startServe(t, cfg, db, "--addr", "0.0.0.0:0")
	url = strings.Replace(url, "0.0.0.0", "127.0.0.1", 1)
	resp, err := http.Get(url + "/api/runs")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("without the token: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("GET", url+"/api/runs", nil)
	req.Header.Set("Authorization", "Bearer an-env-token-of-some-length")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("with the token: %d", resp.StatusCode)
	}
	// The CLI still goes through it: the discovery file has the token.
	if o, e, code := archCLI(t, cfg, "runs"); code != 0 || !strings.Contains(o, "news") {
		t.Errorf("runs through serve: %d %s %s", code, o, e)
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader in
// different goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeStopInterruptsCrawl runs `crawl --job` through serve, stops
// serve mid-crawl (what SIGTERM does), and checks that the crawl stopped,
// was reported as interrupted, and resumes on the next crawl.
func TestServeStopInterruptsCrawl(t *testing.T) {
	s := newNewsSite(t, 60)
	s.set(func() { s.delay = 5 * time.Millisecond })
	dir := t.TempDir()
	cfg := writeConfig(t, dir, s, "")
	db := filepath.Join(dir, "archive.db")
	_, stop := startServe(t, cfg, db)
	s.set(func() {
		s.onServe = func(n int64) {
			if n == 15 {
				go stop()
			}
		}
	})
	_, errs, code := run(context.Background(), "--config", cfg, "crawl", "--job", "news")
	if code == 0 || !strings.Contains(errs, "interrupted") {
		t.Fatalf("crawl through a stopping serve: code %d, stderr %s", code, errs)
	}
	stop()
	if n := len(versions(t, db)); n >= 60 {
		t.Fatalf("the crawl archived all %d articles; want it stopped mid-way", n)
	}
	s.set(func() { s.onServe = nil })
	if _, errs, code := run(context.Background(), "--config", cfg, "crawl"); code != 0 {
		t.Fatalf("resumed crawl: %d %s", code, errs)
	}
	checkAllOnce(t, db, s, 60)
}

// TestHelperServeProcess is the child of TestServeSIGTERM: it runs the
// command line in NEWSARCHIVE_HELPER_ARGS as cmd/newsarchive does, stopping
// on SIGINT or SIGTERM.
func TestHelperServeProcess(t *testing.T) {
	args := os.Getenv("NEWSARCHIVE_HELPER_ARGS")
	if args == "" {
		t.Skip("helper process only")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Execute(ctx, strings.Split(args, "\x1f"), os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// TestServeSIGTERM sends SIGTERM to a serve process while a fetch is in
// flight: the fetch still gets its answer, the process exits 0, removes
// its discovery file and releases the archive.
func TestServeSIGTERM(t *testing.T) {
	arrived := make(chan struct{})
	var once sync.Once
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/news/slow.html" {
			http.NotFound(w, r)
			return
		}
		once.Do(func() { close(arrived) })
		time.Sleep(700 * time.Millisecond)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<html><head><title>Slow news</title></head><body><article><h1>Slow news</h1><p>The slow story took its time to arrive, as slow stories do, and it was worth the wait for everyone involved.</p></article></body></html>`)
	}))
	defer slow.Close()
	cfg, db := archSeed(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperServeProcess$")
	cmd.Env = append(os.Environ(), "NEWSARCHIVE_HELPER_ARGS="+strings.Join([]string{"--config", cfg, "serve", "--addr", "127.0.0.1:0", "--no-schedule"}, "\x1f"))
	var childErr syncBuffer
	cmd.Stderr = &childErr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var url string
	for deadline := time.Now().Add(20 * time.Second); url == ""; time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(web.DiscoveryPath(db)); err == nil {
			var d web.Discovery
			if json.Unmarshal(b, &d) == nil {
				url = d.URL
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("serve did not start: %s", childErr.String())
		}
	}
	type answer struct {
		code int
		body string
		err  error
	}
	got := make(chan answer, 1)
	go func() {
		resp, err := http.Post(url+"/api/fetch", "application/json", strings.NewReader(`{"url": "`+slow.URL+`/news/slow.html"}`))
		if err != nil {
			got <- answer{err: err}
			return
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- answer{resp.StatusCode, string(b), err}
	}()
	<-arrived
	cmd.Process.Signal(syscall.SIGTERM)
	a := <-got
	if a.err != nil || a.code != 200 || !strings.Contains(a.body, `"title":"Slow news"`) {
		t.Errorf("the fetch in flight at SIGTERM: %d %q %v", a.code, a.body, a.err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("serve exited with %v: %s", err, childErr.String())
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("serve did not stop on SIGTERM: %s", childErr.String())
	}
	if _, err := os.Stat(web.DiscoveryPath(db)); !os.IsNotExist(err) {
		t.Errorf("discovery file left behind: %v", err)
	}
	if o, e, code := archCLI(t, cfg, "history", slow.URL+"/news/slow.html"); code != 0 || !strings.Contains(o, "first version") {
		t.Errorf("after serve stopped, the fetch is archived and the archive free: %d %s %s", code, o, e)
	}
}
