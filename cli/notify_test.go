package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"newsarchive/notify"
)

// hookSink is a loopback webhook receiver that records every call; block,
// when set, holds calls until the test releases them.
type hookSink struct {
	*httptest.Server
	mu    sync.Mutex
	calls []hookCall
	block chan struct{}
	got   chan struct{} // one value per call, if not nil
}

type hookCall struct {
	header http.Header
	body   []byte
}

func newHookSink(t *testing.T) *hookSink {
	h := &hookSink{}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h.mu.Lock()
		h.calls = append(h.calls, hookCall{r.Header.Clone(), body})
		block, got := h.block, h.got
		h.mu.Unlock()
		if got != nil {
			got <- struct{}{}
		}
		if block != nil {
			select {
			case <-block:
			case <-r.Context().Done():
				return
			}
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hookSink) all() []hookCall {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]hookCall(nil), h.calls...)
}

const hookSecret = "test-secret-0123456789"

func notifyConfig(hookURL string) string {
	return fmt.Sprintf(`notify_wait: 10s
serve: {public_url: "http://archive.test"}
notify:
  - name: edits
    on: [changed]
    jobs: [news]
    webhook: {url: "%s/hook", secret: %s, headers: {X-Desk: metro}}
`, hookURL, hookSecret)
}

// crawledWithHook crawls a loopback site of n articles once, with the
// notify rule of notifyConfig pointing at a new receiver.
func crawledWithHook(t *testing.T, n int) (*newsSite, *hookSink, string, string) {
	t.Helper()
	site := newNewsSite(t, n)
	hook := newHookSink(t)
	dir := t.TempDir()
	cfg := writeConfig(t, dir, site, notifyConfig(hook.URL))
	if _, errs, code := run(context.Background(), "--config", cfg, "crawl"); code != 0 {
		t.Fatalf("crawl: %d %s", code, errs)
	}
	return site, hook, dir, cfg
}

// TestNotifyEndToEnd crawls a loopback site, edits three articles, crawls
// again: exactly three webhook calls arrive, before crawl exits, each with
// its article's diff, signed, with its own idempotency key.
func TestNotifyEndToEnd(t *testing.T) {
	site, hook, _, cfg := crawledWithHook(t, 6)
	if n := len(hook.all()); n != 0 {
		t.Fatalf("%d calls after the first crawl; the rule is on changed only", n)
	}
	edited := []int{2, 4, 5}
	for _, i := range edited {
		site.setEdition(i, 1)
	}
	start := time.Now()
	_, errs, code := run(context.Background(), "--config", cfg, "crawl")
	if code != 0 {
		t.Fatalf("recrawl: %d %s", code, errs)
	}
	if !strings.Contains(errs, "articles 0 new, 3 changed, 3 unchanged") {
		t.Fatalf("recrawl summary: %s", errs)
	}
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("crawl took %s: it should exit once the outbox is empty, not wait notify_wait", d)
	}
	calls := hook.all()
	if len(calls) != 3 {
		t.Fatalf("%d webhook calls, want 3", len(calls))
	}
	var keys []string
	idem := map[string]bool{}
	for _, c := range calls {
		if err := notify.Verify(hookSecret, c.header, c.body, time.Minute, time.Now()); err != nil {
			t.Errorf("signature: %v", err)
		}
		if c.header.Get("X-Desk") != "metro" {
			t.Errorf("custom header missing: %v", c.header)
		}
		idem[c.header.Get(notify.HeaderIdemKey)] = true
		var p notify.Payload
		if err := json.Unmarshal(c.body, &p); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, p.Key)
		var i int
		fmt.Sscanf(strings.TrimPrefix(p.Key, site.URL), "/news/%d", &i)
		want := fmt.Sprintf("Edition [-0-]{+1+} of story %d, paragraph 0", i)
		if p.Event != "changed" || p.FromVersion != 1 || p.ToVersion != 2 || p.Title != fmt.Sprintf("Story %d", i) ||
			strings.Join(p.ChangedFields, ",") != "text" || !strings.Contains(p.Diff.Unified, want) {
			t.Errorf("payload of %s: %+v\nwant a diff with %q", p.Key, p, want)
		}
		if p.Diff.Deleted == 0 || p.Diff.Deleted != p.Diff.Inserted || !strings.HasPrefix(p.DiffURL, "http://archive.test/diff?") {
			t.Errorf("counts -%d +%d, diff_url %q", p.Diff.Deleted, p.Diff.Inserted, p.DiffURL)
		}
	}
	sort.Strings(keys)
	for k, i := range edited {
		if want := fmt.Sprintf("%s/news/%d", site.URL, i); keys[k] != want {
			t.Errorf("notified %v, want articles %v", keys, edited)
			break
		}
	}
	if len(idem) != 3 {
		t.Errorf("idempotency keys %v: want three different ones", idem)
	}
	out, _, code := run(context.Background(), "--config", cfg, "notify", "--list")
	if code != 0 || strings.Count(out, " sent ") != 3 {
		t.Errorf("notify --list:\n%s", out)
	}
	out, _, _ = run(context.Background(), "--config", cfg, "notify", "--failed")
	if !strings.Contains(out, "no notifications") {
		t.Errorf("notify --failed:\n%s", out)
	}
}

// TestNotifyKilledDuringDelivery kills a crawl (SIGKILL) while its webhook
// call is in flight, after the version and its notification were
// committed: `notify --send` then delivers it once more, with the same key,
// and the outbox is empty.
func TestNotifyKilledDuringDelivery(t *testing.T) {
	site, hook, _, cfg := crawledWithHook(t, 3)
	site.setEdition(1, 1)
	block := make(chan struct{})
	got := make(chan struct{}, 4)
	hook.mu.Lock()
	hook.block, hook.got = block, got
	hook.mu.Unlock()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCrawlProcess$")
	cmd.Env = append(os.Environ(), "NEWSARCHIVE_HELPER_ARGS="+strings.Join([]string{"--config", cfg, "crawl"}, "\x1f"))
	var childErr bytes.Buffer
	cmd.Stderr = &childErr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-got:
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("the crawl never called the webhook\n%s", childErr.String())
	}
	close(block)
	hook.mu.Lock()
	hook.block, hook.got = nil, nil
	hook.mu.Unlock()

	out, errs, code := run(context.Background(), "--config", cfg, "notify", "--send")
	if code != 0 || !strings.Contains(out, "outbox empty") {
		t.Fatalf("notify --send: %d %s %s", code, out, errs)
	}
	calls := hook.all()
	if len(calls) != 2 {
		t.Fatalf("%d calls, want 2: the one cut by the kill and one resend", len(calls))
	}
	if k := calls[0].header.Get(notify.HeaderIdemKey); k == "" || k != calls[1].header.Get(notify.HeaderIdemKey) {
		t.Fatalf("the resend has another key: %q vs %q", k, calls[1].header.Get(notify.HeaderIdemKey))
	}
	if !bytes.Equal(calls[0].body, calls[1].body) {
		t.Fatal("the resend has another body")
	}
	out, _, _ = run(context.Background(), "--config", cfg, "notify", "--list")
	if strings.Count(out, " sent ") != 1 || strings.Contains(out, "pending") {
		t.Fatalf("notify --list:\n%s", out)
	}
	// Sent is sent: another --send delivers nothing.
	run(context.Background(), "--config", cfg, "notify", "--send")
	if n := len(hook.all()); n != 2 {
		t.Fatalf("%d calls after a second --send", n)
	}
}

// TestNotifyTestAndFailed: --test sends a real diff (or a sample on an
// archive without a matching edit), and a 400 lands in --failed.
func TestNotifyTestAndFailed(t *testing.T) {
	site, hook, dir, cfg := crawledWithHook(t, 2)
	out, errs, code := run(context.Background(), "--config", cfg, "notify", "--test", "edits")
	if code != 0 || !strings.Contains(out, "a sample edit") {
		t.Fatalf("--test without edits: %d %s %s", code, out, errs)
	}
	site.setEdition(2, 3)
	// Edits made while the receiver refuses them fail at once (400).
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no such hook", http.StatusBadRequest)
	}))
	defer bad.Close()
	badCfg := writeConfig(t, dir, site, notifyConfig(bad.URL))
	if _, errs, code := run(context.Background(), "--config", badCfg, "crawl"); code != 0 {
		t.Fatalf("recrawl: %d %s", code, errs)
	}
	out, _, _ = run(context.Background(), "--config", badCfg, "notify", "--failed")
	if !strings.Contains(out, "failed") || !strings.Contains(out, "HTTP 400") || !strings.Contains(out, site.URL+"/news/2") {
		t.Fatalf("notify --failed:\n%s", out)
	}
	cfg = writeConfig(t, dir, site, notifyConfig(hook.URL))
	out, errs, code = run(context.Background(), "--config", cfg, "notify", "--test", "edits")
	if code != 0 || !strings.Contains(out, "latest matching edit, "+site.URL+"/news/2 version 2") {
		t.Fatalf("--test: %d %s %s", code, out, errs)
	}
	calls := hook.all()
	if len(calls) != 2 {
		t.Fatalf("%d calls", len(calls))
	}
	var p notify.Payload
	json.Unmarshal(calls[1].body, &p)
	if !p.Test || !strings.Contains(p.Diff.Unified, "Edition [-0-]{+3+} of story 2") {
		t.Fatalf("test payload %+v", p)
	}
	if _, _, code := run(context.Background(), "--config", cfg, "notify", "--test", "nosuch"); code == 0 {
		t.Fatal("--test of an unknown rule succeeded")
	}
	if _, _, code := run(context.Background(), "--config", cfg, "notify"); code == 0 {
		t.Fatal("notify without an action succeeded")
	}
}

// TestScheduleDeliversNotifications: the daemon's runs deliver too; a rule
// on new articles gets one call per article, and nothing more.
func TestScheduleDeliversNotifications(t *testing.T) {
	site := newNewsSite(t, 4)
	hook := newHookSink(t)
	cfg := writeConfig(t, t.TempDir(), site, "    schedule: \"@every 1m\"\n"+
		strings.Replace(notifyConfig(hook.URL), "on: [changed]", "on: [new]", 1))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		_, _, code := run(ctx, "--config", cfg, "schedule", "--run-now")
		done <- code
	}()
	deadline := time.Now().Add(20 * time.Second)
	for len(hook.all()) < 4 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // no second call for the same article
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("schedule exited %d", code)
	}
	calls := hook.all()
	if len(calls) != 4 {
		t.Fatalf("%d calls, want 4 (one per new article)", len(calls))
	}
	for _, c := range calls {
		if c.header.Get(notify.HeaderEvent) != "new" {
			t.Fatalf("event %q", c.header.Get(notify.HeaderEvent))
		}
	}
}

// TestFetchNotifies: a one-off fetch that archives an edit notifies as a
// crawl of the job would, before the command returns.
func TestFetchNotifies(t *testing.T) {
	site, hook, _, cfg := crawledWithHook(t, 2)
	site.setEdition(1, 2)
	if _, errs, code := run(context.Background(), "--config", cfg, "fetch", site.URL+"/news/1"); code != 0 {
		t.Fatalf("fetch: %d %s", code, errs)
	}
	calls := hook.all()
	if len(calls) != 1 {
		t.Fatalf("%d calls, want 1", len(calls))
	}
	var p notify.Payload
	json.Unmarshal(calls[0].body, &p)
	if p.Key != site.URL+"/news/1" || p.ToVersion != 2 || !strings.Contains(p.Diff.Unified, "Edition [-0-]{+2+}") {
		t.Fatalf("payload %+v", p)
	}
}
