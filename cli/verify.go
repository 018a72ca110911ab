package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/store"
)

func init() { register(newVerifyCmd) }

// ErrInconsistent is returned by verify when the archive's buckets and
// indexes disagree.
var ErrInconsistent = errors.New("the archive is inconsistent")

func newVerifyCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "verify",
		Short: "Check every bucket and index of the archive against each other; exit 1 on any problem",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunVerify(cmd.Context(), env, c)
		},
	}
}

// RunVerify prints what it checked and each problem found.
func RunVerify(ctx context.Context, env *Env, c config.Config) error {
	if ctx == nil {
		ctx = context.Background()
	}
	return withStore(env, c, true, func(st *store.Store) error {
		r, err := st.Verify(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "checked %d articles, %d versions, %d aliases, %d time-index entries, %d raw bodies, %d raw references\n",
			r.Articles, r.Versions, r.Aliases, r.TimeEntries, r.RawBodies, r.RawRefs)
		for _, p := range r.Problems {
			fmt.Fprintf(env.Stdout, "problem: %s\n", p)
		}
		if err := verifyIndex(env, st, r); err != nil {
			return err
		}
		if !r.OK() {
			if r.Total > len(r.Problems) {
				fmt.Fprintf(env.Stdout, "… and %d more\n", r.Total-len(r.Problems))
			}
			return fmt.Errorf("verify: %w: %d problems", ErrInconsistent, r.Total)
		}
		fmt.Fprintln(env.Stdout, "ok")
		return nil
	})
}
