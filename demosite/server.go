package demosite

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// Server is the site listening on a loopback port.
type Server struct {
	*Site
	srv  *http.Server
	url  string
	done chan struct{}
}

// Start serves a fresh Site on 127.0.0.1 at a free port until Close.
func Start() (*Server, error) { return StartAt("127.0.0.1:0") }

// StartAt serves a fresh Site on addr (host:port) until Close.
func StartAt(addr string) (*Server, error) {
	site, err := New()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	s := &Server{
		Site: site,
		srv:  &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second},
		url:  "http://" + ln.Addr().String(),
		done: make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		s.srv.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	return s, nil
}

// URL is the site's base URL, e.g. http://127.0.0.1:41234 (no trailing slash).
func (s *Server) URL() string { return s.url }

// Seeds are the URLs a crawl of the whole site starts from: the front page.
func (s *Server) Seeds() []string { return []string{s.url + "/"} }

// Close stops the server, letting requests in flight finish for a moment.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := s.srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = s.srv.Close()
	}
	<-s.done
	return err
}
