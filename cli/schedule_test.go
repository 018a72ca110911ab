package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsarchive/config"
	"newsarchive/schedule"
	"newsarchive/store"
)

// TestScheduleRunsAndReleasesArchive runs the daemon with --run-now and a
// job ticking every minute (the shortest interval a config allows; ticking
// itself is tested in package schedule) and checks that the run is
// recorded, that export works while the daemon waits between runs (it
// holds nothing then), and that cancelling stops it cleanly.
func TestScheduleRunsAndReleasesArchive(t *testing.T) {
	dir := t.TempDir()
	site := newNewsSite(t, 5)
	cfg := writeConfig(t, dir, site, "    schedule: \"@every 1m\"\n")
	db := filepath.Join(dir, "archive.db")

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan string, 1)
	go func() {
		_, errs, code := run(ctx, "--config", cfg, "schedule", "--run-now")
		if code != 0 {
			done <- errs
			return
		}
		done <- ""
	}()

	deadline := time.Now().Add(20 * time.Second)
	var runs []store.Run
	for time.Now().Before(deadline) {
		time.Sleep(300 * time.Millisecond)
		st, err := store.Open(db, store.Options{ReadOnly: true, LockTimeout: 3 * time.Second})
		if err != nil {
			continue // the archive may not exist yet
		}
		runs, _ = st.Runs("news", 0)
		st.Close()
		if len(runs) >= 1 {
			break
		}
	}
	if len(runs) < 1 {
		cancel()
		t.Fatalf("want the --run-now run recorded within 20s, got %d runs", len(runs))
	}
	if runs[len(runs)-1].New != 5 {
		t.Errorf("first run archived %d new articles, want 5", runs[len(runs)-1].New)
	}

	out, errs, code := run(context.Background(), "--config", cfg, "export", "--format", "json")
	if code != 0 {
		t.Fatalf("export while the daemon runs: code %d: %s", code, errs)
	}
	var arts []map[string]any
	if err := json.Unmarshal([]byte(out), &arts); err != nil || len(arts) != 5 {
		t.Fatalf("export: %d articles, err %v", len(arts), err)
	}

	cancel()
	select {
	case errs := <-done:
		if errs != "" {
			t.Fatalf("schedule exited with an error: %s", errs)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("schedule did not stop within 15s of cancellation")
	}
}

func TestScheduleWithoutSchedules(t *testing.T) {
	dir := t.TempDir()
	site := newNewsSite(t, 1)
	cfg := writeConfig(t, dir, site, "")
	_, errs, code := run(context.Background(), "--config", cfg, "schedule")
	if code == 0 || !strings.Contains(errs, "no job has a schedule") {
		t.Fatalf("code %d, stderr %q; want a clear error", code, errs)
	}
}

func TestScheduleEntries(t *testing.T) {
	got := scheduleEntries([]config.Job{{Name: "a", Schedule: "@hourly"}, {Name: "b"}})
	want := []schedule.Entry{{Name: "a", Spec: "@hourly"}, {Name: "b"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("scheduleEntries = %v, want %v", got, want)
	}
}
