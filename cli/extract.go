package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/spf13/cobra"

	"newsarchive/extract"
)

func init() { register(newExtractCmd) }

// ExtractOptions are the inputs of `extract`.
type ExtractOptions struct {
	URL   string
	Files []string
}

func newExtractCmd(env *Env) *cobra.Command {
	var o ExtractOptions
	cmd := &cobra.Command{
		Use:   "extract [--url URL] FILE...",
		Short: "Extract articles from saved HTML files (no network, no store): one JSON line per file",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Files = args
			c, err := env.Config()
			if err != nil {
				return err
			}
			batchGC()
			return RunExtract(env, o, c.Sites)
		},
	}
	cmd.Flags().StringVar(&o.URL, "url", "", "the pages' original URL (resolves links, picks site rules)")
	return cmd
}

// batchGC lets the heap grow to five times what is live before a
// collection (as GOGC=400), within 1 GiB. extract holds one page at a
// time and drops it: with the default, collecting the parse trees of pages
// already written costs a sixth of the command's CPU. GOGC and GOMEMLIMIT
// in the environment win. It is for the one-shot command only: a crawl or
// serve process keeps the default.
func batchGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
}

// RunExtract prints one JSON object per file, in order. A file that cannot
// be read is an error; its line is not printed.
func RunExtract(env *Env, o ExtractOptions, sites map[string]extract.Rules) error {
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	for _, f := range o.Files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("extract: %w", err)
		}
		r, err := extract.FromBytes(raw, "", extract.Options{URL: o.URL, Sites: sites})
		if err != nil {
			return fmt.Errorf("extract %s: %w", f, err)
		}
		if err := enc.Encode(&r.Article); err != nil {
			return err
		}
	}
	return nil
}
