package notify

import (
	"context"
	"crypto/tls"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wneessen/go-mail"
)

// Subject is an e-mail's subject: the event, the site and the headline.
func Subject(p Payload) string {
	what := "Changed"
	if p.Event == EventNew {
		what = "New"
	}
	return fmt.Sprintf("[%s] %s: %s", p.Site, what, p.Title)
}

// PlainText is an e-mail's text part.
func PlainText(p Payload) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n\n", p.Title, p.URL)
	if p.Event == EventNew {
		fmt.Fprintf(&b, "New article on %s (version %d, fetched %s).\n", p.Site, p.ToVersion, p.FetchedAt)
	} else {
		fmt.Fprintf(&b, "Changed on %s: %s (version %d → %d, fetched %s).\n", p.Site, strings.Join(p.ChangedFields, ", "), p.FromVersion, p.ToVersion, p.FetchedAt)
	}
	fmt.Fprintf(&b, "%d words deleted, %d inserted.\n", p.Diff.Deleted, p.Diff.Inserted)
	if p.DiffURL != "" {
		fmt.Fprintf(&b, "Diff: %s\n", p.DiffURL)
	}
	fmt.Fprintf(&b, "\n%s\n-- \nnewsarchive, rule %s\n", p.Diff.Unified, p.Rule)
	return b.String()
}

// HTML is an e-mail's HTML part: the same diff, deletions struck through
// in red and insertions in green.
func HTML(p Payload) string {
	e := html.EscapeString
	var b strings.Builder
	b.WriteString("<!doctype html><html><body style=\"font-family:sans-serif\">\n")
	fmt.Fprintf(&b, "<h2><a href=\"%s\">%s</a></h2>\n", e(p.URL), e(p.Title))
	if p.Event == EventNew {
		fmt.Fprintf(&b, "<p>New article on %s (version %d, fetched %s).</p>\n", e(p.Site), p.ToVersion, e(p.FetchedAt))
	} else {
		fmt.Fprintf(&b, "<p>Changed on %s: %s (version %d → %d, fetched %s). %d words deleted, %d inserted.</p>\n",
			e(p.Site), e(strings.Join(p.ChangedFields, ", ")), p.FromVersion, p.ToVersion, e(p.FetchedAt), p.Diff.Deleted, p.Diff.Inserted)
	}
	if p.DiffURL != "" {
		fmt.Fprintf(&b, "<p><a href=\"%s\">See the diff</a></p>\n", e(p.DiffURL))
	}
	for _, f := range p.Diff.Fields {
		fmt.Fprintf(&b, "<h3>%s</h3>\n<p style=\"white-space:pre-wrap\">", e(f.Field))
		for _, ed := range f.Edits {
			switch ed.Op {
			case "-":
				fmt.Fprintf(&b, "<del style=\"background:#fdd;color:#a00\">%s</del>", e(ed.Text))
			case "+":
				fmt.Fprintf(&b, "<ins style=\"background:#dfd;color:#060\">%s</ins>", e(ed.Text))
			default:
				b.WriteString(e(ed.Text))
			}
		}
		b.WriteString("</p>\n")
	}
	fmt.Fprintf(&b, "<p style=\"color:#777\">newsarchive, rule %s</p>\n</body></html>\n", e(p.Rule))
	return b.String()
}

// newMessage builds the e-mail of p.
func newMessage(m *Email, p Payload, idem string) (*mail.Msg, error) {
	msg := mail.NewMsg()
	if err := msg.From(m.From); err != nil {
		return nil, err
	}
	if err := msg.To(m.To...); err != nil {
		return nil, err
	}
	msg.Subject(Subject(p))
	// A resend after a crash carries the same Message-ID, so that mail
	// clients that de-duplicate show it once.
	msg.SetMessageIDWithValue(idem + "@newsarchive")
	msg.SetGenHeader(mail.Header(HeaderIdemKey), idem)
	msg.SetDate()
	msg.SetBodyString(mail.TypeTextPlain, PlainText(p))
	msg.AddAlternativeString(mail.TypeTextHTML, HTML(p))
	return msg, nil
}

// sendEmail delivers msg through m's SMTP server. tlsConf, if not nil,
// replaces the system's TLS settings (its ServerName is filled in).
// Over a connection without TLS, go-mail offers the password only to
// mechanisms that do not send it in the clear.
func sendEmail(ctx context.Context, m *Email, msg *mail.Msg, timeout time.Duration, tlsConf *tls.Config) error {
	u, err := url.Parse(m.SMTP)
	if err != nil {
		return &attemptError{err: fmt.Errorf("bad smtp URL"), permanent: true}
	}
	port := 587
	opts := []mail.Option{mail.WithTimeout(timeout)}
	switch {
	case u.Scheme == "smtps":
		port = 465
		opts = append(opts, mail.WithSSL())
	case m.StartTLS:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	default:
		port = 25
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	}
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return &attemptError{err: fmt.Errorf("bad smtp port %q", p), permanent: true}
		}
	}
	opts = append(opts, mail.WithPort(port))
	if tlsConf != nil {
		tc := tlsConf.Clone()
		if tc.ServerName == "" {
			tc.ServerName = u.Hostname()
		}
		opts = append(opts, mail.WithTLSConfig(tc))
	}
	if u.User != nil {
		pass, _ := u.User.Password()
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(u.User.Username()), mail.WithPassword(pass))
	}
	c, err := mail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return &attemptError{err: err, permanent: true}
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return &attemptError{err: err}
	}
	return nil
}
