package notify

import (
	"regexp"
	"time"
)

// Events a rule can be on.
const (
	EventNew     = "new"
	EventChanged = "changed"
)

// Target kinds, as stored in the outbox.
const (
	TargetWebhook = "webhook"
	TargetEmail   = "email"
)

// DefaultRetryFor is how long a failing delivery is retried when a rule
// does not say.
const DefaultRetryFor = 24 * time.Hour

// Rule says which new or changed articles to notify about, and where.
type Rule struct {
	Name string
	// On lists the events (EventNew, EventChanged); empty means changed.
	On []string
	// Jobs and Sites limit the rule to these jobs and hosts (subdomains
	// included); empty means any.
	Jobs, Sites []string
	// Fields limits the change to these content fields (title, text,
	// authors, published_at); empty means every content field.
	Fields []string
	// MinChange is the least number of words changed in those fields,
	// Chinese and Japanese counted by character.
	MinChange int
	// AddedOnly wants added text: removals alone do not notify, and only
	// added words count for MinChange and Match.
	AddedOnly bool
	// Match, if set, must match some added or removed text.
	Match *regexp.Regexp

	Webhook *Webhook
	Email   *Email

	// RetryFor bounds how long a failing delivery is retried (0: DefaultRetryFor).
	RetryFor time.Duration
}

// Webhook is a signed JSON POST target.
type Webhook struct {
	URL     string
	Secret  string
	Headers map[string]string
}

// Email is a mail target.
type Email struct {
	SMTP     string // smtp://user:pass@host:port or smtps://…
	From     string
	To       []string
	StartTLS bool // require STARTTLS on smtp://
}

func (r Rule) retryFor() time.Duration {
	if r.RetryFor > 0 {
		return r.RetryFor
	}
	return DefaultRetryFor
}

// targets lists the rule's target kinds.
func (r Rule) targets() []string {
	var out []string
	if r.Webhook != nil {
		out = append(out, TargetWebhook)
	}
	if r.Email != nil {
		out = append(out, TargetEmail)
	}
	return out
}
