package cli

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"newsarchive/web"
)

// forwarded names the commands that a running serve carries out when it
// holds the archive: the commands that read it, fetch and crawl.
var forwarded = map[string]bool{
	"fetch": true, "crawl": true, "export": true, "list": true, "show": true,
	"history": true, "diff": true, "runs": true, "stats": true, "backup": true,
}

// forwardedExit is the exit status of a command that serve carried out;
// its output, errors included, has already been copied.
type forwardedExit int

func (c forwardedExit) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

// forwardable makes cmd, if it is one of the forwarded commands, ask the
// serve that holds the archive to carry it out (see forward) before
// running it here.
func forwardable(env *Env, cmd *cobra.Command) {
	if !forwarded[cmd.Name()] || cmd.RunE == nil {
		return
	}
	runHere := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if done, err := forward(env, cmd, args); done {
			return err
		}
		return runHere(cmd, args)
	}
}

// forward carries out cmd on the running serve named by the discovery
// file beside the archive, if there is one, and reports whether it did.
// The server runs the same command code on the archive it holds, so the
// output is what the command would print here.
func forward(env *Env, cmd *cobra.Command, args []string) (bool, error) {
	if env.held != nil {
		return false, nil
	}
	if cmd.Name() == "fetch" {
		if ns, _ := cmd.Flags().GetBool("no-store"); ns {
			return false, nil // needs no archive
		}
	}
	c, err := env.Config()
	if err != nil {
		return false, nil // the command reports it
	}
	line, err := commandLine(env, cmd, args)
	if err != nil {
		return true, err
	}
	code, err := web.Forward(cmd.Context(), c.Store.Path, line, env.Stdout, env.Stderr, env.logger())
	if errors.Is(err, web.ErrNoServer) {
		return false, nil
	}
	if err != nil {
		return true, err
	}
	if code != 0 {
		return true, forwardedExit(code)
	}
	return true, nil
}

// commandLine rebuilds the command line for the server: the command, the
// flags given (paths made absolute, as the server has its own working
// folder), then the arguments. --config and --db are not sent: the server
// uses its own, which name this archive.
func commandLine(env *Env, cmd *cobra.Command, args []string) ([]string, error) {
	line := []string{cmd.Name()}
	if env.Verbose {
		line = append(line, "--verbose")
	}
	var err error
	inherited := cmd.InheritedFlags()
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if inherited.Lookup(f.Name) != nil {
			return // --config, --db, --verbose
		}
		values := []string{f.Value.String()}
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			values = sv.GetSlice()
		}
		for _, v := range values {
			if f.Name == "out" && v != "" && v != "-" {
				if v, err = filepath.Abs(v); err != nil {
					return
				}
			}
			line = append(line, "--"+f.Name+"="+v)
		}
	})
	return append(append(line, "--"), args...), err
}
