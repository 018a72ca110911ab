package app

import (
	"testing"
	"time"

	"newsarchive/config"
)

func TestNotifyRulesMapping(t *testing.T) {
	c, err := config.Parse([]byte(`
jobs: [{name: news, seeds: ['https://www.example.com/']}]
notify:
  - name: edits
    on: [new, changed]
    jobs: [news]
    sites: [www.example.com]
    fields: [title]
    min_change: 3
    added_only: true
    match: '(?i)correction'
    retry_for: 2h
    webhook: {url: "https://hooks.example/x", secret: s3cret, headers: {X-A: b}}
    email: {smtp: "smtp://u:p@mail.example:587", from: a@example.com, to: [b@example.com]}
`))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := NotifyRules(c)
	if err != nil || len(rules) != 1 {
		t.Fatalf("rules %v, %v", rules, err)
	}
	r := rules[0]
	switch {
	case r.Name != "edits" || len(r.On) != 2 || r.Jobs[0] != "news" || r.Sites[0] != "www.example.com" || r.Fields[0] != "title":
		t.Errorf("filters %+v", r)
	case r.MinChange != 3 || !r.AddedOnly || r.RetryFor != 2*time.Hour || !r.Match.MatchString("A CORRECTION"):
		t.Errorf("limits %+v", r)
	case r.Webhook.URL != "https://hooks.example/x" || r.Webhook.Secret != "s3cret" || r.Webhook.Headers["X-A"] != "b":
		t.Errorf("webhook %+v", r.Webhook)
	case r.Email.SMTP != "smtp://u:p@mail.example:587" || !r.Email.StartTLS || r.Email.To[0] != "b@example.com":
		t.Errorf("email %+v", r.Email)
	}
	if rs, _ := NotifyRules(config.Default()); len(rs) != 0 {
		t.Errorf("default config has rules %v", rs)
	}
}
