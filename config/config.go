package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"newsarchive/extract"
)

// ErrNotFound is returned by Load when a config file named explicitly does
// not exist.
var ErrNotFound = errors.New("config file not found")

// ErrInvalid is returned (wrapped, with the key named) when a config value
// is invalid.
var ErrInvalid = errors.New("invalid config")

// Config is the whole configuration file.
type Config struct {
	Store   Store                    `yaml:"store"`
	Crawler Crawler                  `yaml:"crawler"`
	Jobs    []Job                    `yaml:"jobs"`
	Sites   map[string]extract.Rules `yaml:"sites"`
	Serve   Serve                    `yaml:"serve"`

	// Notify and NotifyWait: see notify.go.
	Notify     []NotifyRule `yaml:"notify"`
	NotifyWait Duration     `yaml:"notify_wait"`
	// NotifyKeepSent is how long delivered notifications stay listed in
	// the outbox (0: for ever).
	NotifyKeepSent Duration `yaml:"notify_keep_sent"`

	// File is the path the config was loaded from ("" for built-in defaults).
	File string `yaml:"-"`
}

// Store configures the archive.
type Store struct {
	Path        string   `yaml:"path"`
	LockTimeout Duration `yaml:"lock_timeout"`
	// KeepVersions prunes older versions beyond this many per article
	// (0 keeps every version). The latest version is never pruned.
	KeepVersions int `yaml:"keep_versions"`
}

// Crawler configures fetching; the values apply to every job.
type Crawler struct {
	UserAgent     string   `yaml:"user_agent"`
	Parallelism   int      `yaml:"parallelism"`
	PerHostDelay  Duration `yaml:"per_host_delay"`
	Timeout       Duration `yaml:"timeout"`
	MaxBodyBytes  int64    `yaml:"max_body_bytes"`
	Retries       int      `yaml:"retries"`
	RespectRobots bool     `yaml:"respect_robots"`

	// PerHostParallelism bounds the requests in flight to one host.
	PerHostParallelism int `yaml:"per_host_parallelism"`

	// Frontier and LeaseTTL place a job's frontier (see frontier.go).
	Frontier string   `yaml:"frontier"`
	LeaseTTL Duration `yaml:"lease_ttl"`
}

// Serve configures `newsarchive serve`, the archive's web site and API.
type Serve struct {
	// Addr is the listen address; loopback unless a token is set.
	Addr string `yaml:"addr"`
	// Token, when set (or NEWSARCHIVE_TOKEN), is required from every
	// request as a Bearer token or through the login form's cookie.
	Token string `yaml:"token"`
	// PublicURL is the site's address as readers reach it (feed links);
	// "" means the address each request came to.
	PublicURL string `yaml:"public_url"`
}

// Job is one crawl: where to start, what to follow, what to archive.
type Job struct {
	Name     string   `yaml:"name"`
	Schedule string   `yaml:"schedule"`
	Seeds    []string `yaml:"seeds"`
	// AllowedDomains limits the crawl to these hosts and their subdomains;
	// empty means the seeds' hosts.
	AllowedDomains []string `yaml:"allowed_domains"`
	// MaxDepth counts link hops from a seed; a seed is depth 0.
	MaxDepth int `yaml:"max_depth"`
	// MaxPages caps the pages fetched in one run (0: no cap).
	MaxPages int `yaml:"max_pages"`
	// MaxPagesPerHost caps the pages fetched from one host in one run (0:
	// no cap).
	MaxPagesPerHost int `yaml:"max_pages_per_host"`
	// Follow and Articles are regexes searched in the absolute URL.
	Follow   []string `yaml:"follow"`
	Articles []string `yaml:"articles"`
	// RobotsSitemaps also reads, as seeds, the sitemaps that the seeds'
	// hosts list in robots.txt (Sitemap: lines). Off by default: a news
	// site's full sitemap can list its whole archive.
	RobotsSitemaps bool `yaml:"robots_sitemaps"`
}

// Default returns the built-in configuration used when there is no file.
func Default() Config {
	return Config{
		Store: Store{Path: "data/archive.db", LockTimeout: Duration(10 * time.Second)},
		Crawler: Crawler{
			UserAgent:     "newsarchive/0.1 (+https://github.com/newsarchive/newsarchive)",
			Parallelism:   4,
			PerHostDelay:  Duration(time.Second),
			Timeout:       Duration(30 * time.Second),
			MaxBodyBytes:  10 << 20,
			Retries:       3,
			RespectRobots: true,

			PerHostParallelism: 1,
			LeaseTTL:           Duration(2 * time.Minute),
		},
		NotifyWait:     Duration(DefaultNotifyWait),
		NotifyKeepSent: Duration(DefaultNotifyKeepSent),
		Serve:          Serve{Addr: "127.0.0.1:8080"},
	}
}

// DefaultJob holds the values a job gets for the keys it leaves out.
func DefaultJob() Job {
	return Job{MaxDepth: 2, MaxPages: 1000}
}

// UnmarshalYAML fills in job defaults before decoding, so that an explicit
// `max_depth: 0` (seeds only) differs from a missing key. It takes the
// callback form so that the job is decoded by the decoder of the whole
// document: anchors defined elsewhere resolve and yaml.v3's alias limits
// count it.
func (j *Job) UnmarshalYAML(unmarshal func(any) error) error {
	type plain Job
	p := plain(DefaultJob())
	if err := unmarshal(&p); err != nil {
		return err
	}
	*j = Job(p)
	return nil
}

// Load reads path over Default() and validates the result. An empty path
// means ./config.yaml if it exists, else the defaults; a path given but
// missing is ErrNotFound. A file over MaxFileBytes is rejected without
// reading the rest of it.
func Load(path string) (Config, error) {
	explicit := path != ""
	if !explicit {
		path = "config.yaml"
	}
	b, err := readFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if explicit {
				return Config{}, fmt.Errorf("%s: %w", path, ErrNotFound)
			}
			c := Default()
			return c, c.Validate()
		}
		return Config{}, fmt.Errorf("read config: %w", err)
	}
	c, err := Parse(b)
	if err != nil {
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return Config{}, err
	}
	c.File = abs
	if c.Store.Path != "" && !filepath.IsAbs(c.Store.Path) {
		c.Store.Path = filepath.Join(filepath.Dir(abs), c.Store.Path)
	}
	return c, nil
}

// readFile reads at most MaxFileBytes+1 bytes: enough for Parse to tell
// that the file is too large.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
}

// Parse decodes YAML over Default() and validates it. Relative paths are
// left as written. The text is parsed once into a node tree, checked key by
// key (checkKeys), then decoded once, so yaml.v3's alias limits apply.
func Parse(b []byte) (Config, error) {
	if len(b) > MaxFileBytes {
		return Config{}, fmt.Errorf("%w: the file is larger than %d MiB", ErrInvalid, MaxFileBytes>>20)
	}
	c := Default()
	root, err := parseNode(b)
	if err != nil {
		return Config{}, fmt.Errorf("%w: %s", ErrInvalid, cleanYAMLError(err))
	}
	if root != nil {
		if err := checkKeys(root, reflect.TypeOf(c), ""); err != nil {
			return Config{}, err
		}
		if err := root.Decode(&c); err != nil {
			return Config{}, fmt.Errorf("%w: %s", ErrInvalid, cleanYAMLError(err))
		}
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// parseNode parses the one YAML document in b; nil for an empty one. A
// second document would be ignored by a plain Unmarshal, so it is an error.
func parseNode(b []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, err
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, errors.New("more than one YAML document (a second ---); put everything in one")
	case !errors.Is(err, io.EOF):
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return doc.Content[0], nil
}

// cleanYAMLError drops yaml.v3's prefixes; checkKeys has already reported
// unknown keys and bad scalars by path, so what remains is syntax or
// yaml.v3's own limits.
func cleanYAMLError(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	return strings.TrimPrefix(msg, "unmarshal errors:\n  ")
}

// Job returns the job named name.
func (c Config) Job(name string) (Job, bool) {
	for _, j := range c.Jobs {
		if j.Name == name {
			return j, true
		}
	}
	return Job{}, false
}
