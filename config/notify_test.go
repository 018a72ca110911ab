package config

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestNotifyErrorsNameTheKey(t *testing.T) {
	const hook = `webhook: {url: "https://hooks.example/x", secret: s3cret}`
	cases := []struct {
		name, yaml, want string
	}{
		{"no name", "notify: [{" + hook + "}]", "notify[0].name"},
		{"name with a slash", "notify: [{name: a/b, " + hook + "}]", "notify[0].name"},
		{"duplicate name", "notify: [{name: a, " + hook + "}, {name: a, " + hook + "}]", "notify[1].name: duplicate"},
		{"bad event", "notify: [{name: a, on: [edited], " + hook + "}]", "notify[0].on[0]"},
		{"unknown job", "notify: [{name: a, jobs: [nojob], " + hook + "}]", `notify[0].jobs[0]: no job named "nojob"`},
		{"bad site", "notify: [{name: a, sites: ['https://x.com/'], " + hook + "}]", "notify[0].sites[0]"},
		{"bad field", "notify: [{name: a, fields: [body], " + hook + "}]", "notify[0].fields[0]"},
		{"negative min_change", "notify: [{name: a, min_change: -1, " + hook + "}]", "notify[0].min_change"},
		{"bad match", "notify: [{name: a, match: '(', " + hook + "}]", "notify[0].match: bad regex"},
		{"no target", "notify: [{name: a}]", "notify[0]: needs a target"},
		{"relative webhook url", `notify: [{name: a, webhook: {url: "/x", secret: s}}]`, "notify[0].webhook.url"},
		{"webhook without secret", `notify: [{name: a, webhook: {url: "https://h.example/x"}}]`, "notify[0].webhook.secret"},
		{"unknown webhook key", `notify: [{name: a, webhook: {uri: "https://h.example/x", secret: s}}]`, "notify[0].webhook.uri: unknown key"},
		{"bad smtp scheme", `notify: [{name: a, email: {smtp: "http://h:25", from: a@b.example, to: [c@d.example]}}]`, "notify[0].email.smtp"},
		{"bad from", `notify: [{name: a, email: {smtp: "smtp://h:25", from: nobody, to: [c@d.example]}}]`, "notify[0].email.from"},
		{"no recipient", `notify: [{name: a, email: {smtp: "smtp://h:25", from: a@b.example}}]`, "notify[0].email.to"},
		{"bad recipient", `notify: [{name: a, email: {smtp: "smtp://h:25", from: a@b.example, to: [c@d.example, x]}}]`, "notify[0].email.to[1]"},
		{"negative retry_for", "notify: [{name: a, retry_for: -1h, " + hook + "}]", "notify[0].retry_for"},
		{"negative notify_wait", "notify_wait: -1s", "notify_wait"},
		{"negative notify_keep_sent", "notify_keep_sent: -1h", "notify_keep_sent"},
		{"bad notify_keep_sent", "notify_keep_sent: 90 days", "notify_keep_sent"},
		{"bad public_url", "serve: {public_url: 'localhost:8080'}", "serve.public_url"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse([]byte(c.yaml))
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want error containing %q", c.yaml, c.want)
			}
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not contain %q (or is not ErrInvalid)", err, c.want)
			}
		})
	}
}

func TestNotifyParse(t *testing.T) {
	c, err := Parse([]byte(`
jobs: [{name: news, seeds: ['https://www.example.com/']}]
serve: {public_url: "https://archive.example"}
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
    webhook: {url: "https://hooks.example/x", secret: s3cret, headers: {X-Team: desk}}
    email: {smtp: "smtp://u:p@mail.example:587", from: "Archive <a@example.com>", to: [desk@example.com]}
  - name: plain
    email: {smtp: "smtp://127.0.0.1:25", from: a@example.com, to: [b@example.com], starttls: false}
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.NotifyWait.D() != 30*time.Second || c.Serve.PublicURL != "https://archive.example" || len(c.Notify) != 2 {
		t.Fatalf("config %+v", c)
	}
	r := c.Notify[0]
	if r.MinChange != 3 || !r.AddedOnly || r.RetryFor.D() != 2*time.Hour || r.Webhook.Headers["X-Team"] != "desk" || !r.Email.StartTLS {
		t.Fatalf("rule %+v", r)
	}
	if c.Notify[1].Email.StartTLS || c.Notify[1].Webhook != nil {
		t.Fatalf("rule %+v", c.Notify[1])
	}
}
