package cli

import (
	"fmt"
	"sort"
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
	Hosts bool // the per-host figures of the last run instead
}

func newRunsCmd(env *Env) *cobra.Command {
	var o RunsOptions
	cmd := &cobra.Command{
		Use:   "runs [--job NAME] [--limit N] [--hosts]",
		Short: "List recorded crawl runs, newest first; --hosts: the last run's figures per host",
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
	cmd.Flags().BoolVar(&o.Hosts, "hosts", false, "print the last run's figures per host (of --job NAME, or of any job)")
	return cmd
}

// RunRuns prints the run table.
func RunRuns(env *Env, c config.Config, o RunsOptions) error {
	return withStore(env, c, true, func(st *store.Store) error {
		limit := o.Limit
		if o.Hosts {
			limit = 1
		}
		runs, err := st.Runs(o.Job, limit)
		if err != nil {
			return err
		}
		if o.Hosts && len(runs) > 0 {
			return printRunHosts(env, st, runs[0])
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

// printRunHosts prints one run's per-host figures, busiest host first.
func printRunHosts(env *Env, st *store.Store, r store.Run) error {
	hosts, err := st.RunHosts(r.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "run %d of job %s, started %s: %d hosts\n", r.ID, r.Job, r.Started.UTC().Format(time.RFC3339), len(hosts))
	tw := tabwriter.NewWriter(env.Stdout, 2, 8, 2, ' ', 0)
	if len(r.Workers) > 0 {
		names := make([]string, 0, len(r.Workers))
		for w := range r.Workers {
			names = append(names, w)
		}
		sort.Strings(names)
		fmt.Fprintln(tw, "WORKER\tPAGES ARCHIVED")
		for _, w := range names {
			fmt.Fprintf(tw, "%s\t%d\n", oneLine(w), r.Workers[w])
		}
		fmt.Fprintln(tw)
	}
	if len(hosts) == 0 {
		return tw.Flush()
	}
	sort.SliceStable(hosts, func(i, j int) bool { return hosts[i].Requests > hosts[j].Requests })
	fmt.Fprintln(tw, "HOST\tREQUESTS\tPAGES\tERRORS\tBYTES\tMEAN LATENCY\tPOLITENESS WAIT")
	for _, h := range hosts {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%s\t%s\t%s\n", h.Host, h.Requests, h.Pages, h.Errors, size(h.Bytes),
			h.Latency.Round(time.Millisecond), roundDuration(h.Wait))
	}
	return tw.Flush()
}

// roundDuration keeps milliseconds under a minute, seconds above.
func roundDuration(d time.Duration) time.Duration {
	if d < time.Minute {
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Second)
}
