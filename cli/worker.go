package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/pflag"

	"newsarchive/app"
	"newsarchive/config"
)

// Shared are the crawl flags of a frontier in Redis (crawler.frontier).
type Shared struct {
	Worker  bool // fetch for the job's run and send results to Redis; never open the archive
	Stay    bool // with Worker: wait for the next run instead of exiting
	NoFetch bool // the archive side only seeds and archives
}

func (s *Shared) flags(f *pflag.FlagSet) {
	f.BoolVar(&s.Worker, "worker", false, "with crawler.frontier in Redis: fetch for the job's run without opening the archive")
	f.BoolVar(&s.Stay, "stay", false, "with --worker: wait for the next run when one ends")
	f.BoolVar(&s.NoFetch, "no-fetch", false, "with crawler.frontier in Redis: only seed and archive; workers fetch")
}

// runWorker runs `crawl --job NAME --worker`: it exits 0 when the run has
// ended, or on SIGINT/SIGTERM after giving its leases back.
func runWorker(ctx context.Context, env *Env, c config.Config, o CrawlOptions, jobs []config.Job) error {
	switch {
	case o.Job == "":
		return errors.New("--worker needs --job NAME")
	case !c.Crawler.SharedFrontier():
		return fmt.Errorf("--worker needs crawler.frontier (redis://HOST:PORT/DB) in %s", configName(c))
	}
	return env.service(c).RunWorker(ctx, jobs[0], app.WorkerOptions{Stay: o.Stay})
}
