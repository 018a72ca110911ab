package cli

import (
	"bytes"
	"encoding/json"

	"github.com/spf13/cobra"

	"newsarchive/capture"
	"newsarchive/config"
	"newsarchive/store"
)

func init() { register(newShowCmd) }

// ShowOptions are the inputs of `show`.
type ShowOptions struct {
	URL     string
	Version int  // 0: latest
	Raw     bool // the stored raw HTML instead of the article
	// Original prints the version's first extraction, as archived,
	// instead of its current reading.
	Original bool
}

func newShowCmd(env *Env) *cobra.Command {
	var o ShowOptions
	cmd := &cobra.Command{
		Use:   "show URL [--version N] [--raw]",
		Short: "Print an archived article as JSON with its provenance (or, with --raw, the HTML it was extracted from)",
		Long: `Show prints one version of an article as JSON: the fields export
writes, and "provenance": the extractor version that read it, the charset
and what decided it, whether a later extractor re-read it in place, and the
fetch (status line, response headers, final URL and redirects, request
headers sent, remote address). What was not recorded says "unknown".
--original prints the version as it was first extracted, before any
re-reading; --raw the HTML as fetched.`,
		Args: cobra.ExactArgs(1),
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
	cmd.Flags().BoolVar(&o.Original, "original", false, "print the version's first extraction (before any re-reading by a later extractor)")
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
		doc, err := showDoc(st, key, o)
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

// showDoc is the version's JSON with a "provenance" member.
func showDoc(st *store.Store, key string, o ShowOptions) ([]byte, error) {
	p, refreshed, err := st.Provenance(key, o.Version)
	if err != nil {
		return nil, err
	}
	var doc []byte
	if o.Original {
		var ex capture.Extraction
		if doc, ex, err = st.Original(key, o.Version); err != nil {
			return nil, err
		}
		p.Extraction, refreshed = ex, false
	} else if doc, err = st.VersionJSON(key, o.Version); err != nil {
		return nil, err
	}
	pv, err := json.Marshal(viewProvenance(p, refreshed))
	if err != nil {
		return nil, err
	}
	doc = append(doc[:len(doc)-1], `,"provenance":`...)
	doc = append(doc, pv...)
	return append(doc, '}'), nil
}
