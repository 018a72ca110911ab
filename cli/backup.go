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
for a crawl (up to store.lock_timeout) like every command.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunBackup(env, c, out)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "backup file (required)")
	return cmd
}

// RunBackup writes the backup to out via a temp file, fsync and rename.
func RunBackup(env *Env, c config.Config, out string) error {
	if out == "" {
		return errors.New("backup: --out FILE is required")
	}
	return withStore(env, c, true, func(st *store.Store) error {
		var n int64
		err := writeOut(env.Stdout, out, func(w io.Writer) (err error) {
			n, err = st.Backup(w)
			return err
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "wrote %s (%d bytes)\n", out, n)
		return nil
	})
}
