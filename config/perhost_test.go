package config

import (
	"errors"
	"strings"
	"testing"
)

func TestPerHostKeys(t *testing.T) {
	cases := []struct {
		name, yaml, want string // want "" for a valid config
	}{
		{"defaults", "jobs: [{name: a, seeds: ['https://a.com/']}]", ""},
		{"per-host parallelism within parallelism", "crawler: {parallelism: 8, per_host_parallelism: 8}", ""},
		{"zero per-host parallelism", "crawler: {per_host_parallelism: 0}", "crawler.per_host_parallelism"},
		{"per-host parallelism over parallelism", "crawler: {parallelism: 2, per_host_parallelism: 3}", "crawler.per_host_parallelism: must be between 1 and crawler.parallelism (2)"},
		{"page cap per host", "jobs: [{name: a, seeds: ['https://a.com/'], max_pages_per_host: 50}]", ""},
		{"negative page cap per host", "jobs: [{name: a, seeds: ['https://a.com/'], max_pages_per_host: -1}]", "jobs[0].max_pages_per_host"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := Parse([]byte(c.yaml))
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if c.name == "defaults" && (cfg.Crawler.PerHostParallelism != 1 || cfg.Jobs[0].MaxPagesPerHost != 0) {
					t.Errorf("defaults: per_host_parallelism %d, max_pages_per_host %d; want 1 and 0",
						cfg.Crawler.PerHostParallelism, cfg.Jobs[0].MaxPagesPerHost)
				}
				if c.name == "page cap per host" && cfg.Jobs[0].MaxPagesPerHost != 50 {
					t.Errorf("max_pages_per_host = %d", cfg.Jobs[0].MaxPagesPerHost)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v; want ErrInvalid naming %q", err, c.want)
			}
		})
	}
}
