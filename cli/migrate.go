package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"newsarchive/config"
	"newsarchive/store"
)

func init() { register(newMigrateCmd) }

func newMigrateCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Upgrade the archive in place to this newsarchive's layout, then verify it",
		Long: `Migrate upgrades an archive written by an older newsarchive to the
layout this one reads, in place and in one transaction: a process killed
during it leaves the old archive as it was. Every version, raw HTML, alias,
time-index entry, crawl state and run record is kept; versions archived
before have no provenance ("unknown"). The archive is verified afterwards.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := env.Config()
			if err != nil {
				return err
			}
			return RunMigrate(cmd.Context(), env, c)
		},
	}
}

// RunMigrate migrates the archive named by c and verifies it.
func RunMigrate(ctx context.Context, env *Env, c config.Config) error {
	if ctx == nil {
		ctx = context.Background()
	}
	res, err := store.Migrate(c.Store.Path, store.Options{LockTimeout: c.Store.LockTimeout.D()})
	if err != nil {
		return err
	}
	if res.Migrated() {
		fmt.Fprintf(env.Stdout, "migrated %s from layout %s to layout %s\n", c.Store.Path, res.From, res.To)
	} else {
		fmt.Fprintf(env.Stdout, "%s is already in layout %s; nothing to do\n", c.Store.Path, res.To)
	}
	return RunVerify(ctx, env, c)
}
