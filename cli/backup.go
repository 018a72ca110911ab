package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/store"
)

func init() { register(newBackupCmd) }

func newBackupCmd(env *Env) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "backup --out FILE",
		Short: "Write a consistent copy of the archive to FILE (atomically)",
		Long: `Backup copies the archive in one read transaction (bbolt Tx.WriteTo), so
the copy is consistent; FILE is a bbolt archive that --db can open. It
opens the archive read-only: it runs alongside other readers, and waits
for a crawl (up to store.lock_timeout) like every command. FILE follows
export's --out rules: - is stdout, a device or FIFO is written in place, a
symlink's target is replaced, and the archive itself is refused.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunBackup(env, c, out)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "backup file (required; - for stdout)")
	return cmd
}

// RunBackup writes the backup to out via a temp file, fsync and rename.
func RunBackup(env *Env, c config.Config, out string) error {
	if out == "" {
		return errors.New("backup: --out FILE is required")
	}
	if err := checkOut(out, c.Store.Path); err != nil {
		return err
	}
	return withStore(env, c, true, func(st *store.Store) error {
		var n int64
		err := writeOut(env.Stdout, out, c.Store.Path, func(w io.Writer) (err error) {
			n, err = st.Backup(w)
			return err
		})
		if err != nil {
			return err
		}
		// With --out - the backup itself is on stdout.
		msg := env.Stdout
		if out == "-" {
			msg = env.Stderr
		}
		fmt.Fprintf(msg, "wrote %s (%d bytes)\n", out, n)
		return nil
	})
}
