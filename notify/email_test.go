package notify

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-smtp"
)

// mailbox is a local SMTP server that keeps every message it is given.
type mailbox struct {
	mu   sync.Mutex
	msgs []received
}

type received struct {
	from string
	to   []string
	data []byte
}

type session struct {
	box *mailbox
	cur received
}

func (s *session) Reset()        { s.cur = received{} }
func (s *session) Logout() error { return nil }
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.cur.from = from
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.cur.to = append(s.cur.to, to)
	return nil
}
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = b
	s.box.mu.Lock()
	s.box.msgs = append(s.box.msgs, s.cur)
	s.box.mu.Unlock()
	return nil
}

func newMailbox(t *testing.T) (*mailbox, string) {
	box := &mailbox{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{box: box}, nil }))
	srv.Domain = "localhost"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return box, l.Addr().String()
}

func TestEmailParts(t *testing.T) {
	box, addr := newMailbox(t)
	rule := Rule{Name: "desk", Email: &Email{SMTP: "smtp://" + addr, From: "Archive <archive@example.com>", To: []string{"desk@example.com", "editor@example.com"}}}
	st, _ := openStore(t)
	put(t, st, []Rule{rule}, testKey, v1(), t0)
	put(t, st, []Rule{rule}, testKey, v2(), t0)
	s := &Sender{Outbox: st, Rules: []Rule{rule}}
	if err := s.Pass(context.Background()); err != nil {
		t.Fatal(err)
	}
	if all, _ := st.Outbox("", "", 0); len(all) != 1 || all[0].State != "sent" {
		t.Fatalf("outbox %+v", all)
	}
	box.mu.Lock()
	msgs := append([]received(nil), box.msgs...)
	box.mu.Unlock()
	if len(msgs) != 1 {
		t.Fatalf("%d messages", len(msgs))
	}
	m := msgs[0]
	if m.from != "archive@example.com" || strings.Join(m.to, ",") != "desk@example.com,editor@example.com" {
		t.Fatalf("envelope %s → %v", m.from, m.to)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(m.data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if subject != "[www.example.com] Changed: Ferry crews walk out" {
		t.Fatalf("subject %q", subject)
	}
	idem := IdempotencyKey("desk", testKey, 2)
	if msg.Header.Get(HeaderIdemKey) != idem || !strings.Contains(msg.Header.Get("Message-ID"), idem) {
		t.Fatalf("headers %v", msg.Header)
	}
	parts := readParts(t, msg)
	plain, html := parts["text/plain"], parts["text/html"]
	for _, want := range []string{"Ferry crews walk out", testKey, "{+ A mediator will meet both sides on Monday.+}", "version 1 → 2", "https://archive.example/diff?"} {
		if !strings.Contains(plain, want) {
			t.Errorf("text part lacks %q:\n%s", want, plain)
		}
	}
	for _, want := range []string{"<ins style=", "> A mediator will meet both sides on Monday.</ins>", "<h3>text</h3>", `href="https://archive.example/diff?`} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML part lacks %q:\n%s", want, html)
		}
	}
}

// readParts returns the body of each part of a multipart/alternative
// message by content type.
func readParts(t *testing.T, msg *mail.Message) map[string]string {
	t.Helper()
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("content type %q: %v", msg.Header.Get("Content-Type"), err)
	}
	out := map[string]string{}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		b, _ := io.ReadAll(p)
		out[ct] = string(b)
	}
	if len(out) != 2 {
		t.Fatalf("parts %v", fmt.Sprint(len(out)))
	}
	return out
}

// TestEmailStartTLSRequired: with starttls on (the default), a server that
// does not offer STARTTLS gets nothing, and the notification is retried.
func TestEmailStartTLSRequired(t *testing.T) {
	box, addr := newMailbox(t)
	rule := Rule{Name: "desk", Email: &Email{SMTP: "smtp://user:pass@" + addr, From: "archive@example.com", To: []string{"desk@example.com"}, StartTLS: true}}
	st, _ := openStore(t)
	put(t, st, []Rule{rule}, testKey, v1(), t0)
	put(t, st, []Rule{rule}, testKey, v2(), t0)
	s := &Sender{Outbox: st, Rules: []Rule{rule}, Now: (&clock{t: t0}).now}
	s.Pass(context.Background())
	box.mu.Lock()
	n := len(box.msgs)
	box.mu.Unlock()
	all, _ := st.Outbox("", "", 0)
	if n != 0 || len(all) != 1 || all[0].State != "pending" || all[0].Attempts != 1 || strings.Contains(all[0].LastError, "pass") {
		t.Fatalf("%d messages; outbox %+v", n, all)
	}
	t.Logf("last error: %s", all[0].LastError)
}
