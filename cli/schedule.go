package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"newsarchive/app"
	"newsarchive/config"
	"newsarchive/schedule"
)

func init() { register(newScheduleCmd) }

// ScheduleOptions are the inputs of `schedule`.
type ScheduleOptions struct {
	RunNow bool // run every scheduled job once at start
}

func newScheduleCmd(env *Env) *cobra.Command {
	var o ScheduleOptions
	cmd := &cobra.Command{
		Use:   "schedule [--run-now]",
		Short: "Daemon: run each job on its cron schedule until SIGINT/SIGTERM",
		Long: `Schedule runs every job that has a "schedule" (cron: minute hour day month
weekday, or @hourly, @every 30m) until it gets SIGINT or SIGTERM. A run of a
job never overlaps another run of the same job (the tick is skipped and
logged); runs of different jobs go one at a time, because each holds the
archive while it runs. Between runs the archive is closed, so export, list
and show work while the daemon waits. A failed run is recorded (see
"newsarchive runs") and does not stop the others. An interrupted run resumes
on the job's next tick.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunSchedule(cmd.Context(), env, c, o)
		},
	}
	cmd.Flags().BoolVar(&o.RunNow, "run-now", false, "run every scheduled job once at start, then on schedule")
	return cmd
}

// RunSchedule blocks until ctx is cancelled and running jobs have stopped.
func RunSchedule(ctx context.Context, env *Env, c config.Config, o ScheduleOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	log := env.logger()
	jobs := map[string]config.Job{}
	for _, j := range c.Jobs {
		jobs[j.Name] = j
	}
	svc := env.service(c)
	run := func(ctx context.Context, name string) error {
		job, ok := jobs[name]
		if !ok {
			return fmt.Errorf("no job %q", name)
		}
		r, err := svc.RunJob(ctx, job, app.RunOptions{})
		if err == nil && r.Errors > 0 {
			log.Warn("run finished with page errors", "job", name, "errors", r.Errors)
		}
		return err
	}
	err := schedule.Run(ctx, scheduleEntries(c.Jobs), schedule.Options{Run: run, Log: log, RunNow: o.RunNow, Parser: config.CronParser})
	switch {
	case errors.Is(err, schedule.ErrNoJobs), errors.Is(err, schedule.ErrBadSpec):
		return usage(fmt.Errorf("schedule: %w", err)) // the configuration's fault
	case err != nil:
		return fmt.Errorf("schedule: %w", err)
	}
	return nil
}

// scheduleEntries turns configured jobs into entries. Jobs without a
// schedule keep an empty Spec; schedule.Run logs and skips them.
func scheduleEntries(jobs []config.Job) []schedule.Entry {
	out := make([]schedule.Entry, len(jobs))
	for i, j := range jobs {
		out[i] = schedule.Entry{Name: j.Name, Spec: j.Schedule}
	}
	return out
}
