package redisfrontier_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"newsarchive/frontier"
	"newsarchive/frontier/frontiertest"
	"newsarchive/frontier/redisfrontier"
	"newsarchive/frontier/redisfrontier/redistest"
)

var jobs atomic.Int64

func TestConformance(t *testing.T) {
	srv := redistest.Start(t, redistest.Options{})
	rdb := srv.Client(t)
	frontiertest.Run(t, frontiertest.Factory{
		New: func(t *testing.T) frontier.State {
			s := redisfrontier.New(rdb, redisfrontier.Options{Job: fmt.Sprintf("conf%d", jobs.Add(1))})
			t.Cleanup(func() { s.Close() })
			return s
		},
		Reopen: func(t *testing.T, s frontier.State) frontier.State {
			old := s.(*redisfrontier.State)
			old.Stop() // the old process died: its leases stay
			n := redisfrontier.New(rdb, redisfrontier.Options{Job: jobOf(old)})
			t.Cleanup(func() { n.Close() })
			return n
		},
	})
}

func jobOf(s *redisfrontier.State) string {
	k := s.Key("")
	return k[len("na:{") : len(k)-2]
}
