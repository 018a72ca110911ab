package app

import (
	"context"

	"newsarchive/frontier/redisfrontier"
)

// FrontierInfo describes the Redis frontier of job (crawler.frontier): the
// counts, the top hosts waiting longest, the live workers.
func (s *Service) FrontierInfo(ctx context.Context, job string, top int) (redisfrontier.Info, error) {
	rdb, err := dialFrontier(ctx, s.Config.Crawler.Frontier)
	if err != nil {
		return redisfrontier.Info{}, err
	}
	defer redisfrontier.Close(rdb)
	return redisfrontier.InfoOf(ctx, rdb, job, top, s.Config.Crawler.LeaseTTL.D())
}

// ResetFrontier forgets the Redis frontier of job: its run, its queues and
// seen set, and results not yet archived. Validators and the archive's
// latest content hashes are kept.
func (s *Service) ResetFrontier(ctx context.Context, job string) error {
	rdb, err := dialFrontier(ctx, s.Config.Crawler.Frontier)
	if err != nil {
		return err
	}
	defer redisfrontier.Close(rdb)
	fs := redisfrontier.New(rdb, redisfrontier.Options{Job: job})
	defer fs.Stop()
	return fs.Reset()
}
