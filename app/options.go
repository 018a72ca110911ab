package app

import (
	"fmt"
	"regexp"

	"newsarchive/config"
	"newsarchive/extract"
	"newsarchive/scraper"
)

// CrawlerOptions maps the crawler settings and one job onto scraper.Options;
// the collaborators (State, Sink, Log, Progress) are left for the caller.
func CrawlerOptions(cr config.Crawler, job config.Job, sites map[string]extract.Rules) (scraper.Options, error) {
	o := scraper.Options{
		UserAgent:    cr.UserAgent,
		Parallelism:  cr.Parallelism,
		PerHostDelay: cr.PerHostDelay.D(),
		Timeout:      cr.Timeout.D(),
		MaxBodyBytes: cr.MaxBodyBytes,
		Retries:      cr.Retries,
		IgnoreRobots: !cr.RespectRobots,
		Job:          job.Name,
		Seeds:        job.Seeds,
		Hosts:        job.Hosts(),
		MaxDepth:     job.MaxDepth,
		MaxPages:     job.MaxPages,
		Sites:        sites,

		RobotsSitemaps:     job.RobotsSitemaps,
		PerHostParallelism: cr.PerHostParallelism,
		MaxPagesPerHost:    job.MaxPagesPerHost,
	}
	// In the config file 0 means "none"; in scraper.Options it means
	// "default".
	if cr.Retries == 0 {
		o.Retries = scraper.NoRetries
	}
	if o.PerHostDelay == 0 {
		o.PerHostDelay = scraper.NoDelay
	}
	var err error
	if o.Follow, err = compileAll(job.Follow); err != nil {
		return scraper.Options{}, mark(ErrConfig, fmt.Errorf("%w: job %s: follow: %v", scraper.ErrOptions, job.Name, err))
	}
	if o.Articles, err = compileAll(job.Articles); err != nil {
		return scraper.Options{}, mark(ErrConfig, fmt.Errorf("%w: job %s: articles: %v", scraper.ErrOptions, job.Name, err))
	}
	return o, nil
}

func compileAll(res []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, s := range res {
		re, err := regexp.Compile(s)
		if err != nil {
			return nil, err
		}
		out = append(out, re)
	}
	return out, nil
}
