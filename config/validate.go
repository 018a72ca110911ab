package config

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/robfig/cron/v3"

	"newsarchive/urlnorm"
)

// CronParser is the cron dialect of job schedules: five fields, or a
// descriptor such as @hourly or @every 30m.
var CronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

func invalid(key, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalid, key, fmt.Sprintf(format, args...))
}

// Validate checks every value and returns the first problem, naming its key.
func (c Config) Validate() error {
	s := c.Store
	if s.Path == "" {
		return invalid("store.path", "must not be empty")
	}
	if s.LockTimeout < 0 {
		return invalid("store.lock_timeout", "must not be negative (got %s)", s.LockTimeout)
	}
	if s.KeepVersions < 0 {
		return invalid("store.keep_versions", "must not be negative (got %d)", s.KeepVersions)
	}
	cr := c.Crawler
	switch {
	case strings.TrimSpace(cr.UserAgent) == "":
		return invalid("crawler.user_agent", "must not be empty")
	case cr.Parallelism < 1:
		return invalid("crawler.parallelism", "must be at least 1 (got %d)", cr.Parallelism)
	case cr.PerHostParallelism < 1 || cr.PerHostParallelism > cr.Parallelism:
		return invalid("crawler.per_host_parallelism", "must be between 1 and crawler.parallelism (%d) (got %d)", cr.Parallelism, cr.PerHostParallelism)
	case cr.PerHostDelay < 0:
		return invalid("crawler.per_host_delay", "must not be negative (got %s)", cr.PerHostDelay)
	case cr.Timeout <= 0:
		return invalid("crawler.timeout", "must be positive (got %s)", cr.Timeout)
	case cr.MaxBodyBytes <= 0:
		return invalid("crawler.max_body_bytes", "must be positive (got %d)", cr.MaxBodyBytes)
	case cr.Retries < 0:
		return invalid("crawler.retries", "must not be negative (got %d)", cr.Retries)
	}
	if err := cr.validateFrontier(); err != nil {
		return err
	}
	names := map[string]bool{}
	for i, j := range c.Jobs {
		key := fmt.Sprintf("jobs[%d]", i)
		if j.Name == "" {
			return invalid(key+".name", "must not be empty")
		}
		if names[j.Name] {
			return invalid(key+".name", "duplicate job name %q", j.Name)
		}
		names[j.Name] = true
		if err := j.validate(key); err != nil {
			return err
		}
	}
	for host, r := range c.Sites {
		if host != strings.ToLower(host) || strings.ContainsAny(host, "/: ") {
			return invalid("sites."+host, "must be a lower-case host name without scheme, port or path")
		}
		if err := r.Validate(); err != nil {
			return fmt.Errorf("%w: sites.%s.%s", ErrInvalid, host, err)
		}
	}
	return nil
}

func (j Job) validate(key string) error {
	if j.Schedule != "" {
		if _, err := CronParser.Parse(j.Schedule); err != nil {
			return invalid(key+".schedule", "bad cron spec %q: %v", j.Schedule, err)
		}
	}
	if len(j.Seeds) == 0 {
		return invalid(key+".seeds", "needs at least one URL")
	}
	for k, s := range j.Seeds {
		if _, err := urlnorm.Normalize(s); err != nil {
			return invalid(fmt.Sprintf("%s.seeds[%d]", key, k), "%v", err)
		}
	}
	for k, d := range j.AllowedDomains {
		if d == "" || strings.ContainsAny(d, "/: ") {
			return invalid(fmt.Sprintf("%s.allowed_domains[%d]", key, k), "must be a host name, got %q", d)
		}
	}
	if j.MaxDepth < 0 {
		return invalid(key+".max_depth", "must not be negative (got %d)", j.MaxDepth)
	}
	if j.MaxPages < 0 {
		return invalid(key+".max_pages", "must not be negative (got %d)", j.MaxPages)
	}
	if j.MaxPagesPerHost < 0 {
		return invalid(key+".max_pages_per_host", "must not be negative (got %d)", j.MaxPagesPerHost)
	}
	for _, list := range []struct {
		name string
		res  []string
	}{{"follow", j.Follow}, {"articles", j.Articles}} {
		for k, re := range list.res {
			if _, err := regexp.Compile(re); err != nil {
				return invalid(fmt.Sprintf("%s.%s[%d]", key, list.name, k), "bad regex: %v", err)
			}
		}
	}
	return nil
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
