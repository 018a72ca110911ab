package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"newsarchive/app"
	"newsarchive/article"
	"newsarchive/config"
	"newsarchive/schedule"
	"newsarchive/search"
	"newsarchive/store"
	"newsarchive/web"
)

func init() { register(newServeCmd) }

// ServeOptions are the inputs of `serve`.
type ServeOptions struct {
	Addr       string // overrides serve.addr
	NoSchedule bool   // do not run the jobs' schedules
}

func newServeCmd(env *Env) *cobra.Command {
	var o ServeOptions
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--no-schedule]",
		Short: "Serve the archive as a web site and JSON API, and run the job schedules",
		Long: `Serve holds the archive open and serves it: pages for people (articles,
every version, diffs, raw captures, runs), a JSON API under /api/ and an
Atom feed of edits at /feeds/changes.atom. It also runs the jobs'
schedules, as "schedule" does (--no-schedule turns that off). While it
runs, fetch, crawl, export, list, show, history, diff, runs and stats
against the same archive are carried out by it (it writes ARCHIVE.serve
for them to find it). It binds to loopback unless a token is set
(serve.token or NEWSARCHIVE_TOKEN). SIGINT or SIGTERM stops it: requests
in flight finish, and a running crawl stops and resumes on its next run.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunServe(cmd.Context(), env, c, o)
		},
	}
	cmd.Flags().StringVar(&o.Addr, "addr", "", "listen address (default serve.addr, 127.0.0.1:8080)")
	cmd.Flags().BoolVar(&o.NoSchedule, "no-schedule", false, "do not run the jobs' schedules")
	return cmd
}

// shutdownGrace bounds the wait for requests in flight when serve stops.
const shutdownGrace = 30 * time.Second

// RunServe serves until ctx is cancelled.
func RunServe(ctx context.Context, env *Env, c config.Config, o ServeOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	addr := c.Serve.Addr
	if o.Addr != "" {
		addr = o.Addr
	}
	token, err := serveToken(c, addr)
	if err != nil {
		return err
	}
	log := env.logger()
	st, err := env.OpenStore(c, false)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := app.NewHeld(c, log, st)
	// serve opens the search index once, for its pages and for the runs
	// it makes (a second opener would wait on the index's lock).
	keeper := newKeeper(c, log)
	ix, err := search.Open(st, search.Options{Create: true, LockTimeout: c.Store.LockTimeout.D()})
	if err == nil {
		if _, err = ix.CatchUp(ctx); err != nil {
			ix.Close()
		}
	}
	if err != nil {
		log.Warn("search is off", "err", err)
		ix = nil
	} else {
		defer ix.Close()
		keeper.Index = ix
	}
	svc.Indexer = keeper
	_, stopNotify := svc.StartNotifier(st) // one sender for serve's life, shared by its runs
	defer stopNotify()
	held := *env
	held.held, held.svc = st, svc

	execToken := token
	if execToken == "" {
		b := make([]byte, 24)
		rand.Read(b)
		execToken = hex.EncodeToString(b)
	}
	site, err := web.New(ctx, web.Options{
		Store: st,
		Fetch: func(ctx context.Context, u string) (*article.Article, error) { return svc.Fetch(ctx, st, u) },
		RunNow: func(ctx context.Context, name string) error {
			j, ok := c.Job(name)
			if !ok {
				return fmt.Errorf("no job %q", name)
			}
			_, err := svc.RunJob(ctx, j, app.RunOptions{})
			return err
		},
		Jobs:      jobsView(c, !o.NoSchedule),
		Exec:      heldExec(&held, st),
		Token:     token,
		ExecToken: execToken,
		PublicURL: c.Serve.PublicURL,
		Rules:     ruleNames(c),
		Search:    ix,
		Log:       log,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	url := "http://" + ln.Addr().String()
	hs := &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	disc := web.DiscoveryPath(c.Store.Path)
	if err := web.WriteDiscovery(disc, web.Discovery{URL: url, Token: execToken, PID: os.Getpid()}); err != nil {
		hs.Close()
		return fmt.Errorf("serve: writing %s: %w", disc, err)
	}
	defer os.Remove(disc)

	scheduled := make(chan struct{})
	if o.NoSchedule {
		close(scheduled)
	} else {
		go func() {
			defer close(scheduled)
			err := RunSchedule(ctx, &held, c, ScheduleOptions{})
			if errors.Is(err, schedule.ErrNoJobs) {
				log.Info("no job has a schedule; serving only")
			} else if err != nil {
				log.Error("schedules", "err", err)
			}
		}()
	}
	fmt.Fprintf(env.Stdout, "Serving %s at %s/ (Ctrl-C to stop)\n", c.Store.Path, url)

	select {
	case <-ctx.Done():
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	}
	// New CLI commands open the archive themselves once the file is gone
	// (they wait for the lock until the archive is closed below).
	os.Remove(disc)
	log.Info("stopping: finishing requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	shutErr := hs.Shutdown(sctx)
	<-scheduled
	site.Wait() // runs started from the site
	if err := st.Close(); err != nil {
		return err
	}
	if shutErr != nil {
		return fmt.Errorf("serve: %w", shutErr)
	}
	return nil
}

// serveToken returns the token the site requires ("" for none) and
// refuses an address off this machine without one.
func serveToken(c config.Config, addr string) (string, error) {
	token := c.Serve.Token
	if t := os.Getenv("NEWSARCHIVE_TOKEN"); t != "" {
		if len(t) < config.MinTokenLen {
			return "", fmt.Errorf("NEWSARCHIVE_TOKEN: must be at least %d characters", config.MinTokenLen)
		}
		token = t
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return "", fmt.Errorf("serve: address %q: want host:port such as 127.0.0.1:8080", addr)
	}
	if token == "" && !web.LoopbackHost(addr) {
		return "", fmt.Errorf("serve: %s is not a loopback address, and without a token the archive and its fetch endpoint would be open to the network: set serve.token in %s or NEWSARCHIVE_TOKEN (at least %d characters), or serve on 127.0.0.1",
			addr, configName(c), config.MinTokenLen)
	}
	return token, nil
}

// jobsView lists the configured jobs with their next run (when the
// schedules run).
func jobsView(c config.Config, scheduling bool) func(time.Time) []web.Job {
	return func(now time.Time) []web.Job {
		out := make([]web.Job, 0, len(c.Jobs))
		for _, j := range c.Jobs {
			wj := web.Job{Name: j.Name, Schedule: j.Schedule}
			if scheduling && j.Schedule != "" {
				if s, err := config.CronParser.Parse(j.Schedule); err == nil {
					wj.Next = s.Next(now)
				}
			}
			out = append(out, wj)
		}
		return out
	}
}

// heldExec runs a forwarded command line with the archive serve holds.
func heldExec(held *Env, st *store.Store) func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return func(ctx context.Context, args []string, stdout, stderr io.Writer) int {
		if !forwarded[args[0]] {
			fmt.Fprintf(stderr, "newsarchive: %s is not carried out by serve; stop serve to run it\n", args[0])
			return 2
		}
		for _, a := range args {
			if a == "--" {
				break
			}
			if strings.HasPrefix(a, "--config") || strings.HasPrefix(a, "--db") {
				fmt.Fprintf(stderr, "newsarchive: serve uses its own %s\n", a)
				return 2
			}
		}
		env := &Env{Stdout: stdout, Stderr: stderr}
		root := newRoot(env)
		// Flag definitions reset the fields; serve's own settings go in
		// after them.
		env.ConfigPath, env.DBPath, env.held, env.svc = held.ConfigPath, held.DBPath, st, held.svc
		root.SetArgs(args)
		return runRoot(ctx, root, env)
	}
}

// ruleNames lists the configured notification rules.
func ruleNames(c config.Config) []string {
	var out []string
	for _, r := range c.Notify {
		out = append(out, r.Name)
	}
	return out
}
