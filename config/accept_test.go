package config

import (
	"reflect"
	"testing"
	"time"
)

// TestParseAccepts covers valid YAML that must load, and what it loads as.
func TestParseAccepts(t *testing.T) {
	cases := []struct {
		name, yaml string
		check      func(Config) bool
	}{
		{"anchor shared by two jobs", `
jobs:
  - name: a
    seeds: ['https://a.com/']
    follow: &f ['/news/', '/world/']
  - name: b
    seeds: ['https://b.com/']
    follow: *f
`, func(c Config) bool {
			return reflect.DeepEqual(c.Jobs[1].Follow, []string{"/news/", "/world/"}) &&
				reflect.DeepEqual(c.Jobs[0].Follow, c.Jobs[1].Follow)
		}},
		{"anchor on a scalar", `
crawler: {timeout: &t 45s, per_host_delay: *t}
`, func(c Config) bool {
			return c.Crawler.Timeout.D() == 45*time.Second && c.Crawler.PerHostDelay.D() == 45*time.Second
		}},
		{"merge key shares job settings", `
jobs:
  - &base
    name: a
    seeds: ['https://a.com/']
    max_depth: 5
    articles: ['/story/']
  - <<: *base
    name: b
`, func(c Config) bool {
			b := c.Jobs[1]
			return b.Name == "b" && b.MaxDepth == 5 && b.MaxPages == 1000 && b.Seeds[0] == "https://a.com/" && b.Articles[0] == "/story/"
		}},
		{"merge of a list of mappings", `
crawler: {<<: [{retries: 5}, {parallelism: 8}]}
`, func(c Config) bool { return c.Crawler.Retries == 5 && c.Crawler.Parallelism == 8 }},
		{"every minute", `jobs: [{name: a, seeds: ['https://a.com/'], schedule: '* * * * *'}]`,
			func(c Config) bool { return c.Jobs[0].Schedule == "* * * * *" }},
		{"@every 1m", `jobs: [{name: a, seeds: ['https://a.com/'], schedule: '@every 1m'}]`,
			func(c Config) bool { return c.Jobs[0].Schedule == "@every 1m" }},
		{"@every 90s", `jobs: [{name: a, seeds: ['https://a.com/'], schedule: '@every 90s'}]`,
			func(c Config) bool { return c.Jobs[0].Schedule == "@every 90s" }},
		{"seconds as a number", "crawler: {timeout: 90, per_host_delay: 0.5}", func(c Config) bool {
			return c.Crawler.Timeout.D() == 90*time.Second && c.Crawler.PerHostDelay.D() == 500*time.Millisecond
		}},
		{"whole float for an int", "crawler: {max_body_bytes: 2.0e6}", func(c Config) bool { return c.Crawler.MaxBodyBytes == 2_000_000 }},
		{"bounds are inclusive", "crawler: {parallelism: 1024, retries: 10, timeout: 1h, per_host_delay: 1h}\nstore: {lock_timeout: 0s}",
			func(c Config) bool { return c.Crawler.Parallelism == 1024 && c.Store.LockTimeout == 0 }},
		{"user_agent with a tab", "crawler: {user_agent: \"bot/1.0\\t(+https://a.com/)\"}",
			func(c Config) bool { return c.Crawler.UserAgent == "bot/1.0\t(+https://a.com/)" }},
		{"empty document", "", func(c Config) bool { return reflect.DeepEqual(c, Default()) }},
		{"only a comment", "# nothing yet\n", func(c Config) bool { return reflect.DeepEqual(c, Default()) }},
		{"explicit document start", "---\n", func(c Config) bool { return reflect.DeepEqual(c, Default()) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Parse([]byte(c.yaml))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !c.check(got) {
				t.Errorf("loaded as %+v", got)
			}
		})
	}
}
