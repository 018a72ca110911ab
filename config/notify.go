package config

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// NotifyRule is one entry of `notify:`: which new or changed articles to
// tell someone about, and where (a webhook, an e-mail, or both).
type NotifyRule struct {
	Name string `yaml:"name"`
	// On lists the events: "new", "changed" (default: changed).
	On []string `yaml:"on"`
	// Jobs and Sites limit the rule to articles archived by these jobs
	// and on these hosts (subdomains included); empty means any.
	Jobs  []string `yaml:"jobs"`
	Sites []string `yaml:"sites"`
	// Fields limits "changed" to these fields (title, text, authors,
	// published_at): [title] tracks headlines only.
	Fields []string `yaml:"fields"`
	// MinChange is the least number of words changed (Chinese and
	// Japanese counted by character) in those fields.
	MinChange int `yaml:"min_change"`
	// AddedOnly notifies only when text was added, and counts and matches
	// only the added text.
	AddedOnly bool `yaml:"added_only"`
	// Match is a regex that the added or removed text must match.
	Match string `yaml:"match"`

	Webhook *Webhook `yaml:"webhook"`
	Email   *Email   `yaml:"email"`

	// RetryFor is how long a failing delivery is retried (default 24h).
	RetryFor Duration `yaml:"retry_for"`
}

// Webhook is a rule's HTTP target: a signed JSON POST.
type Webhook struct {
	URL     string            `yaml:"url"`
	Secret  string            `yaml:"secret"`
	Headers map[string]string `yaml:"headers"`
}

// Email is a rule's mail target.
type Email struct {
	// SMTP is smtp://user:pass@host:port (or smtps:// for TLS from the
	// first byte).
	SMTP string   `yaml:"smtp"`
	From string   `yaml:"from"`
	To   []string `yaml:"to"`
	// StartTLS requires STARTTLS on smtp:// (default true); false sends in
	// the clear, for a relay on the same machine.
	StartTLS bool `yaml:"starttls"`
}

// DefaultNotifyWait is how long a crawl waits, after it is done, for the
// outbox to empty.
const DefaultNotifyWait = 30 * time.Second

// DefaultNotifyKeepSent is how long a delivered notification stays in
// the outbox: long enough to answer "was I told?" for a season, short
// enough that the outbox does not grow with the archive.
const DefaultNotifyKeepSent = 90 * 24 * time.Hour

// DefaultRetryFor is how long a failing notification is retried.
const DefaultRetryFor = 24 * time.Hour

// UnmarshalYAML gives starttls its default (on) before decoding. It takes
// the callback form, as Job's does, so that the whole document is decoded
// once and yaml.v3's alias limits apply.
func (e *Email) UnmarshalYAML(unmarshal func(any) error) error {
	type plain Email
	p := plain{StartTLS: true}
	if err := unmarshal(&p); err != nil {
		return err
	}
	*e = Email(p)
	return nil
}

// NotifyFields are the fields a rule's `fields` may name.
var NotifyFields = []string{"title", "text", "authors", "published_at"}

var ruleName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// validateNotify checks notify and notify_wait (serve.public_url, which
// the notifications link to, is checked with the serve section).
func (c Config) validateNotify() error {
	if c.NotifyWait < 0 {
		return invalid("notify_wait", "must not be negative (got %s)", c.NotifyWait)
	}
	if c.NotifyKeepSent < 0 {
		return invalid("notify_keep_sent", "must not be negative (got %s)", c.NotifyKeepSent)
	}
	names := map[string]bool{}
	for i, r := range c.Notify {
		key := fmt.Sprintf("notify[%d]", i)
		if !ruleName.MatchString(r.Name) {
			return invalid(key+".name", "must be letters, digits, '.', '_' or '-' (it names the rule's feed), got %q", r.Name)
		}
		if names[r.Name] {
			return invalid(key+".name", "duplicate rule name %q", r.Name)
		}
		names[r.Name] = true
		if err := r.validate(key, c); err != nil {
			return err
		}
	}
	return nil
}

func (r NotifyRule) validate(key string, c Config) error {
	for k, on := range r.On {
		if on != "new" && on != "changed" {
			return invalid(fmt.Sprintf("%s.on[%d]", key, k), "want new or changed, got %q", on)
		}
	}
	for k, j := range r.Jobs {
		if _, ok := c.Job(j); !ok {
			return invalid(fmt.Sprintf("%s.jobs[%d]", key, k), "no job named %q", j)
		}
	}
	for k, s := range r.Sites {
		if s == "" || s != strings.ToLower(s) || strings.ContainsAny(s, "/: ") {
			return invalid(fmt.Sprintf("%s.sites[%d]", key, k), "must be a lower-case host name, got %q", s)
		}
	}
	for k, f := range r.Fields {
		if !slices.Contains(NotifyFields, f) {
			return invalid(fmt.Sprintf("%s.fields[%d]", key, k), "want one of %s, got %q", strings.Join(NotifyFields, ", "), f)
		}
	}
	if r.MinChange < 0 {
		return invalid(key+".min_change", "must not be negative (got %d)", r.MinChange)
	}
	if r.Match != "" {
		if _, err := regexp.Compile(r.Match); err != nil {
			return invalid(key+".match", "bad regex: %v", err)
		}
	}
	if r.RetryFor < 0 {
		return invalid(key+".retry_for", "must not be negative (got %s)", r.RetryFor)
	}
	if r.Webhook == nil && r.Email == nil {
		return invalid(key, "needs a target: webhook, email or both")
	}
	if w := r.Webhook; w != nil {
		if err := httpURL(w.URL); err != nil {
			return invalid(key+".webhook.url", "%v", err)
		}
		if w.Secret == "" {
			return invalid(key+".webhook.secret", "must not be empty: it signs every call")
		}
		for h := range w.Headers {
			if h == "" || strings.ContainsAny(h, " :\r\n") {
				return invalid(key+".webhook.headers", "bad header name %q", h)
			}
		}
	}
	if e := r.Email; e != nil {
		if err := smtpURL(e.SMTP); err != nil {
			return invalid(key+".email.smtp", "%v", err)
		}
		if _, err := mail.ParseAddress(e.From); err != nil {
			return invalid(key+".email.from", "bad address %q: %v", e.From, err)
		}
		if len(e.To) == 0 {
			return invalid(key+".email.to", "needs at least one address")
		}
		for k, to := range e.To {
			if _, err := mail.ParseAddress(to); err != nil {
				return invalid(fmt.Sprintf("%s.email.to[%d]", key, k), "bad address %q: %v", to, err)
			}
		}
	}
	return nil
}

func httpURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("want an absolute http or https URL, got %q", s)
	}
	return nil
}

func smtpURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("not a valid URL") // the error would quote the password
	}
	if (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return fmt.Errorf("want smtp://user:pass@host:port or smtps://…, got scheme %q", u.Scheme)
	}
	return nil
}
