// Package redistest starts a real redis-server for tests: on a free
// loopback port, in a temporary folder of the test, stopped when the test
// ends. Without redis-server on the PATH the test is skipped, except under
// CI (CI=true), where a missing server is a failure.
package redistest

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Server is one redis-server process of a test.
type Server struct {
	// Addr is host:port on loopback.
	Addr string
	dir  string
	aof  bool
	t    testing.TB

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{} // closed when cmd has exited (its Wait returned)
}

// Options choose how the server keeps its data.
type Options struct {
	// AOF turns on appendonly (appendfsync everysec), as a crawl in
	// production should run it, so that a restart keeps the frontier.
	AOF bool
}

// Binary returns the path of redis-server, or skips (fails under CI) the
// test when there is none.
func Binary(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("redis-server")
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("redis-server not found on PATH, and CI=true: install it (apt-get install redis-server)")
	}
	t.Skip("redis-server not found on PATH: skipping the tests that need a real Redis (apt-get install redis-server)")
	return ""
}

// Start starts a server for the test and stops it when the test ends.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	bin := Binary(t)
	s := &Server{dir: t.TempDir(), aof: o.AOF, t: t}
	var err error
	for range 5 { // a free port can be taken between the probe and the bind
		s.Addr = freePort(t)
		if err = s.start(bin); err == nil {
			t.Cleanup(s.Stop)
			return s
		}
	}
	t.Fatalf("redis-server did not start: %v", err)
	return nil
}

// URL is the redis:// URL of database db on the server.
func (s *Server) URL(db int) string { return fmt.Sprintf("redis://%s/%d", s.Addr, db) }

// Client returns a client of database 0, closed when the test ends.
func (s *Server) Client(t testing.TB) *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: s.Addr})
	t.Cleanup(func() { c.Close() })
	return c
}

func (s *Server) start(bin string) error {
	_, port, _ := net.SplitHostPort(s.Addr)
	aof := "no"
	if s.aof {
		aof = "yes"
	}
	cmd := exec.Command(bin, "--port", port, "--bind", "127.0.0.1", "--dir", s.dir,
		"--save", "", "--appendonly", aof, "--appendfsync", "everysec",
		"--daemonize", "no", "--logfile", filepath.Join(s.dir, "redis.log"))
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	fail := func(why string) error {
		cmd.Process.Kill()
		<-exited
		return fmt.Errorf("%s on %s; log: %s", why, s.Addr, tail(filepath.Join(s.dir, "redis.log")))
	}
	// Each attempt is bounded by its context, so that an exit is noticed
	// within a second.
	c := redis.NewClient(&redis.Options{Addr: s.Addr, MaxRetries: -1, ContextTimeoutEnabled: true})
	defer c.Close()
	// Generous: a loaded machine can take seconds to start a process.
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited: // the port was taken between the probe and the bind
			return fail("redis-server exited")
		default:
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		// PING is refused while the AOF loads (INFO is not): ready means loaded.
		err := c.Ping(ctx).Err()
		var info map[string]map[string]string
		if err == nil {
			info, err = c.InfoMap(ctx, "server").Result()
		}
		cancel()
		if err == nil {
			// The answer may come from another test's server that took
			// the port first: only ours will do.
			if got := info["Server"]["process_id"]; got != strconv.Itoa(cmd.Process.Pid) {
				return fail("another redis-server (pid " + got + ") answers")
			}
			s.mu.Lock()
			s.cmd, s.exited = cmd, exited
			s.mu.Unlock()
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fail("no answer")
}

// Stop stops the server (SIGTERM: it writes what it has and exits).
func (s *Server) Stop() {
	s.mu.Lock()
	cmd, exited := s.cmd, s.exited
	s.cmd = nil
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(os.Interrupt)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-exited
	}
}

// Kill stops the server with SIGKILL, as a crash would.
func (s *Server) Kill() {
	s.mu.Lock()
	cmd, exited := s.cmd, s.exited
	s.cmd = nil
	s.mu.Unlock()
	if cmd != nil {
		cmd.Process.Kill()
		<-exited
	}
}

// Restart starts the server again on the same port and folder (after Stop
// or Kill); with AOF on it comes back with its data. The port is free
// again after the stop, and another socket (a client's ephemeral port)
// may hold it for a moment: the start is tried again for a while.
func (s *Server) Restart() {
	s.t.Helper()
	if err := s.restart(); err != nil {
		s.t.Fatalf("restarting redis-server: %v", err)
	}
}

func (s *Server) restart() error {
	bin := Binary(s.t)
	var err error
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if err = s.start(bin); err == nil {
			return nil
		}
	}
	return err
}

// FreeAddr is a loopback address nothing listens on (for a test of an
// unreachable server).
func FreeAddr(t testing.TB) string { return freePort(t) }

func freePort(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return "127.0.0.1:" + strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

func tail(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if len(lines) > 5 {
			lines = lines[1:]
		}
	}
	return fmt.Sprint(lines)
}
