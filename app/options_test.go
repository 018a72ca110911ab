package app

import (
	"errors"
	"testing"

	"newsarchive/config"
	"newsarchive/scraper"
)

func TestCrawlerOptions(t *testing.T) {
	cr := config.Default().Crawler
	cases := []struct {
		name    string
		job     config.Job
		wantErr bool
		check   func(t *testing.T, o scraper.Options)
	}{
		{name: "job hosts default to the seeds' hosts", job: config.Job{Name: "j", Seeds: []string{"https://News.example.com/a"}, MaxDepth: 2},
			check: func(t *testing.T, o scraper.Options) {
				if len(o.Hosts) != 1 || o.Hosts[0] != "news.example.com" || o.MaxDepth != 2 || o.UserAgent != cr.UserAgent {
					t.Errorf("options %+v", o)
				}
			}},
		{name: "patterns compiled", job: config.Job{Name: "j", Seeds: []string{"https://x.example/"}, Follow: []string{`/list/`}, Articles: []string{`/a/\d+`}},
			check: func(t *testing.T, o scraper.Options) {
				if len(o.Follow) != 1 || !o.Articles[0].MatchString("https://x.example/a/12") {
					t.Errorf("patterns %v %v", o.Follow, o.Articles)
				}
			}},
		{name: "bad regex", job: config.Job{Name: "j", Articles: []string{`(`}}, wantErr: true},
		{name: "per-host limits mapped", job: config.Job{Name: "j", Seeds: []string{"https://x.example/"}, MaxPagesPerHost: 50},
			check: func(t *testing.T, o scraper.Options) {
				if o.MaxPagesPerHost != 50 || o.PerHostParallelism != cr.PerHostParallelism {
					t.Errorf("max_pages_per_host %d, per_host_parallelism %d", o.MaxPagesPerHost, o.PerHostParallelism)
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o, err := CrawlerOptions(cr, c.job, nil)
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v", err)
			}
			if err != nil {
				if !errors.Is(err, scraper.ErrOptions) {
					t.Errorf("err %v is not scraper.ErrOptions", err)
				}
				return
			}
			c.check(t, o)
		})
	}
}

// TestDefaultsAgree checks that the configuration's defaults are the
// scraper's: a zero scraper.Options and config.Default() crawl alike.
func TestDefaultsAgree(t *testing.T) {
	d := config.Default().Crawler
	checks := []struct {
		name     string
		cfg, lib any
	}{
		{"user_agent", d.UserAgent, scraper.DefaultUserAgent},
		{"parallelism", d.Parallelism, scraper.DefaultParallelism},
		{"per_host_parallelism", d.PerHostParallelism, scraper.DefaultPerHostParallelism},
		{"per_host_delay", d.PerHostDelay.D(), scraper.DefaultPerHostDelay},
		{"timeout", d.Timeout.D(), scraper.DefaultTimeout},
		{"max_body_bytes", d.MaxBodyBytes, int64(scraper.DefaultMaxBodyBytes)},
		{"retries", d.Retries, scraper.DefaultRetries},
		{"respect_robots", d.RespectRobots, true},
	}
	for _, c := range checks {
		if c.cfg != c.lib {
			t.Errorf("crawler.%s: config default %v, scraper default %v", c.name, c.cfg, c.lib)
		}
	}
}
