package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestFrontierKeys(t *testing.T) {
	cases := []struct {
		name, yaml, want string // want "" for a valid config
	}{
		{"default: the archive", "", ""},
		{"redis", "crawler: {frontier: 'redis://127.0.0.1:6379/2'}", ""},
		{"redis without port or db", "crawler: {frontier: 'redis://cache.internal'}", ""},
		{"not redis", "crawler: {frontier: 'http://127.0.0.1:6379/0'}", `crawler.frontier: scheme "http" is not redis`},
		{"no host", "crawler: {frontier: 'redis:///0'}", "crawler.frontier: no host"},
		{"bad db", "crawler: {frontier: 'redis://127.0.0.1:6379/jobs'}", `crawler.frontier: database "jobs"`},
		{"bad port", "crawler: {frontier: 'redis://127.0.0.1:99999/0'}", `crawler.frontier: bad port "99999"`},
		{"lease ttl", "crawler: {lease_ttl: 30s}", ""},
		{"lease ttl too short", "crawler: {lease_ttl: 2s}", "crawler.lease_ttl: must be at least 5s (got 2s)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Parse([]byte(c.yaml))
			if c.want != "" {
				if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("err = %v; want ErrInvalid naming %q", err, c.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.yaml == "" && (cfg.Crawler.SharedFrontier() || cfg.Crawler.LeaseTTL.D() != 2*time.Minute) {
				t.Errorf("defaults: frontier %q, lease_ttl %s; want the archive and 2m", cfg.Crawler.Frontier, cfg.Crawler.LeaseTTL)
			}
		})
	}
}
