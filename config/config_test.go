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
