package cli

import (
	"fmt"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"newsarchive/config"
)

func init() { register(newFrontierCmd) }

// FrontierOptions are the inputs of `frontier`.
type FrontierOptions struct {
	Job   string
	Reset bool
	Top   int
}

func newFrontierCmd(env *Env) *cobra.Command {
	var o FrontierOptions
	cmd := &cobra.Command{
		Use:   "frontier --job NAME [--reset]",
		Short: "Show (or clear) a job's frontier in Redis: queued, leased, seen, waiting hosts, live workers",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunFrontier(cmd, env, c, o)
		},
	}
	cmd.Flags().StringVar(&o.Job, "job", "", "the job (required)")
	cmd.Flags().BoolVar(&o.Reset, "reset", false, "forget the job's run, queues, seen set and unarchived results")
	cmd.Flags().IntVar(&o.Top, "top", 10, "show the N hosts waiting longest")
	cmd.MarkFlagRequired("job")
	return cmd
}

// RunFrontier prints the frontier of one job, or resets it.
func RunFrontier(cmd *cobra.Command, env *Env, c config.Config, o FrontierOptions) error {
	if !c.Crawler.SharedFrontier() {
		return fmt.Errorf("crawler.frontier is not set in %s: the frontier of %s is in the archive (see `newsarchive runs`)", configName(c), o.Job)
	}
	svc := env.service(c)
	if o.Reset {
		if err := svc.ResetFrontier(cmd.Context(), o.Job); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "frontier of %s cleared\n", o.Job)
		return nil
	}
	in, err := svc.FrontierInfo(cmd.Context(), o.Job, max(o.Top, 1))
	if err != nil {
		return err
	}
	state := "no run"
	if in.Running {
		state = "running"
	}
	fmt.Fprintf(env.Stdout, "job %s: %s; queued %d, leased %d, seen %d, hosts %d, results waiting %d\n",
		o.Job, state, in.Queued, in.Claimed, in.Seen, in.Hosts, in.Results)
	tw := tabwriter.NewWriter(env.Stdout, 2, 8, 2, ' ', 0)
	if len(in.Waiting) > 0 {
		fmt.Fprintln(tw, "READY HOST\tREADY SINCE")
		for _, h := range in.Waiting {
			since := "not fetched yet"
			if !h.Since.IsZero() {
				since = h.Since.UTC().Format(time.RFC3339)
			}
			fmt.Fprintf(tw, "%s\t%s\n", h.Host, since)
		}
	}
	fmt.Fprintf(tw, "WORKER\tHEARTBEAT\n")
	for _, w := range in.Workers {
		fmt.Fprintf(tw, "%s\t%s\n", w.Name, w.Seen.UTC().Format(time.RFC3339))
	}
	if len(in.Workers) == 0 {
		fmt.Fprintln(tw, "(none live)\t")
	}
	if len(in.Archived) > 0 {
		fmt.Fprintf(tw, "ARCHIVED FROM WORKER\tRESULTS (this run or the last; from %d hosts)\n", len(in.ArchivedHosts))
		names := make([]string, 0, len(in.Archived))
		for w := range in.Archived {
			names = append(names, w)
		}
		sort.Strings(names)
		for _, w := range names {
			fmt.Fprintf(tw, "%s\t%d\n", w, in.Archived[w])
		}
	}
	return tw.Flush()
}
