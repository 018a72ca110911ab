package cli

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/store"
)

func init() { register(newRunsCmd) }

// RunsOptions are the inputs of `runs`.
type RunsOptions struct {
	Job   string
	Limit int
}

func newRunsCmd(env *Env) *cobra.Command {
	var o RunsOptions
	cmd := &cobra.Command{
		Use:   "runs [--job NAME] [--limit N]",
		Short: "List recorded crawl runs, newest first",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunRuns(env, c, o)
		},
	}
	cmd.Flags().StringVar(&o.Job, "job", "", "only runs of job NAME")
	cmd.Flags().IntVar(&o.Limit, "limit", 20, "at most N runs (0: all)")
	return cmd
}

// RunRuns prints the run table.
func RunRuns(env *Env, c config.Config, o RunsOptions) error {
	return withStore(env, c, true, func(st *store.Store) error {
		runs, err := st.Runs(o.Job, o.Limit)
		if err != nil {
			return err
		}
		if len(runs) == 0 {
			fmt.Fprintln(env.Stdout, "no runs recorded")
			return nil
		}
		tw := tabwriter.NewWriter(env.Stdout, 2, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tJOB\tSTARTED\tDURATION\tPAGES\tNEW\tCHANGED\tUNCHANGED\tERRORS\tNOTE")
		for _, r := range runs {
			dur := "-"
			if !r.Ended.IsZero() {
				dur = r.Ended.Sub(r.Started).Round(time.Second).String()
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\n", r.ID, oneLine(r.Job),
				r.Started.UTC().Format(time.RFC3339), dur, r.Pages, r.New, r.Changed, r.Unchanged, r.Errors, oneLine(r.Error))
		}
		return tw.Flush()
	})
}
