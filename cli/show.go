package cli

import (
	"bytes"
	"encoding/json"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/store"
)

func init() { register(newShowCmd) }

// ShowOptions are the inputs of `show`.
type ShowOptions struct {
	URL     string
	Version int  // 0: latest
	Raw     bool // the stored raw HTML instead of the article
}

func newShowCmd(env *Env) *cobra.Command {
	var o ShowOptions
	cmd := &cobra.Command{
		Use:   "show URL [--version N] [--raw]",
		Short: "Print an archived article as JSON (or, with --raw, the HTML it was extracted from)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.URL = args[0]
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunShow(env, c, o)
		},
	}
	cmd.Flags().IntVar(&o.Version, "version", 0, "version number (default: the latest)")
	cmd.Flags().BoolVar(&o.Raw, "raw", false, "print the raw HTML stored with the version, as fetched")
	return cmd
}

// RunShow prints the version of the article known under o.URL.
func RunShow(env *Env, c config.Config, o ShowOptions) error {
	return withStore(env, c, true, func(st *store.Store) error {
		key, err := st.Resolve(o.URL)
		if err != nil {
			return err
		}
		if o.Raw {
			raw, err := st.Raw(key, o.Version)
			if err != nil {
				return err
			}
			_, err = env.Stdout.Write(raw)
			return err
		}
		doc, err := st.VersionJSON(key, o.Version)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := json.Indent(&buf, doc, "", "  "); err != nil {
			return err
		}
		buf.WriteByte('\n')
		_, err = env.Stdout.Write(buf.Bytes())
		return err
	})
}
