package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"newsarchive/article"
	"newsarchive/config"
	"newsarchive/store"
	"newsarchive/textdiff"
)

func init() { register(newDiffCmd) }

// DiffOptions are the inputs of `diff`.
type DiffOptions struct {
	URL      string
	From, To int // 0: the last two versions
	Context  int // characters of unchanged text kept around a change (0: all)
}

func newDiffCmd(env *Env) *cobra.Command {
	var o DiffOptions
	cmd := &cobra.Command{
		Use:   "diff URL [--from N --to M]",
		Short: "Show a word-level diff of an article's title and text between two versions",
		Long: `Diff compares two versions of the article known under URL (by default the
last two): each content field that changed is shown with [-deleted-] and
{+inserted+} markers. Chinese and Japanese text is compared character by
character.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.URL = args[0]
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunDiff(env, c, o)
		},
	}
	cmd.Flags().IntVar(&o.From, "from", 0, "older version (default: the one before --to)")
	cmd.Flags().IntVar(&o.To, "to", 0, "newer version (default: the latest)")
	cmd.Flags().IntVar(&o.Context, "context", 60, "characters of unchanged text shown around each change (0: all)")
	return cmd
}

// RunDiff prints the diff of two versions.
func RunDiff(env *Env, c config.Config, o DiffOptions) error {
	return withStore(env, c, true, func(st *store.Store) error {
		key, err := st.Resolve(o.URL)
		if err != nil {
			return err
		}
		h, err := st.History(key)
		if err != nil {
			return err
		}
		from, to := o.From, o.To
		if to == 0 {
			to = h[len(h)-1].Version
		}
		if from == 0 {
			for _, v := range h {
				if v.Version < to {
					from = v.Version
				}
			}
		}
		if from == 0 {
			fmt.Fprintf(env.Stdout, "%s has only version %d: nothing to compare\n", oneLine(key), to)
			return nil
		}
		a, err := st.Version(key, from)
		if err != nil {
			return err
		}
		b, err := st.Version(key, to)
		if err != nil {
			return err
		}
		var out strings.Builder
		writeDiff(&out, key, &a, &b, o.Context)
		_, err = io.WriteString(env.Stdout, termText(out.String()))
		return err
	})
}

func writeDiff(w io.Writer, key string, a, b *article.Article, context int) {
	fmt.Fprintf(w, "--- %s version %d (fetched %s)\n", key, a.Version, a.FetchedAt)
	fmt.Fprintf(w, "+++ %s version %d (fetched %s)\n", key, b.Version, b.FetchedAt)
	io.WriteString(w, textdiff.Unified(textdiff.Fields(a, b), context))
}
