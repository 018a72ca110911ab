package web

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Discovery is what serve writes next to the archive (ARCHIVE.serve, mode
// 0600) so that CLI commands find the server that holds the archive.
type Discovery struct {
	URL   string `json:"url"`   // http://host:port
	Token string `json:"token"` // the Bearer token of /api/cli
	PID   int    `json:"pid"`
}

// DiscoveryPath is the discovery file of the archive at path.
func DiscoveryPath(archive string) string { return archive + ".serve" }

// WriteDiscovery writes d to path atomically, readable by its owner only.
func WriteDiscovery(path string, d Discovery) error {
	b, err := json.Marshal(d)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".newsarchive-serve-*") // 0600
	if err != nil {
		return err
	}
	_, err = f.Write(append(b, '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// Frames of /api/cli's answer: a kind byte, a 4-byte big-endian length,
// then that many bytes. The exit frame's payload is the exit code.
const (
	frameStdout byte = 1
	frameStderr byte = 2
	frameExit   byte = 3
)

// frameWriter writes one stream's frames; writes from the two streams
// (and from a command's goroutines) are serialised.
type frameWriter struct {
	mu   *sync.Mutex
	w    *bufio.Writer
	fl   http.Flusher
	kind byte
}

func (f frameWriter) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var hdr [5]byte
	hdr[0] = f.kind
	binary.BigEndian.PutUint32(hdr[1:], uint32(len(p)))
	f.w.Write(hdr[:])
	if _, err := f.w.Write(p); err != nil {
		return 0, err
	}
	if f.kind == frameStderr { // log lines and progress: show them now
		if err := f.w.Flush(); err != nil {
			return 0, err
		}
		if f.fl != nil {
			f.fl.Flush()
		}
	}
	return len(p), nil
}

// apiCLI answers POST /api/cli {"args": [...]}: it runs the command line
// against the held archive and streams its output back in frames. It
// needs the discovery file's token whatever else guards the site. The
// command stops when the client goes away or serve stops.
func (s *Server) apiCLI(w http.ResponseWriter, r *http.Request) {
	if s.opts.Exec == nil || s.opts.ExecToken == "" {
		s.fail(w, r, http.StatusNotFound, "", "running commands through this server is off")
		return
	}
	if !equal(bearer(r), s.opts.ExecToken) {
		s.fail(w, r, http.StatusUnauthorized, "", "needs the token of the discovery file")
		return
	}
	var body struct {
		Args []string `json:"args"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&body); err != nil || len(body.Args) == 0 {
		s.fail(w, r, http.StatusBadRequest, "args", "want {\"args\": [\"command\", …]}")
		return
	}
	ctx, cancel := context.WithCancel(r.Context())
	defer cancel()
	stop := context.AfterFunc(s.ctx, cancel)
	defer stop()
	w.Header().Set("Content-Type", "application/octet-stream")
	bw := bufio.NewWriterSize(w, 64<<10)
	mu := &sync.Mutex{}
	fl, _ := w.(http.Flusher)
	code := s.opts.Exec(ctx, body.Args, frameWriter{mu, bw, fl, frameStdout}, frameWriter{mu, bw, fl, frameStderr})
	mu.Lock()
	defer mu.Unlock()
	var fr [9]byte
	fr[0] = frameExit
	binary.BigEndian.PutUint32(fr[1:5], 4)
	binary.BigEndian.PutUint32(fr[5:], uint32(int32(code)))
	bw.Write(fr[:])
	bw.Flush()
}

// ErrNoServer is returned by Forward when no server holds the archive (no
// discovery file, or a stale one).
var ErrNoServer = errors.New("no newsarchive serve holds the archive")

// Forward carries out a command line on the server that holds archive, if
// one does, copying its output to stdout and stderr and returning its
// exit code. A missing discovery file, or one whose server does not
// answer (stale: serve was killed), is ErrNoServer; the stale case is
// logged at debug level.
func Forward(ctx context.Context, archive string, args []string, stdout, stderr io.Writer, log *slog.Logger) (int, error) {
	path := DiscoveryPath(archive)
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, ErrNoServer
	}
	var d Discovery
	if err := json.Unmarshal(b, &d); err != nil || d.URL == "" {
		log.Debug("ignoring an unreadable discovery file", "path", path, "err", err)
		return 0, ErrNoServer
	}
	hc, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(hc, http.MethodGet, d.URL+"/healthz", nil)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("healthz answered %s", resp.Status)
		}
	}
	if err != nil {
		log.Debug("ignoring a stale discovery file: no server answers", "path", path, "url", d.URL, "err", err)
		return 0, ErrNoServer
	}
	body, _ := json.Marshal(map[string][]string{"args": args})
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, d.URL+"/api/cli", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+d.Token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		return 0, fmt.Errorf("the server holding the archive (%s): %w", d.URL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return 0, fmt.Errorf("the server holding the archive (%s) refused the command: %s %s", d.URL, resp.Status, strings.TrimSpace(string(msg)))
	}
	return readFrames(bufio.NewReaderSize(resp.Body, 64<<10), stdout, stderr)
}

func readFrames(r *bufio.Reader, stdout, stderr io.Writer) (int, error) {
	var hdr [5]byte
	for {
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return 0, fmt.Errorf("the server's answer ended early (did it stop?): %w", err)
		}
		n := int64(binary.BigEndian.Uint32(hdr[1:]))
		switch hdr[0] {
		case frameStdout, frameStderr:
			dst := stdout
			if hdr[0] == frameStderr {
				dst = stderr
			}
			if _, err := io.CopyN(dst, r, n); err != nil {
				return 0, err
			}
		case frameExit:
			var c [4]byte
			if n != 4 {
				return 0, errors.New("bad exit frame from the server")
			}
			if _, err := io.ReadFull(r, c[:]); err != nil {
				return 0, err
			}
			return int(int32(binary.BigEndian.Uint32(c[:]))), nil
		default:
			return 0, fmt.Errorf("unknown frame %d from the server", hdr[0])
		}
	}
}
