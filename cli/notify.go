package cli

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/store"
)

func init() { register(newNotifyCmd) }

// NotifyOptions are the inputs of `notify`: exactly one of Send, Test,
// List and Failed.
type NotifyOptions struct {
	Send   bool
	Wait   time.Duration // with Send: how long to keep retrying (default notify_wait)
	Test   string        // rule name
	List   bool
	Failed bool
	Rule   string // with List/Failed: only this rule
	Limit  int
}

func newNotifyCmd(env *Env) *cobra.Command {
	var o NotifyOptions
	cmd := &cobra.Command{
		Use:   "notify (--send [--wait D] | --test RULE | --list | --failed) [--rule NAME] [--limit N]",
		Short: "Deliver, test and list the notifications of new and changed articles",
		Long: `Notifications are written to the archive's outbox when a crawl archives a
version that a rule in "notify:" matches, and crawl and schedule deliver
them. --send delivers what is pending now, retrying for up to --wait
(default notify_wait). --test RULE sends the rule's notification of the
latest archived edit it matches (or of a sample edit) to its targets, now,
marked "test": true. --list shows pending, sent and failed notifications,
newest first; --failed only those given up, with the reason.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("wait") {
				o.Wait = c.NotifyWait.D()
			}
			return RunNotify(cmd.Context(), env, c, o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.Send, "send", false, "deliver pending notifications")
	f.DurationVar(&o.Wait, "wait", 30*time.Second, "with --send: keep retrying this long (default notify_wait)")
	f.StringVar(&o.Test, "test", "", "send rule RULE's notification of its latest matching edit, or a sample")
	f.BoolVar(&o.List, "list", false, "list notifications, newest first")
	f.BoolVar(&o.Failed, "failed", false, "list notifications given up, with the reason")
	f.StringVar(&o.Rule, "rule", "", "with --list/--failed: only rule NAME")
	f.IntVar(&o.Limit, "limit", 50, "with --list/--failed: at most N (0: all)")
	return cmd
}

// RunNotify carries out one of the notify actions.
func RunNotify(ctx context.Context, env *Env, c config.Config, o NotifyOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	n := 0
	for _, set := range []bool{o.Send, o.Test != "", o.List, o.Failed} {
		if set {
			n++
		}
	}
	if n != 1 {
		return errors.New("notify: give one of --send, --test RULE, --list, --failed")
	}
	switch {
	case o.Send:
		left, err := env.service(c).SendNotifications(ctx, o.Wait)
		if err != nil {
			return err
		}
		if left > 0 {
			fmt.Fprintf(env.Stdout, "%d notifications still pending (see notify --list); the next crawl or notify --send retries them\n", left)
		} else {
			fmt.Fprintln(env.Stdout, "outbox empty: every notification delivered or given up")
		}
		return nil
	case o.Test != "":
		return withStore(env, c, false, func(st *store.Store) error {
			p, sample, err := env.service(c).TestNotification(ctx, st, o.Test)
			what := fmt.Sprintf("the latest matching edit, %s version %d", p.Key, p.ToVersion)
			if sample {
				what = "a sample edit (no archived edit matches the rule)"
			}
			if err != nil {
				return fmt.Errorf("test notification of %s: %w", what, err)
			}
			fmt.Fprintf(env.Stdout, "sent rule %s's notification of %s\n", o.Test, what)
			return nil
		})
	}
	state := store.OutboxState("")
	if o.Failed {
		state = store.OutboxFailed
	}
	return withStore(env, c, true, func(st *store.Store) error {
		list, err := st.Outbox(state, o.Rule, o.Limit)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			fmt.Fprintln(env.Stdout, "no notifications")
			return nil
		}
		tw := tabwriter.NewWriter(env.Stdout, 2, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSTATE\tRULE\tTARGET\tEVENT\tVERSION\tATTEMPTS\tCREATED\tNEXT/DONE\tKEY\tERROR")
		for _, e := range list {
			when := e.Next
			if e.State != store.OutboxPending {
				when = e.Done
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\n", e.ID, e.State, e.Rule, e.Target, e.Event, e.To,
				e.Attempts, e.Created.UTC().Format(time.RFC3339), when.UTC().Format(time.RFC3339), e.Key, oneLine(e.LastError))
		}
		return tw.Flush()
	})
}
