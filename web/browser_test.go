package web

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browserPath finds Chromium for the browser tests: NEWSARCHIVE_CHROMIUM,
// else chromium or chromium-browser on PATH. Without one the tests skip,
// except under CI=true (set by .ci/run, which installs Chromium), where a
// missing browser is a failure.
func browserPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("NEWSARCHIVE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("browser tests: no Chromium found (install the chromium package, or set NEWSARCHIVE_CHROMIUM); CI=true makes this a failure")
	}
	t.Skip("browser tests skipped: no Chromium found (install the chromium package, or set NEWSARCHIVE_CHROMIUM)")
	return ""
}

// leakTrap stands in as the browser's proxy for every address that is not
// loopback: any request that reaches it tried to leave this machine. It
// answers 403 and forwards nothing.
type leakTrap struct {
	mu   sync.Mutex
	seen []string
	ln   net.Listener
}

func newLeakTrap(t *testing.T) *leakTrap {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	lt := &leakTrap{ln: ln}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lt.mu.Lock()
		lt.seen = append(lt.seen, r.Method+" "+r.Host+r.URL.Path)

		lt.mu.Unlock()
		http.Error(w, "blocked by the test", http.StatusForbidden)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return lt
}

func (lt *leakTrap) requests() []string {
	lt.mu.Lock()
	defer lt.mu.Unlock()
	return append([]string(nil), lt.seen...)
}

// browserLog records what the page's targets report: every request, and
// every console call and uncaught exception.
type browserLog struct {
	mu       sync.Mutex
	requests []string // request id, URL
	blocked  []string // ids of requests the browser refused to send (CSP)
	console  []string
}

func (b *browserLog) add(dst *[]string, s string) {
	b.mu.Lock()
	*dst = append(*dst, s)
	b.mu.Unlock()
}

// sent returns the URLs of the requests the browser sent (those CSP
// blocked never left it), and the console lines.
func (b *browserLog) sent() (urls, console []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	blocked := map[string]bool{}
	for _, id := range b.blocked {
		blocked[id] = true
	}
	for _, r := range b.requests {
		id, u, _ := strings.Cut(r, " ")
		if !blocked[id] {
			urls = append(urls, u)
		}
	}
	return urls, append([]string(nil), b.console...)
}

// newBrowser starts headless Chromium. Site isolation is off so that the
// sandboxed frames report to the page's target, where the log listens;
// every non-loopback address goes to the leak trap.
func newBrowser(t *testing.T, trap *leakTrap) (context.Context, *browserLog) {
	path := browserPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // tests run as root
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.WindowSize(1280, 900),
		chromedp.ProxyServer("http://"+trap.ln.Addr().String()),
		chromedp.Flag("proxy-bypass-list", "127.0.0.1"),
		chromedp.Flag("disable-features", "IsolateOrigins,site-per-process,HttpsUpgrades,SpeculativePreconnect"),
		chromedp.Flag("disable-site-isolation-trials", true),
		// Less of the browser's own traffic for the trap to log.
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	bl := &browserLog{}
	listen := func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			bl.add(&bl.requests, string(ev.RequestID)+" "+ev.Request.URL)
		case *network.EventLoadingFailed:
			if ev.BlockedReason != "" {
				bl.add(&bl.blocked, string(ev.RequestID))
			}
		case *runtime.EventConsoleAPICalled:
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value))
			}
			bl.add(&bl.console, fmt.Sprintf("console.%s %s", ev.Type, strings.Join(args, " ")))
		case *runtime.EventExceptionThrown:
			bl.add(&bl.console, "exception "+ev.ExceptionDetails.Text)
		}
	}
	ctx, cancelB := chromedp.NewContext(actx, chromedp.WithListener(listen))
	ctx, cancelT := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(func() { cancelT(); cancelB(); cancelA() })
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, runtime.Enable, cdp.Empty{})
		return err
	}))
	if err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx, bl
}

// shotDir is where screenshots go: NEWSARCHIVE_SCREENSHOTS, else the
// test's artifact folder (kept with go test -artifacts).
func shotDir(t *testing.T) string {
	if d := os.Getenv("NEWSARCHIVE_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.ArtifactDir()
}

func TestBrowser(t *testing.T) {
	trap := newLeakTrap(t)
	ctx, bl := newBrowser(t, trap)
	o := withIndex(t)
	ts, _ := start(t, o.Store, o)
	dir := shotDir(t)

	// text reads the text of the first element sel selects.
	text := func(t *testing.T, sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("reading %s: %v", sel, err)
		}
		return s
	}
	// check waits for anything a refresh or a script could do, checks the
	// browser is still on want, and saves a screenshot.
	check := func(t *testing.T, name, want string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Sleep(700*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		if !sameURL(loc, want) {
			t.Errorf("the browser went to %s, want %s", loc, want)
		}
		title, err := chromedp.Run(ctx, chromedp.Title())
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(title, "PWNED") {
			t.Errorf("archived script changed the title to %q", title)
		}
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 is a PNG
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	open := func(t *testing.T, name, path string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+path), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		check(t, name, ts.URL+path)
	}
	expect := func(t *testing.T, what, got string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s shows %q, want it to contain %q", what, got, w)
			}
		}
	}

	t.Run("home", func(t *testing.T) {
		open(t, "home", "/")
		expect(t, "the counts", text(t, "#counts"), "4 articles", "7 versions", "3 edited")
		expect(t, "latest edits", text(t, "#edits"), "仪器展会隆重开幕", "Plant opens")
		expect(t, "jobs", text(t, "#jobs"), "news", "manual", "not scheduled")
	})
	t.Run("list, then click through to a diff", func(t *testing.T) {
		open(t, "list", "/articles?q=plant")
		expect(t, "the list", text(t, "#list"), "Plant opens", "v2 · changes")
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#list a.diff")), chromedp.WaitVisible(chromedp.CSS("#inline"))); err != nil {
			t.Fatal(err)
		}
		check(t, "diff", ts.URL+"/diff?url="+q(keyEN))
		expect(t, "the diff", text(t, "#versions"), "From v1", "to v2", "Changed: authors, text")
		if del, ins := text(t, "#inline del"), text(t, "#inline ins"); del != "Monday" || ins != "Tuesday" {
			t.Errorf("diff marks %q deleted and %q inserted, want Monday and Tuesday", del, ins)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#side-link")), chromedp.WaitVisible(chromedp.CSS("#side"))); err != nil {
			t.Fatal(err)
		}
		check(t, "diff-side", ts.URL+"/diff?url="+q(keyEN)+"&from=1&to=2&view=side")
		expect(t, "the side-by-side diff", text(t, "#side"), "Monday", "Tuesday", "It employs 200 people.")
	})
	t.Run("list filters", func(t *testing.T) {
		open(t, "list-edited-zh", "/articles?edited=1&lang=zh")
		got := text(t, "#list")
		expect(t, "the filtered list", got, "仪器展会隆重开幕")
		if strings.Contains(got, "Plant") {
			t.Errorf("the zh filter shows %q", got)
		}
	})
	t.Run("article", func(t *testing.T) {
		open(t, "article", "/article?url="+q(keyEN))
		if title := text(t, "#title"); title != "Plant opens" {
			t.Errorf("title %q", title)
		}
		expect(t, "the timeline", text(t, "#timeline"), "v1", "v2", "changed: authors, text")
		expect(t, "the body", text(t, "#body"), "The plant opened on Tuesday.", "It employs 200 people.")
	})
	t.Run("chinese diff side by side", func(t *testing.T) {
		open(t, "diff-zh", "/diff?url="+q(keyZH)+"&view=side")
		expect(t, "the diff", text(t, "#side"), "本届展会共有三百家企业参展。", "本届展会共有五百家企业参展。")
	})
	t.Run("raw capture", func(t *testing.T) {
		open(t, "raw", "/raw?url="+q(keyEN)+"&v=1")
		open(t, "raw-capture", "/raw/capture?url="+q(keyEN)+"&v=1")
		if h1 := text(t, "h1"); h1 != "Plant opens" {
			t.Errorf("capture shows %q", h1)
		}
	})

	t.Run("search box, then click through to the edit", func(t *testing.T) {
		open(t, "search", "/search")
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`input[name="q"]`), "Monday"), chromedp.Click(chromedp.CSS(`input[name="removed"]`)),
			chromedp.Click(chromedp.CSS("#search-form button")), chromedp.WaitVisible(chromedp.CSS("#hits"))); err != nil {
			t.Fatal(err)
		}
		check(t, "search-removed", ts.URL+"/search?q=Monday&removed=1&sort=relevance")
		expect(t, "the hits", text(t, "#hits"), "Plant opens", "v1", "Gone in v2")
		if m := text(t, "#hits mark"); m != "Monday" {
			t.Errorf("the highlighted match is %q, want Monday", m)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#hits .removed a")), chromedp.WaitVisible(chromedp.CSS("#inline"))); err != nil {
			t.Fatal(err)
		}
		if del := text(t, "#inline del"); del != "Monday" {
			t.Errorf("the edit's diff deletes %q, want Monday", del)
		}
	})
	t.Run("runs", func(t *testing.T) {
		open(t, "runs", "/runs")
		expect(t, "the runs", text(t, "#runs"), "news", "one page <b>failed</b>")
	})

	// The hostile page, in every view.
	for _, h := range []struct{ name, path string }{
		{"hostile-article", "/article?url=" + q(keyBad)},
		{"hostile-article-v1", "/article?url=" + q(keyBad) + "&v=1"},
		{"hostile-diff", "/diff?url=" + q(keyBad)},
		{"hostile-diff-side", "/diff?url=" + q(keyBad) + "&view=side"},
		{"hostile-raw", "/raw?url=" + q(keyBad)},
		{"hostile-capture", "/raw/capture?url=" + q(keyBad)},
		{"hostile-list", "/articles?q=hostile"},
		{"hostile-home", "/"},
	} {
		t.Run(h.name, func(t *testing.T) { open(t, h.name, h.path) })
	}
	t.Run("hostile text is shown as text", func(t *testing.T) {
		open(t, "hostile-text", "/article?url="+q(keyBad))
		if title := text(t, "#title"); title != `Hostile <script>console.error("title ran")</script>` {
			t.Errorf("title shows %q", title)
		}
		// The body is the sanitised html: its text, none of its code.
		expect(t, "the body", text(t, "#body"), "Hostile page", "a javascript: link", "Styled text stays.")
		open(t, "hostile-text-diff", "/diff?url="+q(keyBad))
		expect(t, "the diff", text(t, "#inline"), `<script>console.error("text script ran")</script>`, `<img src=x onerror=`)
	})
	t.Run("the capture's javascript: link does nothing", func(t *testing.T) {
		path := "/raw/capture?url=" + q(keyBad)
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+path), chromedp.WaitReady(chromedp.CSS("#js")), chromedp.Click(chromedp.CSS("#js"))); err != nil {
			t.Fatal(err)
		}
		check(t, "hostile-capture-clicked", ts.URL+path)
	})

	requests, console := bl.sent()
	if len(console) > 0 {
		t.Errorf("archived code reached the console: %q", console)
	}
	base, _ := url.Parse(ts.URL)
	for _, r := range requests {
		u, err := url.Parse(r)
		if err != nil || (u.Host != base.Host && u.Scheme != "data" && u.Scheme != "about") {
			t.Errorf("the browser requested %s", r)
		}
	}
	// The trap also sees the browser's own traffic (its update and
	// account services); what an archived page names is on example.*
	// hosts.
	var own []string
	for _, r := range trap.requests() {
		if strings.Contains(r, "example.") {
			t.Errorf("a connection left loopback for an archived page: %s", r)
		} else {
			own = append(own, r)
		}
	}
	if len(own) > 0 {
		t.Logf("the browser's own requests, refused by the trap: %q", own)
	}
	if len(requests) < 10 {
		t.Errorf("recorded only %d requests: is the recorder working? %q", len(requests), requests)
	}
	t.Logf("%d requests, all to %s; screenshots in %s", len(requests), base.Host, dir)
}

// sameURL compares two URLs whatever the case of their escapes.
func sameURL(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	return err1 == nil && err2 == nil && ua.Scheme == ub.Scheme && ua.Host == ub.Host && ua.Path == ub.Path &&
		ua.Query().Encode() == ub.Query().Encode()
}
