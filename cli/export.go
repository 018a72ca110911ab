package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/export"
	"newsarchive/store"
)

func init() { register(newExportCmd) }

// ExportOptions are the inputs of `export`.
type ExportOptions struct {
	Format       string
	AllVersions  bool
	Since, Until string // RFC 3339, a date, or an age
	Site         string
	Out          string
	// Provenance adds each version's provenance (fetch headers,
	// extractor, charset) as a "provenance" member; import keeps it.
	Provenance bool
}

func newExportCmd(env *Env) *cobra.Command {
	var o ExportOptions
	cmd := &cobra.Command{
		Use:   "export [--format json|jsonl|warc|wacz] [--all-versions] [--since T] [--until T] [--site HOST] [--out FILE]",
		Short: "Write archived articles as JSON (latest version of each by default)",
		Long: `Export streams archived articles as one JSON array (--format json, the
default) or one object per line (--format jsonl), each with its archive
fields and its archive "key". --since and --until select versions by
fetched_at (since inclusive, until exclusive) and take RFC 3339, a date
(2024-09-05, UTC) or an age (36h, 7d); without --all-versions they yield
the articles whose latest version was fetched in that range, which makes
an incremental export cheap. --out writes a file atomically; - is stdout,
a device or FIFO is written in place, a symlink's target is replaced, and
the archive itself (or one of its own files) is refused.
--provenance adds each version's recorded provenance (the fetch's status
line and headers, the extractor version, the charset decision) as a
"provenance" member, which import keeps.
--format warc writes a WARC/1.1 file (records gzipped one by one: use a
.warc.gz name): per version a request, a response (the body as received)
and a metadata record with the article; --format wacz a WACZ package of
it (README "WARC and WACZ").`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunExport(env, c, o, time.Now())
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Format, "format", "json", "json (one array), jsonl (one object per line), warc or wacz")
	f.BoolVar(&o.AllVersions, "all-versions", false, "every version, not just the latest of each article")
	f.StringVar(&o.Since, "since", "", "only versions fetched at or after T (RFC 3339, 2024-09-05, 36h, 7d)")
	f.StringVar(&o.Until, "until", "", "only versions fetched before T")
	f.StringVar(&o.Site, "site", "", "only articles on HOST or its subdomains")
	f.StringVar(&o.Out, "out", "", "write to FILE atomically instead of stdout (- for stdout)")
	f.BoolVar(&o.Provenance, "provenance", false, "add each version's provenance as a \"provenance\" member")
	return cmd
}

// RunExport writes the export. With --out nothing replaces FILE unless the
// whole export succeeded.
func RunExport(env *Env, c config.Config, o ExportOptions, now time.Time) error {
	if f, ok := webArchiveFormat(o.Format); ok {
		return runWebArchiveExport(env, c, f, o, now)
	}
	format, err := export.ParseFormat(o.Format)
	if err != nil {
		return err
	}
	since, until, err := timeRange(o, now)
	if err != nil {
		return err
	}
	eo := export.Options{Format: format, ScanOptions: store.ScanOptions{
		AllVersions: o.AllVersions, Since: since, Until: until, Site: o.Site,
		WithProvenance: o.Provenance,
	}}
	if err := checkOut(o.Out, c.Store.Path); err != nil {
		return err
	}
	return withStore(env, c, true, func(st *store.Store) error {
		var n int
		err := writeOut(env.Stdout, o.Out, c.Store.Path, func(w io.Writer) (err error) {
			n, err = export.Write(st, w, eo)
			return err
		})
		if err != nil {
			return err
		}
		if o.Out != "" && o.Out != "-" {
			fmt.Fprintf(env.Stderr, "exported %d articles to %s\n", n, o.Out)
		}
		return nil
	})
}
