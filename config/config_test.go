package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseErrorsNameTheKey(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"unknown top-level key", "stroe: {path: x.db}", "stroe: unknown key"},
		{"unknown store key", "store: {paht: x.db}", "store.paht: unknown key"},
		{"unknown job key", "jobs: [{name: a, seeds: ['https://a.com/'], shedule: '@hourly'}]", "jobs[0].shedule: unknown key"},
		{"negative duration", "store: {lock_timeout: -1s}", "store.lock_timeout"},
		{"bad duration", "crawler: {timeout: soon}", "crawler.timeout: bad duration"},
		{"zero parallelism", "crawler: {parallelism: 0}", "crawler.parallelism"},
		{"negative retries", "crawler: {retries: -2}", "crawler.retries"},
		{"bad cron", "jobs: [{name: a, seeds: ['https://a.com/'], schedule: '61 * * * *'}]", "jobs[0].schedule"},
		{"bad regex", "jobs: [{name: a, seeds: ['https://a.com/'], follow: ['(']}]", "jobs[0].follow[0]"},
		{"bad articles regex", "jobs: [{name: a, seeds: ['https://a.com/'], articles: ['[a-']}]", "jobs[0].articles[0]"},
		{"no seeds", "jobs: [{name: a}]", "jobs[0].seeds"},
		{"bad seed", "jobs: [{name: a, seeds: ['ftp://a.com/']}]", "jobs[0].seeds[0]"},
		{"no name", "jobs: [{seeds: ['https://a.com/']}]", "jobs[0].name"},
		{"duplicate name", "jobs: [{name: a, seeds: ['https://a.com/']}, {name: a, seeds: ['https://b.com/']}]", `jobs[1].name: duplicate`},
		{"negative depth", "jobs: [{name: a, seeds: ['https://a.com/'], max_depth: -1}]", "jobs[0].max_depth"},
		{"bad site selector", "sites: {a.com: {body: 'div[', title: h1}}", "sites.a.com.body"},
		{"bad timezone", "sites: {a.com: {timezone: Mars/Olympus}}", "sites.a.com.timezone"},
		{"unknown site key", "sites: {a.com: {bdy: article}}", "sites.a.com.bdy: unknown key"},
		{"upper-case site host", "sites: {A.com: {body: article}}", "sites.A.com"},
		{"not yaml", "store: [", "did not find"},
		{"string for int", "crawler: {parallelism: many}", "crawler.parallelism: bad value"},
		{"scalar for list", "jobs: [{name: a, seeds: 'https://a.com/'}]", "jobs[0].seeds: want a list"},
		{"null-tagged mapping is still checked", "crawler: !!null {paralelism: 2}", "crawler.paralelism: unknown key"},
		{"fraction for int", "crawler: {retries: 1.5}", "crawler.retries: bad value \"1.5\": want a whole number"},
		{"second document", "store: {path: a.db}\n---\nstore: {path: b.db}\n", "more than one YAML document"},
		{"alias without anchor", "jobs: [{name: a, seeds: [*nope]}]", "unknown anchor"},

		// Numbers out of bounds.
		{"huge parallelism", "crawler: {parallelism: 1000000000}", "crawler.parallelism: must be between 1 and 1024 (got 1000000000)"},
		{"parallelism just over", "crawler: {parallelism: 1025}", "crawler.parallelism: must be between 1 and 1024"},
		{"too many retries", "crawler: {retries: 11}", "crawler.retries: must be between 0 and 10"},
		{"zero max_body_bytes", "crawler: {max_body_bytes: 0}", "crawler.max_body_bytes: must be between 1024 and 1073741824"},
		{"huge max_body_bytes", "crawler: {max_body_bytes: 1099511627776}", "crawler.max_body_bytes"},
		{"negative keep_versions", "store: {keep_versions: -1}", "store.keep_versions: must be between 0 and 100000"},
		{"huge keep_versions", "store: {keep_versions: 100001}", "store.keep_versions"},
		{"deep max_depth", "jobs: [{name: a, seeds: ['https://a.com/'], max_depth: 101}]", "jobs[0].max_depth: must be between 0 and 100"},
		{"negative max_pages", "jobs: [{name: a, seeds: ['https://a.com/'], max_pages: -1}]", "jobs[0].max_pages"},
		{"huge max_pages", "jobs: [{name: a, seeds: ['https://a.com/'], max_pages: 10000001}]", "jobs[0].max_pages: must be between 0 and 10000000"},
		{"int overflow", "crawler: {parallelism: 99999999999999999999}", "crawler.parallelism: bad value"},

		// Durations: strict syntax, then bounds.
		{"NaN timeout", "crawler: {timeout: NaN}", `crawler.timeout: bad duration "NaN"`},
		{"yaml nan timeout", "crawler: {timeout: .nan}", `crawler.timeout: bad duration ".nan"`},
		{"Inf timeout", "crawler: {timeout: Inf}", `crawler.timeout: bad duration "Inf"`},
		{"yaml inf delay", "crawler: {per_host_delay: -.inf}", "crawler.per_host_delay: bad duration"},
		{"exponent seconds", "crawler: {timeout: 1e3}", `crawler.timeout: bad duration "1e3"`},
		{"overflowing seconds", "crawler: {timeout: 99999999999}", "crawler.timeout: bad duration \"99999999999\": out of range"},
		{"overflowing duration", "crawler: {timeout: 9999999999h}", "crawler.timeout: bad duration"},
		{"trailing words", "crawler: {timeout: 5 apples}", "crawler.timeout: bad duration"},
		{"zero timeout", "crawler: {timeout: 0s}", "crawler.timeout: must be between 1s and 1h (got 0s)"},
		{"long timeout", "crawler: {timeout: 2h}", "crawler.timeout: must be between 1s and 1h (got 2h)"},
		{"negative delay", "crawler: {per_host_delay: -5m}", "crawler.per_host_delay: must be between 0s and 1h (got -5m)"},
		{"negative seconds", "crawler: {per_host_delay: -1.5}", "crawler.per_host_delay: must be between 0s and 1h (got -1.5s)"},
		{"long lock_timeout", "store: {lock_timeout: 61m}", "store.lock_timeout: must be between 0s and 1h (got 1h1m)"},

		// Schedules: nothing more often than once a minute.
		{"every 0s", "jobs: [{name: a, seeds: ['https://a.com/'], schedule: '@every 0s'}]", `jobs[0].schedule: "@every 0s" runs more often than every 1m`},
		{"every -5m", "jobs: [{name: a, seeds: ['https://a.com/'], schedule: '@every -5m'}]", "jobs[0].schedule: \"@every -5m\" runs more often"},
		{"every 59s", "jobs: [{name: a, seeds: ['https://a.com/'], schedule: '@every 59s'}]", "jobs[0].schedule"},
		{"every 1s in a zone", "jobs: [{name: a, seeds: ['https://a.com/'], schedule: 'CRON_TZ=UTC @every 1s'}]", "jobs[0].schedule"},

		// Header values and names: no control characters.
		{"user_agent with CRLF", "crawler: {user_agent: \"bot/1.0\\r\\nX-Evil: 1\"}", "crawler.user_agent: must not contain control characters"},
		{"user_agent with LF", "crawler: {user_agent: \"bot\\n\"}", "crawler.user_agent: must not contain control characters"},
		{"user_agent with NUL", "crawler: {user_agent: \"bot\\0\"}", "crawler.user_agent"},
		{"user_agent too long", "crawler: {user_agent: " + strings.Repeat("a", 1025) + "}", "crawler.user_agent: at most 1024 bytes"},
		{"job name with newline", "jobs: [{name: \"a\\nb\", seeds: ['https://a.com/']}]", "jobs[0].name: must not contain control characters"},
		{"site host with a line break", "sites: {\"a.com\\n\": {body: article}}", `sites.a.com\n: must be a lower-case host name`},
		{"allowed domain with CR", "jobs: [{name: a, seeds: ['https://a.com/'], allowed_domains: [\"a.com\\r\"]}]", "jobs[0].allowed_domains[0]"},
		{"serve addr without port", "serve: {addr: localhost}", "serve.addr"},
		{"short serve token", "serve: {token: abc}", "serve.token"},
		{"relative public url", "serve: {public_url: /news}", "serve.public_url"},
		{"unknown serve key", "serve: {adress: ':80'}", "serve.adress: unknown key"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.yaml))
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want error containing %q", c.yaml, c.want)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error %v is not ErrInvalid", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q", err, c.want)
			}
		})
	}
}

func TestParseDefaults(t *testing.T) {
	c, err := Parse([]byte("jobs: [{name: a, seeds: ['https://a.com/']}, {name: b, seeds: ['https://b.com/'], max_depth: 0}]"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Store.LockTimeout.D() != 10*time.Second || !c.Crawler.RespectRobots || c.Crawler.Parallelism != 4 {
		t.Errorf("defaults not applied: %+v", c)
	}
	if c.Jobs[0].MaxDepth != 2 || c.Jobs[0].MaxPages != 1000 {
		t.Errorf("job defaults not applied: %+v", c.Jobs[0])
	}
	if c.Jobs[1].MaxDepth != 0 {
		t.Errorf("explicit max_depth 0 overridden: %d", c.Jobs[1].MaxDepth)
	}
	if got := c.Jobs[0].Hosts(); len(got) != 1 || got[0] != "a.com" {
		t.Errorf("Hosts() = %v", got)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "conf.yaml")
	if err := os.WriteFile(path, []byte("store: {path: sub/a.db, lock_timeout: 2s}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "sub", "a.db"); c.Store.Path != want {
		t.Errorf("store.path = %q, want %q (relative to the config's folder)", c.Store.Path, want)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing explicit config: err = %v, want ErrNotFound", err)
	}
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	os.Chdir(t.TempDir())
	c, err = Load("")
	if err != nil || c.Store.Path != Default().Store.Path {
		t.Errorf("no config: got %+v, %v; want defaults", c.Store, err)
	}
}

func TestExampleConfigIsValid(t *testing.T) {
	c, err := Load(filepath.Join("..", "config.yaml"))
	if err != nil {
		t.Fatalf("the checked-in config.yaml must load: %v", err)
	}
	if _, ok := c.Job("chem17-news"); !ok {
		t.Error("config.yaml lost its chem17-news job")
	}
}
