package app

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"

	"newsarchive/config"
	"newsarchive/store"
)

// TestHeldServiceRunsAJobOnce checks that a Service holding its Store runs
// one run of a job at a time, lets other jobs run meanwhile, and leaves the
// Store open.
func TestHeldServiceRunsAJobOnce(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			once.Do(func() { close(started) })
			<-release
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>listing</p></body></html>"))
	}))
	defer site.Close()
	st, err := store.Open(filepath.Join(t.TempDir(), "a.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := config.Default()
	c.Crawler.PerHostDelay = 0
	c.Crawler.RespectRobots = false
	slow := config.Job{Name: "slow", Seeds: []string{site.URL + "/slow"}}
	quick := config.Job{Name: "quick", Seeds: []string{site.URL + "/quick"}}
	svc := NewHeld(c, nil, st)
	done := make(chan error, 1)
	go func() { _, err := svc.RunJob(context.Background(), slow, RunOptions{}); done <- err }()
	<-started
	if _, err := svc.WithLog(nil).RunJob(context.Background(), slow, RunOptions{}); !errors.Is(err, ErrJobRunning) {
		t.Errorf("second run of a running job: %v, want ErrJobRunning", err)
	}
	if _, err := svc.RunJob(context.Background(), quick, RunOptions{}); err != nil {
		t.Errorf("another job while one runs: %v", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("first run: %v", err)
	}
	if _, err := svc.RunJob(context.Background(), slow, RunOptions{}); err != nil {
		t.Errorf("the job again after its run ended: %v", err)
	}
	if runs, err := st.Runs("", 0); err != nil || len(runs) != 3 {
		t.Errorf("the held store after the runs: %d runs, %v; want 3 and open", len(runs), err)
	}
}
