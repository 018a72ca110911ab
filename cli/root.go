package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/spf13/cobra"

	"newsarchive/app"
	"newsarchive/config"
	"newsarchive/store"
)

// Env is what every subcommand gets: its output streams and the global
// flags. Tests build one with buffers instead of os.Stdout/os.Stderr.
type Env struct {
	Stdout, Stderr io.Writer
	ConfigPath     string // --config ("" = ./config.yaml if present)
	DBPath         string // --db (overrides store.path)
	Verbose        bool
	Log            *slog.Logger

	// started is set once the command line has been parsed and the command
	// is about to run; an error before that is a usage error.
	started bool
	// held is the archive a running serve holds, when this Env carries
	// out a command for it; svc is serve's service over it.
	held *store.Store
	svc  *app.Service
}

// Config loads the configuration and applies --db. Its errors are usage
// errors (exit code 2).
func (e *Env) Config() (config.Config, error) {
	c, err := config.Load(e.ConfigPath)
	if err != nil {
		return config.Config{}, usage(err)
	}
	if e.DBPath != "" {
		c.Store.Path = e.DBPath
	}
	return c, nil
}

// OpenStore opens the archive named by the config, waiting up to
// store.lock_timeout for another process.
func (e *Env) OpenStore(c config.Config, readOnly bool) (*store.Store, error) {
	return app.OpenStore(c, readOnly)
}

// openStore is OpenStore with the function that releases the archive
// again: it closes it, unless the archive is the one serve holds.
func (e *Env) openStore(c config.Config, readOnly bool) (*store.Store, func() error, error) {
	if e.held != nil {
		return e.held, func() error { return nil }, nil
	}
	st, err := e.OpenStore(c, readOnly)
	if err != nil {
		return nil, nil, err
	}
	return st, st.Close, nil
}

// openDamaged opens the archive read-only even when it is damaged, for the
// commands that report damage themselves (verify, salvage).
func (e *Env) openDamaged(c config.Config) (*store.Store, error) {
	return app.OpenDamaged(c)
}

// NewRoot builds the command tree writing to stdout and stderr.
func NewRoot(stdout, stderr io.Writer) *cobra.Command {
	return newRoot(&Env{Stdout: stdout, Stderr: stderr})
}

func newRoot(env *Env) *cobra.Command {
	stdout, stderr := env.Stdout, env.Stderr
	root := &cobra.Command{
		Use:           "newsarchive",
		Short:         "Crawl news sites, extract articles, keep every version, export JSON",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, args []string) {
			env.started = true
			level := slog.LevelInfo
			if env.Verbose {
				level = slog.LevelDebug
			}
			logOut := env.Stderr
			if isTerminal(env.Stderr) {
				logOut = clearLine{env.Stderr}
			}
			env.Log = slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: level}))
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&env.ConfigPath, "config", "", "config file (default ./config.yaml if present)")
	pf.StringVar(&env.DBPath, "db", "", "archive file (overrides store.path)")
	pf.BoolVarP(&env.Verbose, "verbose", "v", false, "debug logging")
	for _, add := range commands {
		cmd := add(env)
		forwardable(env, cmd)
		root.AddCommand(cmd)
	}
	return root
}

// commands lists the subcommand constructors; each file registers its own
// in an init function, so adding a command touches one file.
var commands []func(*Env) *cobra.Command

func register(f func(*Env) *cobra.Command) { commands = append(commands, f) }

// clearLine erases the terminal's current line before each log line, so a
// log line never lands in the middle of the crawler's live progress line
// (which is redrawn on its next tick).
type clearLine struct{ w io.Writer }

func (c clearLine) Write(p []byte) (int, error) {
	if _, err := io.WriteString(c.w, "\r\x1b[K"); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// Execute runs the command line and returns the process exit code (see
// exitCode).
func Execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	env := &Env{Stdout: stdout, Stderr: stderr}
	root := newRoot(env)
	root.SetArgs(args)
	return runRoot(ctx, root, env)
}

// runRoot executes root and turns the result into an exit code.
func runRoot(ctx context.Context, root *cobra.Command, env *Env) int {
	err := root.ExecuteContext(ctx)
	var fwd forwardedExit
	if errors.As(err, &fwd) {
		return int(fwd) // carried out by serve, which printed the error
	}
	if err != nil && !env.started {
		// cobra failed before running the command: an unknown command or
		// flag, or arguments the command does not take.
		err = usage(err)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsarchive: %s\n", errorLine(root, err))
	}
	return exitCode(ctx, err)
}

// errorLine is how a command's error is shown. Damage met anywhere but in
// verify or salvage (which report it themselves) is one line that says what
// to do; what was found is shown with --verbose.
func errorLine(root *cobra.Command, err error) string {
	var de *store.DamagedError
	if !errors.As(err, &de) {
		return err.Error()
	}
	line := de.Path + ": " + store.ErrDamaged.Error() + ": run `newsarchive verify`, restore from a backup"
	if v, _ := root.PersistentFlags().GetBool("verbose"); v {
		line += "\n  (" + de.Detail + ")"
	}
	return line
}
