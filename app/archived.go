package app

import (
	"fmt"
	"regexp"
	"time"

	"newsarchive/capture"
	"newsarchive/extract"
	"newsarchive/urlnorm"
	"newsarchive/warc"
)

// PageReader returns how pages read from a web archive (WARC responses)
// are extracted: as a crawl would, with the Service's extractor and site
// rules, keyed by the canonical URL within the hosts of the configured job
// that covers the URL (else the URL's own host). Every page is archived,
// unless that job has article patterns and the URL matches none of them
// (a listing, as its crawl would judge it): a web archive was made by
// someone who chose what to keep.
func (s *Service) PageReader() (warc.ReadFunc, error) {
	patterns := map[string][]*regexp.Regexp{}
	for _, j := range s.Config.Jobs {
		if len(j.Articles) == 0 {
			continue
		}
		res, err := compileAll(j.Articles)
		if err != nil {
			return nil, mark(ErrConfig, fmt.Errorf("job %s: articles: %w", j.Name, err))
		}
		patterns[j.Name] = res
	}
	ex := s.Extractor.OrCurrent()
	sites := s.Config.Sites
	return func(u string, body []byte, contentType string, fetched time.Time) (warc.Page, error) {
		final, err := urlnorm.Normalize(u)
		if err != nil {
			return warc.Page{}, err
		}
		if err := urlnorm.CheckLength(final); err != nil {
			return warc.Page{}, err
		}
		job := JobFor(s.Config, final)
		res, err := ex.FromBytes(body, contentType, extract.Options{URL: final, Sites: sites, Now: fetched})
		if err != nil {
			return warc.Page{}, err
		}
		if res == nil {
			return warc.Page{}, fmt.Errorf("extract %s: no result", final)
		}
		key, err := urlnorm.Key(final, res.Article.CanonicalURL, job.Hosts())
		if err != nil {
			key = final
		}
		isArticle := true
		if pats, ok := patterns[job.Name]; ok {
			isArticle = false
			for _, re := range pats {
				if re.MatchString(u) || re.MatchString(final) {
					isArticle = true
				}
			}
		}
		a := res.Article
		return warc.Page{
			Key: key, URL: final, Article: &a, IsArticle: isArticle,
			Extraction: capture.Extraction{Extractor: ex.Version, Charset: res.Charset, CharsetSource: res.CharsetSource},
		}, nil
	}, nil
}
