package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"newsarchive/app"
	"newsarchive/config"
	"newsarchive/export"
	"newsarchive/extract"
	"newsarchive/store"
	"newsarchive/warc"
)

// webArchiveFormat reports whether format is a web-archive format (warc,
// wacz) rather than a JSON one.
func webArchiveFormat(format string) (string, bool) {
	f := strings.ToLower(format)
	return f, f == "warc" || f == "wacz"
}

// software names newsarchive in the files it writes.
func software(c config.Config) string {
	ua := c.Crawler.UserAgent
	if i := strings.IndexByte(ua, ' '); i > 0 {
		ua = ua[:i]
	}
	return fmt.Sprintf("%s (extractor %s)", ua, extract.Version)
}

// runWebArchiveExport is `export --format warc|wacz`.
func runWebArchiveExport(env *Env, c config.Config, format string, o ExportOptions, now time.Time) error {
	since, until, err := timeRange(o, now)
	if err != nil {
		return err
	}
	job := "newsarchive export of " + c.Store.Path
	for _, f := range []struct{ name, v string }{{"since", o.Since}, {"until", o.Until}, {"site", o.Site}} {
		if f.v != "" {
			job += fmt.Sprintf(" --%s %s", f.name, f.v)
		}
	}
	if o.AllVersions {
		job += " --all-versions"
	}
	wo := warc.Options{
		ScanOptions: store.ScanOptions{AllVersions: o.AllVersions, Since: since, Until: until, Site: o.Site},
		Software:    software(c), Job: job, Filename: filepath.Base(o.Out),
	}
	pr := newProgress(env.Stderr, env.logger())
	wo.Progress = func(s warc.Stats) {
		pr.update(func() string {
			return fmt.Sprintf("%d captures · %d records · %.0f captures/s", s.Captures, s.Records, float64(s.Captures)/pr.elapsed())
		})
	}
	if err := checkOut(o.Out, c.Store.Path); err != nil {
		return err
	}
	defer gcPercent(warc.ExportGCPercent)()
	return withStore(env, c, true, func(st *store.Store) error {
		var s warc.Stats
		err := writeOut(env.Stdout, o.Out, c.Store.Path, func(w io.Writer) (err error) {
			if format == "wacz" {
				tmp := "" // beside --out (same disk), else the system's
				if o.Out != "" && o.Out != "-" {
					tmp = filepath.Dir(o.Out)
				}
				s, err = warc.WriteWACZ(st, w, wo, tmp)
			} else {
				s, err = warc.Write(st, w, wo)
			}
			return err
		})
		pr.done()
		if err != nil {
			return err
		}
		dest := o.Out
		if dest == "" {
			dest = "stdout"
		}
		fmt.Fprintf(env.Stderr, "exported %d captures (%d revisits, %d redirect hops, %d records; %d without headers, reconstructed; %d without a body) as %s to %s\n",
			s.Captures, s.Revisits, s.Redirects, s.Records, s.Reconstructed, s.NoRaw, strings.ToUpper(format), dest)
		return nil
	})
}

// runWebArchiveImport is `import --format warc|wacz FILE...`.
func runWebArchiveImport(ctx context.Context, env *Env, c config.Config, format string, files []string) error {
	var srcs []warc.Source
	for _, f := range files {
		var (
			ss      []warc.Source
			release func() error
			err     error
		)
		if format == "wacz" {
			ss, release, err = warc.OpenWACZ(f, "")
		} else {
			var s warc.Source
			s, release, err = warc.OpenWARC(f)
			ss = []warc.Source{s}
		}
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		defer release()
		srcs = append(srcs, ss...)
	}
	read, err := env.service(c).PageReader()
	if err != nil {
		return err
	}
	pr := newProgress(env.Stderr, env.logger())
	o := warc.ImportOptions{Read: read, MaxBody: c.Crawler.MaxBodyBytes, Log: env.logger(),
		Progress: func(s warc.ImportStats) {
			pr.update(func() string {
				return fmt.Sprintf("%d pages archived · %d new · %d changed · %d skipped · %.0f pages/s",
					s.Pages, s.New, s.Changed, s.Skipped, float64(s.Pages)/pr.elapsed())
			})
		}}
	defer gcPercent(warc.ImportGCPercent)()
	return withStore(env, c, false, func(st *store.Store) error {
		s, err := warc.Import(ctx, st, srcs, o)
		pr.done()
		if errors.Is(err, warc.ErrARC) {
			return err // refused before anything was read: no summary
		}
		fmt.Fprintf(env.Stdout, "imported %d records from %d WARC files: %d pages archived (%d new articles, %d changed, %d unchanged), %d not articles, %d other records ignored, %d skipped\n",
			s.Records, len(srcs), s.Pages, s.New, s.Changed, s.Unchanged, s.NotArticles, s.Ignored, s.Skipped)
		for _, k := range slices.Sorted(maps.Keys(s.Defects)) {
			fmt.Fprintf(env.Stdout, "  %d × %s\n", s.Defects[k], k)
		}
		if errors.Is(err, warc.ErrStore) {
			return fmt.Errorf("%w (%w)", err, app.ErrArchive)
		}
		return err
	})
}

// gcPercent sets the collector's target for a one-shot command, unless GOGC
// is set (the environment wins); the returned func gives the process its
// own setting back.
func gcPercent(p int) (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(p)
	return func() { debug.SetGCPercent(old) }
}

// progress is reported as crawl reports it: a line redrawn twice a second
// on a terminal, else a log line every 10 seconds (a log or cron mail
// wants a few lines, not a spinner).
type progress struct {
	w     io.Writer
	log   *slog.Logger
	tty   bool
	start time.Time
	mu    sync.Mutex
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer, log *slog.Logger) *progress {
	return &progress{w: w, log: log, tty: isTerminal(w), start: time.Now(), last: time.Now()}
}

func (p *progress) elapsed() float64 { return max(time.Since(p.start).Seconds(), 1e-3) }

func (p *progress) update(line func() string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	every := 10 * time.Second
	if p.tty {
		every = 500 * time.Millisecond
	}
	if time.Since(p.last) < every {
		return
	}
	p.last = time.Now()
	if !p.tty {
		p.log.Info("progress: " + line())
		return
	}
	p.drawn = true
	fmt.Fprintf(p.w, "\r\x1b[K%s", line())
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// timeRange parses --since and --until.
func timeRange(o ExportOptions, now time.Time) (since, until time.Time, err error) {
	if since, err = export.ParseTime(o.Since, now); err != nil {
		return since, until, fmt.Errorf("--since: %w", err)
	}
	if until, err = export.ParseTime(o.Until, now); err != nil {
		return since, until, fmt.Errorf("--until: %w", err)
	}
	return since, until, nil
}
