package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/store"
	"newsarchive/urlnorm"
)

func init() { register(newListCmd) }

// ListOptions are the inputs of `list`.
type ListOptions struct {
	Site string
}

func newListCmd(env *Env) *cobra.Command {
	var o ListOptions
	cmd := &cobra.Command{
		Use:   "list [--site HOST]",
		Short: "List archived articles: key, versions, published, title (tab-separated)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunList(env, c, o)
		},
	}
	cmd.Flags().StringVar(&o.Site, "site", "", "only articles on HOST or its subdomains")
	return cmd
}

// RunList prints one line per article in key order.
func RunList(env *Env, c config.Config, o ListOptions) error {
	return withStore(env, c, true, func(st *store.Store) error {
		w := bufio.NewWriter(env.Stdout)
		err := st.List(func(s store.Summary) error {
			if o.Site != "" && !urlnorm.HostAllowed(urlnorm.Host(s.Key), []string{o.Site}) {
				return nil
			}
			published := s.PublishedAt
			if published == "" {
				published = "-"
			}
			_, err := fmt.Fprintf(w, "%s\t%d\t%s\t%s\n", oneLine(s.Key), s.Versions, oneLine(published), oneLine(s.Title))
			return err
		})
		if err != nil {
			return err
		}
		return w.Flush()
	})
}

// oneLine makes a field of one line of terminal text: control characters
// dropped (termText), white space collapsed so that it cannot break the line.
func oneLine(s string) string { return strings.Join(strings.Fields(termText(s)), " ") }
