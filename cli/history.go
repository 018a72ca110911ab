package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/store"
)

func init() { register(newHistoryCmd) }

func newHistoryCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "history URL",
		Short: "List an article's versions: number, fetched_at, hash, what changed",
		Long: `History finds the article by its key or any URL it was fetched under
(normalised first) and lists its versions, oldest first, with the content
fields that changed from the previous version.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunHistory(env, c, args[0])
		},
	}
}

// RunHistory prints the version table of the article known under url.
func RunHistory(env *Env, c config.Config, url string) error {
	return withStore(env, c, true, func(st *store.Store) error {
		key, err := st.Resolve(url)
		if err != nil {
			return err
		}
		h, err := st.History(key)
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, oneLine(key))
		tw := tabwriter.NewWriter(env.Stdout, 2, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "VERSION\tFETCHED_AT\tHASH\tSTATUS\tCHANGED")
		for i, v := range h {
			changed := strings.Join(v.Changed, ", ")
			switch {
			case i == 0:
				changed = "first version"
			case changed == "":
				changed = "-"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\n", v.Version, v.FetchedAt, v.ContentHash[:12], v.HTTPStatus, changed)
		}
		return tw.Flush()
	})
}
