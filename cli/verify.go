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

// ErrDamagedFile is returned by verify when the archive file itself is
// damaged: pages overwritten or missing.
var ErrDamagedFile = errors.New("the archive file is damaged")

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

// RunVerify prints what it checked and each problem found. It opens a
// damaged archive too, to report the damage.
func RunVerify(ctx context.Context, env *Env, c config.Config) error {
	if ctx == nil {
		ctx = context.Background()
	}
	st, err := env.openDamaged(c)
	var de *store.DamagedError
	if errors.As(err, &de) {
		fmt.Fprintf(env.Stdout, "problem: %s\n", de.Detail)
		return fmt.Errorf("verify: %w: it cannot be opened at all; restore it from a backup", ErrDamagedFile)
	}
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := st.Verify(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "checked %d pages, %d articles, %d versions, %d aliases, %d time-index entries, %d raw bodies, %d raw references\n",
		r.Pages, r.Articles, r.Versions, r.Aliases, r.TimeEntries, r.RawBodies, r.RawRefs)
	for _, p := range r.Problems {
		fmt.Fprintf(env.Stdout, "problem: %s\n", termText(p))
	}
	if !r.Damaged {
		if err := verifyIndex(env, st); err != nil {
			return err
		}
	}
	if r.Total > len(r.Problems) {
		fmt.Fprintf(env.Stdout, "… and %d more\n", r.Total-len(r.Problems))
	}
	switch {
	case r.Damaged:
		return fmt.Errorf("verify: %w: %d problems; restore it from a backup, or copy out what is readable with `newsarchive salvage --out NEW.db`", ErrDamagedFile, r.Total)
	case !r.OK():
		return fmt.Errorf("verify: %w: %d problems", ErrInconsistent, r.Total)
	}
	fmt.Fprintln(env.Stdout, "ok")
	return st.Close()
}
