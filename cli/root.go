package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

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
}

// Config loads the configuration and applies --db.
func (e *Env) Config() (config.Config, error) {
	c, err := config.Load(e.ConfigPath)
	if err != nil {
		return config.Config{}, err
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

// NewRoot builds the command tree writing to stdout and stderr.
func NewRoot(stdout, stderr io.Writer) *cobra.Command {
	env := &Env{Stdout: stdout, Stderr: stderr}
	root := &cobra.Command{
		Use:           "newsarchive",
		Short:         "Crawl news sites, extract articles, keep every version, export JSON",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, args []string) {
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
		root.AddCommand(add(env))
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

// Execute runs the command line and returns the process exit code.
func Execute(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := NewRoot(stdout, stderr)
	root.SetArgs(args)
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintf(stderr, "newsarchive: %v\n", err)
		var ec interface{ ExitCode() int }
		if errors.As(err, &ec) {
			return ec.ExitCode()
		}
		return 1
	}
	return 0
}

// writeOut calls write with stdout when path is "", else with a temporary
// file beside path that is synced and renamed over path only if write
// succeeds: --out never leaves a half-written file.
func writeOut(stdout io.Writer, path string, write func(io.Writer) error) error {
	if path == "" {
		return write(stdout)
	}
	f, err := os.CreateTemp(dirOf(path), ".newsarchive-out-*")
	if err != nil {
		return err
	}
	err = write(f)
	if err == nil {
		// CreateTemp makes the file 0600; an export is an ordinary file.
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
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

func dirOf(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if os.IsPathSeparator(path[i]) {
			return path[:i+1]
		}
	}
	return "."
}
