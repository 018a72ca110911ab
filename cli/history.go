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
		Short: "List an article's versions: number, fetched_at, hash, status, extractor, charset, what changed",
		Long: `History finds the article by its key or any URL it was fetched under
(normalised first) and lists its versions, oldest first, with their
provenance (the extractor version that read each one, "(re-read)" when a
later extractor refreshed it in place, and the charset and what decided it)
and the content fields that changed from the previous version. "unknown"
marks what was not recorded (versions archived before provenance was).
show --version N prints the whole provenance of one version.`,
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
		fmt.Fprintln(tw, "VERSION\tFETCHED_AT\tHASH\tSTATUS\tEXTRACTOR\tCHARSET\tCHANGED")
		for i, v := range h {
			changed := strings.Join(v.Changed, ", ")
			switch {
			case i == 0:
				changed = "first version"
			case changed == "":
				changed = "-"
			}
			ex := v.Provenance.Extraction
			fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%s\n", v.Version, v.FetchedAt, v.ContentHash[:12], v.HTTPStatus,
				extractorCell(ex, v.Refreshed), charsetCell(ex), changed)
		}
		return tw.Flush()
	})
}
