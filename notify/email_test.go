package notify

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// mailbox is a local SMTP server that keeps every message it is given.
type mailbox struct {
	mu     sync.Mutex
	msgs   []received
	logins atomic.Int32 // credentials offered
}

type received struct {
	from string
	to   []string
	data []byte
	user string // who logged in, if anyone
}

type session struct {
	box *mailbox
	cur received
}

func (s *session) Reset() { s.cur = received{user: s.cur.user} }

// AuthMechanisms and Auth accept PLAIN for user "desk" with password
// "p@ss word" (the server allows it without TLS on loopback).
func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		s.box.logins.Add(1)
		if user != "desk" || pass != "p@ss word" {
			return errors.New("bad credentials")
		}
		s.cur.user = user
		return nil
	}), nil
}
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

func newMailbox(t *testing.T, tlsConf ...*tls.Config) (*mailbox, string) {
	box := &mailbox{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{box: box}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	if len(tlsConf) > 0 {
		srv.TLSConfig = tlsConf[0] // offers STARTTLS
	}
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

// selfSigned returns a server certificate for 127.0.0.1 and a client
// configuration that trusts it.
func selfSigned(t *testing.T) (server, client *tls.Config) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, &tls.Config{RootCAs: roots}
}

// TestEmailLogsIn: over STARTTLS the user and password of the smtp URL
// (escaped as URLs escape them) reach the server; over a connection
// without TLS the password is not sent at all.
func TestEmailLogsIn(t *testing.T) {
	cases := []struct {
		name     string
		startTLS bool
		wantUser string
	}{
		{"starttls: the login goes through", true, "desk"},
		{"no TLS: no password in the clear", false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			serverTLS, clientTLS := selfSigned(t)
			box, addr := newMailbox(t, serverTLS)
			rule := Rule{Name: "desk", Email: &Email{SMTP: "smtp://desk:p%40ss%20word@" + addr, From: "archive@example.com",
				To: []string{"desk@example.com"}, StartTLS: c.startTLS}}
			st, _ := openStore(t)
			put(t, st, []Rule{rule}, testKey, v1(), t0)
			put(t, st, []Rule{rule}, testKey, v2(), t0)
			(&Sender{Outbox: st, Rules: []Rule{rule}, TLS: clientTLS, Now: (&clock{t: t0}).now}).Pass(context.Background())
			box.mu.Lock()
			msgs := append([]received(nil), box.msgs...)
			box.mu.Unlock()
			all, _ := st.Outbox("", "", 0)
			switch {
			case c.wantUser != "" && (len(msgs) != 1 || msgs[0].user != c.wantUser || all[0].State != "sent"):
				t.Fatalf("messages %+v; outbox %+v", msgs, all)
			case c.wantUser == "" && (len(msgs) != 0 || box.logins.Load() != 0 || all[0].State != "pending"):
				t.Fatalf("messages %+v, %d logins; outbox %+v", msgs, box.logins.Load(), all)
			}
		})
	}
}
