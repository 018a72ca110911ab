package extract

import (
	"fmt"
	"time"

	"github.com/andybalholm/cascadia"
)

// Rules are per-site overrides, configured under `sites:` in config.yaml and
// keyed by host. Each selector is CSS; an empty one leaves the generic result
// in place. Rules apply only when the page's own URL is on that host.
type Rules struct {
	Title   string   `yaml:"title" json:"title,omitempty"`
	Body    string   `yaml:"body" json:"body,omitempty"`
	Date    string   `yaml:"date" json:"date,omitempty"`
	Author  string   `yaml:"author" json:"author,omitempty"`
	Source  string   `yaml:"source" json:"source,omitempty"`
	Related string   `yaml:"related" json:"related,omitempty"`
	Remove  []string `yaml:"remove" json:"remove,omitempty"`
	// Timezone is an IANA zone name (e.g. Asia/Shanghai). Dates the page
	// states without a zone are then given this zone's offset.
	Timezone string `yaml:"timezone" json:"timezone,omitempty"`
}

// Validate checks every selector and the timezone. The error names the field.
func (r Rules) Validate() error {
	for _, f := range []struct{ name, sel string }{
		{"title", r.Title}, {"body", r.Body}, {"date", r.Date}, {"author", r.Author},
		{"source", r.Source}, {"related", r.Related},
	} {
		if f.sel == "" {
			continue
		}
		if _, err := cascadia.ParseGroup(f.sel); err != nil {
			return fmt.Errorf("%s: bad selector %q: %w", f.name, f.sel, err)
		}
	}
	for i, sel := range r.Remove {
		if _, err := cascadia.ParseGroup(sel); err != nil {
			return fmt.Errorf("remove[%d]: bad selector %q: %w", i, sel, err)
		}
	}
	if r.Timezone != "" {
		if _, err := time.LoadLocation(r.Timezone); err != nil {
			return fmt.Errorf("timezone: %w", err)
		}
	}
	return nil
}
