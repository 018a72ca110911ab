package config

import (
	"fmt"
	"maps"
	"net"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/robfig/cron/v3"
	"golang.org/x/net/http/httpguts"

	"newsarchive/urlnorm"
)

// CronParser is the cron dialect of job schedules: five fields, or a
// descriptor such as @hourly or @every 30m.
var CronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

func invalid(key, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalid, key, fmt.Sprintf(format, args...))
}

// Validate checks every value and returns the first problem, naming its key.
// The bounds are those of limits.go; Default() passes.
func (c Config) Validate() error {
	if err := c.Store.validate(); err != nil {
		return err
	}
	if err := c.Crawler.validate(); err != nil {
		return err
	}
	if len(c.Jobs) > MaxJobs {
		return invalid("jobs", "at most %d jobs (got %d)", MaxJobs, len(c.Jobs))
	}
	if err := c.Serve.validate(); err != nil {
		return err
	}
	if err := c.Crawler.validateFrontier(); err != nil {
		return err
	}
	names := map[string]bool{}
	seeds := 0
	checked := memo{}
	for i, j := range c.Jobs {
		key := fmt.Sprintf("jobs[%d]", i)
		if seeds += len(j.Seeds); seeds > MaxSeeds {
			return invalid(key+".seeds", "at most %d seeds in all jobs together", MaxSeeds)
		}
		if err := j.validate(key, checked); err != nil {
			return err
		}
		if names[j.Name] {
			return invalid(key+".name", "duplicate job name %q", j.Name)
		}
		names[j.Name] = true
	}
	for _, host := range slices.Sorted(maps.Keys(c.Sites)) {
		r := c.Sites[host]
		if host != strings.ToLower(host) || strings.ContainsAny(host, "/: ") || hasControl(host) {
			return invalid("sites."+strings.Trim(strconv.Quote(host), `"`), "must be a lower-case host name without scheme, port or path")
		}
		if err := r.Validate(); err != nil {
			return fmt.Errorf("%w: sites.%s.%s", ErrInvalid, host, err)
		}
	}
	return c.validateNotify()
}

func (s Store) validate() error {
	if s.Path == "" {
		return invalid("store.path", "must not be empty")
	}
	if err := lockTimeoutRange.check("store.lock_timeout", s.LockTimeout); err != nil {
		return err
	}
	return keepVersionsRange.check("store.keep_versions", int64(s.KeepVersions))
}

func (cr Crawler) validate() error {
	switch ua := cr.UserAgent; {
	case strings.TrimSpace(ua) == "":
		return invalid("crawler.user_agent", "must not be empty")
	case len(ua) > MaxUserAgentBytes:
		return invalid("crawler.user_agent", "at most %d bytes (got %d)", MaxUserAgentBytes, len(ua))
	case !httpguts.ValidHeaderFieldValue(ua):
		// A CR or LF would make every request fail (or split it).
		return invalid("crawler.user_agent", "must not contain control characters such as a line break (got %q)", ua)
	}
	for _, r := range []error{
		parallelismRange.check("crawler.parallelism", int64(cr.Parallelism)),
		perHostDelayRange.check("crawler.per_host_delay", cr.PerHostDelay),
		timeoutRange.check("crawler.timeout", cr.Timeout),
		maxBodyBytesRange.check("crawler.max_body_bytes", cr.MaxBodyBytes),
		retriesRange.check("crawler.retries", int64(cr.Retries)),
	} {
		if r != nil {
			return r
		}
	}
	if cr.PerHostParallelism < 1 || cr.PerHostParallelism > cr.Parallelism {
		return invalid("crawler.per_host_parallelism", "must be between 1 and crawler.parallelism (%d) (got %d)", cr.Parallelism, cr.PerHostParallelism)
	}
	return nil
}

// memo remembers the verdict on each seed and regex already checked: a
// list shared through a YAML alias by many jobs is checked once.
type memo map[memoKey]error

type memoKey struct{ kind, s string }

func (m memo) check(kind, s string, f func(string) error) error {
	k := memoKey{kind, s}
	if err, ok := m[k]; ok {
		return err
	}
	err := f(s)
	m[k] = err
	return err
}

func normalizeSeed(s string) error {
	_, err := urlnorm.Normalize(s)
	return err
}

func compileRegex(s string) error {
	if _, err := regexp.Compile(s); err != nil {
		return fmt.Errorf("bad regex: %w", err)
	}
	return nil
}

func (j Job) validate(key string, checked memo) error {
	switch {
	case j.Name == "":
		return invalid(key+".name", "must not be empty")
	case hasControl(j.Name):
		return invalid(key+".name", "must not contain control characters (got %q)", j.Name)
	}
	if err := checkSchedule(j.Schedule); err != nil {
		return invalid(key+".schedule", "%v", err)
	}
	switch {
	case len(j.Seeds) == 0:
		return invalid(key+".seeds", "needs at least one URL")
	case len(j.Seeds) > MaxSeedsPerJob:
		return invalid(key+".seeds", "at most %d seeds per job (got %d)", MaxSeedsPerJob, len(j.Seeds))
	}
	for k, s := range j.Seeds {
		if err := checked.check("seed", s, normalizeSeed); err != nil {
			return invalid(fmt.Sprintf("%s.seeds[%d]", key, k), "%v", err)
		}
	}
	for k, d := range j.AllowedDomains {
		if d == "" || strings.ContainsAny(d, "/: ") || hasControl(d) {
			return invalid(fmt.Sprintf("%s.allowed_domains[%d]", key, k), "must be a host name, got %q", d)
		}
	}
	if err := maxDepthRange.check(key+".max_depth", int64(j.MaxDepth)); err != nil {
		return err
	}
	if err := maxPagesRange.check(key+".max_pages", int64(j.MaxPages)); err != nil {
		return err
	}
	if j.MaxPagesPerHost < 0 {
		return invalid(key+".max_pages_per_host", "must not be negative (got %d)", j.MaxPagesPerHost)
	}
	for _, list := range []struct {
		name string
		res  []string
	}{{"follow", j.Follow}, {"articles", j.Articles}} {
		for k, re := range list.res {
			if err := checked.check("regex", re, compileRegex); err != nil {
				return invalid(fmt.Sprintf("%s.%s[%d]", key, list.name, k), "%v", err)
			}
		}
	}
	return nil
}

// checkSchedule parses a cron spec and refuses intervals under MinInterval.
// Five-field specs cannot fire more than once a minute; @every can, and
// cron rounds @every 0s or a negative interval up to every second.
func checkSchedule(spec string) error {
	if spec == "" {
		return nil
	}
	s, err := CronParser.Parse(spec)
	if err != nil {
		return fmt.Errorf("bad cron spec %q: %v", spec, err)
	}
	if every, ok := s.(cron.ConstantDelaySchedule); ok && every.Delay < MinInterval {
		return fmt.Errorf("%q runs more often than every %s, the shortest interval allowed", spec, short(MinInterval))
	}
	return nil
}

// hasControl reports a control character (a line break, a tab, NUL…).
func hasControl(s string) bool {
	return strings.ContainsFunc(s, unicode.IsControl)
}

// Hosts returns the job's allowed hosts: allowed_domains, or the seeds' hosts.
func (j Job) Hosts() []string {
	if len(j.AllowedDomains) > 0 {
		out := make([]string, len(j.AllowedDomains))
		for i, d := range j.AllowedDomains {
			out[i] = strings.ToLower(d)
		}
		return out
	}
	var out []string
	seen := map[string]bool{}
	for _, s := range j.Seeds {
		if h := urlnorm.Host(s); h != "" && !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}

// MinTokenLen is the shortest serve.token accepted: a token guards the
// whole archive and its fetch endpoint.
const MinTokenLen = 16

func (s Serve) validate() error {
	if _, port, err := net.SplitHostPort(s.Addr); err != nil || port == "" {
		return invalid("serve.addr", "want host:port such as 127.0.0.1:8080 (got %q)", s.Addr)
	}
	if s.Token != "" && len(s.Token) < MinTokenLen {
		return invalid("serve.token", "must be at least %d characters", MinTokenLen)
	}
	if s.PublicURL != "" {
		u, err := url.Parse(s.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return invalid("serve.public_url", "want an absolute http(s) URL (got %q)", s.PublicURL)
		}
	}
	return nil
}
