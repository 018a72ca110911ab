package config

import (
	"reflect"
	"strings"
	"testing"
)

// defaultKeys lists every key that has a default, a value other than the
// default, and how to read it back.
var defaultKeys = []struct {
	section, key, value string
	get                 func(Config) any
}{
	{"store", "path", "other.db", func(c Config) any { return c.Store.Path }},
	{"store", "lock_timeout", "3s", func(c Config) any { return c.Store.LockTimeout }},
	{"store", "keep_versions", "7", func(c Config) any { return c.Store.KeepVersions }},
	{"crawler", "user_agent", "other-bot/2", func(c Config) any { return c.Crawler.UserAgent }},
	{"crawler", "parallelism", "9", func(c Config) any { return c.Crawler.Parallelism }},
	{"crawler", "per_host_delay", "2s", func(c Config) any { return c.Crawler.PerHostDelay }},
	{"crawler", "timeout", "7s", func(c Config) any { return c.Crawler.Timeout }},
	{"crawler", "max_body_bytes", "4096", func(c Config) any { return c.Crawler.MaxBodyBytes }},
	{"crawler", "retries", "0", func(c Config) any { return c.Crawler.Retries }},
	{"crawler", "respect_robots", "false", func(c Config) any { return c.Crawler.RespectRobots }},
	{"job", "schedule", "'@hourly'", func(c Config) any { return c.Jobs[0].Schedule }},
	{"job", "allowed_domains", "[b.com]", func(c Config) any { return c.Jobs[0].AllowedDomains }},
	{"job", "max_depth", "0", func(c Config) any { return c.Jobs[0].MaxDepth }},
	{"job", "max_pages", "0", func(c Config) any { return c.Jobs[0].MaxPages }},
	{"job", "follow", "['/x/']", func(c Config) any { return c.Jobs[0].Follow }},
	{"job", "articles", "['/y/']", func(c Config) any { return c.Jobs[0].Articles }},
	{"job", "robots_sitemaps", "true", func(c Config) any { return c.Jobs[0].RobotsSitemaps }},
}

// configWithout writes a config that sets every key of defaultKeys except
// the one at skip.
func configWithout(skip int) string {
	sections := map[string][]string{}
	for i, k := range defaultKeys {
		if i != skip {
			sections[k.section] = append(sections[k.section], k.key+": "+k.value)
		}
	}
	return "store: {" + strings.Join(sections["store"], ", ") + "}\n" +
		"crawler: {" + strings.Join(sections["crawler"], ", ") + "}\n" +
		"jobs: [{name: a, seeds: ['https://a.com/'], " + strings.Join(sections["job"], ", ") + "}]\n"
}

// TestOmittedKeyGetsDefault: Default() and DefaultJob() are the one source
// of defaults; a file that leaves a key out gets exactly that value, and
// one that sets it gets its own.
func TestOmittedKeyGetsDefault(t *testing.T) {
	def := Default()
	def.Jobs = []Job{DefaultJob()}
	for i, k := range defaultKeys {
		t.Run(k.section+"."+k.key, func(t *testing.T) {
			c, err := Parse([]byte(configWithout(i)))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := k.get(c), k.get(def); !reflect.DeepEqual(got, want) {
				t.Errorf("omitted %s.%s = %v, want the default %v", k.section, k.key, got, want)
			}
			for j, other := range defaultKeys {
				if j != i && reflect.DeepEqual(other.get(c), other.get(def)) {
					t.Errorf("%s.%s: %s was ignored", other.section, other.key, other.value)
				}
			}
		})
	}
}

// TestEmptySectionKeepsDefaults: a section left empty or null (every key
// commented out) is not a section of zeros.
func TestEmptySectionKeepsDefaults(t *testing.T) {
	for _, doc := range []string{
		"store:\ncrawler:\n",
		"store: {}\ncrawler: {}\n",
		"store: ~\ncrawler: null\n",
		"crawler:\n  # user_agent: x\n",
	} {
		t.Run(strings.ReplaceAll(doc, "\n", `\n`), func(t *testing.T) {
			c, err := Parse([]byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(c, Default()) {
				t.Errorf("got %+v, want Default()", c)
			}
		})
	}
}

// TestDefaultsAreValid: Validate accepts what Default() and DefaultJob()
// give, so the bounds and the defaults cannot drift apart.
func TestDefaultsAreValid(t *testing.T) {
	c := Default()
	if err := c.Validate(); err != nil {
		t.Fatalf("Default() does not validate: %v", err)
	}
	j := DefaultJob()
	j.Name, j.Seeds = "a", []string{"https://a.com/"}
	c.Jobs = []Job{j}
	if err := c.Validate(); err != nil {
		t.Fatalf("DefaultJob() does not validate: %v", err)
	}
}
