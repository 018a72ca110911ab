package notify

import (
	"slices"
	"time"

	"newsarchive/article"
	"newsarchive/textdiff"
	"newsarchive/urlnorm"
)

// Change is one archived version and the one before it.
type Change struct {
	Job       string
	Key, URL  string           // archive key; URL fetched
	Prev      *article.Article // nil when the article is new
	Cur       *article.Article
	From, To  int // version numbers (From 0 when new)
	FetchedAt time.Time

	fields []textdiff.Field // computed once for every rule
}

// Event is EventNew or EventChanged.
func (c *Change) Event() string {
	if c.Prev == nil {
		return EventNew
	}
	return EventChanged
}

// Fields returns the field-by-field diff of the change.
func (c *Change) Fields() []textdiff.Field {
	if c.fields == nil {
		c.fields = textdiff.Fields(c.Prev, c.Cur)
	}
	return c.fields
}

// Site is the host the article is on.
func (c *Change) Site() string { return urlnorm.Host(c.Key) }

// Wants reports whether r wants c: its event, job, site and filters.
func (r Rule) Wants(c *Change) bool {
	on := r.On
	if len(on) == 0 {
		on = []string{EventChanged}
	}
	if !slices.Contains(on, c.Event()) {
		return false
	}
	if len(r.Jobs) > 0 && !slices.Contains(r.Jobs, c.Job) {
		return false
	}
	if len(r.Sites) > 0 && !urlnorm.HostAllowed(c.Site(), r.Sites) && !urlnorm.HostAllowed(urlnorm.Host(c.URL), r.Sites) {
		return false
	}
	added, removed, matched, touched := 0, 0, r.Match == nil, false
	for _, f := range c.Fields() {
		if !f.Changed || (len(r.Fields) > 0 && !slices.Contains(r.Fields, f.Name)) {
			continue
		}
		touched = true
		for _, e := range f.Edits {
			if e.Op == textdiff.Equal || (r.AddedOnly && e.Op == textdiff.Delete) {
				continue
			}
			if e.Op == textdiff.Insert {
				added += textdiff.Words(e.Text)
			} else {
				removed += textdiff.Words(e.Text)
			}
			if !matched && r.Match.MatchString(e.Text) {
				matched = true
			}
		}
	}
	switch {
	case !touched, !matched:
		return false
	case r.AddedOnly && added == 0:
		return false
	}
	return added+removed >= r.MinChange
}

// changedFields names the changed content fields.
func (c *Change) changedFields() []string {
	out := []string{}
	for _, f := range c.Fields() {
		if f.Changed {
			out = append(out, f.Name)
		}
	}
	return out
}
