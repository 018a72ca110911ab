package config

import (
	"bytes"
	"errors"
	"fmt"
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
	}
}

// defaultJob holds the values a job gets for keys it leaves out.
func defaultJob() Job {
	return Job{MaxDepth: 2, MaxPages: 1000}
}

// UnmarshalYAML fills in job defaults before decoding, so that an explicit
// `max_depth: 0` (seeds only) differs from a missing key.
func (j *Job) UnmarshalYAML(n *yaml.Node) error {
	type plain Job
	p := plain(defaultJob())
	if err := decodeStrict(n, &p); err != nil {
		return err
	}
	*j = Job(p)
	return nil
}

// Load reads path over Default() and validates the result. An empty path
// means ./config.yaml if it exists, else the defaults; a path given but
// missing is ErrNotFound.
func Load(path string) (Config, error) {
	explicit := path != ""
	if !explicit {
		path = "config.yaml"
	}
	b, err := os.ReadFile(path)
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

// Parse decodes YAML over Default() and validates it. Relative paths are
// left as written.
func Parse(b []byte) (Config, error) {
	c := Default()
	if len(bytes.TrimSpace(b)) > 0 {
		var root yaml.Node
		if err := yaml.Unmarshal(b, &root); err != nil {
			return Config{}, fmt.Errorf("%w: %s", ErrInvalid, cleanYAMLError(err))
		}
		if len(root.Content) > 0 {
			if err := checkKeys(root.Content[0], reflect.TypeOf(c), ""); err != nil {
				return Config{}, err
			}
			if err := decodeStrict(root.Content[0], &c); err != nil {
				return Config{}, fmt.Errorf("%w: %s", ErrInvalid, cleanYAMLError(err))
			}
		}
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// decodeStrict decodes a node rejecting unknown keys. yaml.v3 only offers
// KnownFields on a Decoder, so the node is re-encoded and decoded again.
func decodeStrict(n *yaml.Node, v any) error {
	b, err := yaml.Marshal(n)
	if err != nil {
		return err
	}
	d := yaml.NewDecoder(bytes.NewReader(b))
	d.KnownFields(true)
	return d.Decode(v)
}

// cleanYAMLError drops yaml.v3's prefixes; checkKeys has already reported
// unknown keys and bad scalars by path, so what remains is syntax.
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
