package redistest

import (
	"net"
	"strings"
	"testing"
)

// TestStartOnTakenPort: a server whose port is taken fails and says why,
// rather than passing another server off as its own or waiting out its
// deadline for an answer that cannot come.
func TestStartOnTakenPort(t *testing.T) {
	cases := []struct {
		name string
		take func(t *testing.T) string // holds a port for the test; its address
		want string
	}{
		{"another redis-server", func(t *testing.T) string { return Start(t, Options{}).Addr }, "another redis-server"},
		{"a listener that never answers", func(t *testing.T) string {
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { l.Close() })
			return l.Addr().String()
		}, "redis-server exited"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			addr := c.take(t)
			s := &Server{Addr: addr, dir: t.TempDir(), t: t}
			err := s.start(Binary(t))
			if err == nil {
				s.Stop()
				t.Fatalf("started on %s, which is taken", addr)
			}
			if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), addr) {
				t.Errorf("error %q; want %q and the address %s", err, c.want, addr)
			}
		})
	}
}
