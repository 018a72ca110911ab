package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/store"
)

func init() { register(newStatsCmd) }

func newStatsCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "stats",
		Short: "Print the archive's counts and sizes",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunStats(env, c)
		},
	}
}

// RunStats prints one "name: value" line per figure.
func RunStats(env *Env, c config.Config) error {
	return withStore(env, c, true, func(st *store.Store) error {
		s, err := st.Stats()
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(env.Stdout, 2, 8, 1, ' ', 0)
		fmt.Fprintf(tw, "archive:\t%s\n", oneLine(st.Path()))
		fmt.Fprintf(tw, "articles:\t%d\n", s.Articles)
		fmt.Fprintf(tw, "versions:\t%d\n", s.Versions)
		fmt.Fprintf(tw, "urls known:\t%d\n", s.Aliases)
		fmt.Fprintf(tw, "raw bodies:\t%d (%s of HTML, %s compressed)\n", s.RawBodies, size(s.RawBytes), size(s.RawStored))
		fmt.Fprintf(tw, "article JSON:\t%s compressed\n", size(s.DocStored))
		fmt.Fprintf(tw, "crawl jobs:\t%d\n", s.Jobs)
		fmt.Fprintf(tw, "runs:\t%d\n", s.Runs)
		ratio := ""
		if s.RawBytes > 0 {
			ratio = fmt.Sprintf(" (%.0f%% of the raw HTML held)", 100*float64(s.FileBytes)/float64(s.RawBytes))
		}
		fmt.Fprintf(tw, "file size:\t%s%s\n", size(s.FileBytes), ratio)
		return tw.Flush()
	})
}

// size formats a byte count for people.
func size(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
