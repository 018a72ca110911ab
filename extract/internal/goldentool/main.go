// Command goldentool runs the extractor over every page of the dev sets
// (../shared/data) and writes one JSON file per page to a folder outside
// the repository, then lists the pages whose output differs from a base
// run. It is how a refactoring shows that it changed no output, and how a
// rule shows which pages it fires on (disable it, run, read the list).
//
//	go run ./extract/internal/goldentool -data ../shared/data -out /tmp/g/run -base /tmp/g/base
//
// With no base folder yet, the run becomes the base. -accept replaces the
// base with the run. The exit status is 1 when some page changed.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"newsarchive/extract"
)

func main() {
	data := flag.String("data", "../shared/data", "root of the dev sets")
	out := flag.String("out", filepath.Join(os.TempDir(), "newsarchive-golden", "run"), "folder for this run's per-page JSON (replaced)")
	base := flag.String("base", filepath.Join(os.TempDir(), "newsarchive-golden", "base"), "folder of the run to compare with")
	only := flag.String("sets", strings.Join(sets, ","), "sets to run, comma-separated")
	accept := flag.Bool("accept", false, "make this run the new base")
	flag.Parse()
	changed, err := run(os.Stdout, *data, *out, *base, strings.Split(*only, ","), *accept)
	if err != nil {
		fmt.Fprintln(os.Stderr, "goldentool:", err)
		os.Exit(2)
	}
	if changed > 0 {
		os.Exit(1)
	}
}

// run extracts every page into out and compares out with base, printing
// one line per changed, new or missing page and a summary per set. It
// returns the number of pages that differ.
func run(w io.Writer, data, out, base string, only []string, accept bool) (int, error) {
	if err := os.RemoveAll(out); err != nil {
		return 0, err
	}
	var pages []page
	for _, s := range only {
		ps, err := load(data, s)
		if err != nil {
			return 0, err
		}
		pages = append(pages, ps...)
	}
	if err := extractAll(pages, out); err != nil {
		return 0, err
	}
	if _, err := os.Stat(base); os.IsNotExist(err) || accept {
		if err := os.RemoveAll(base); err != nil {
			return 0, err
		}
		if err := copyTree(out, base); err != nil {
			return 0, err
		}
		fmt.Fprintf(w, "%d pages written to %s; it is now the base (%s)\n", len(pages), out, base)
		return 0, nil
	}
	return compare(w, out, base, only)
}

// extractAll extracts the pages on as many workers as there are CPUs and
// writes SET/ID.json under out.
func extractAll(pages []page, out string) error {
	for _, s := range sets {
		if err := os.MkdirAll(filepath.Join(out, s), 0o755); err != nil {
			return err
		}
	}
	jobs := make(chan page)
	errs := make(chan error, len(pages))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				errs <- extractOne(p, out)
			}
		}()
	}
	for _, p := range pages {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// extractOne writes everything Extract returns for the page: a change in
// any of it is a change in output.
func extractOne(p page, out string) error {
	raw, err := readPage(p.path)
	if err != nil {
		return err
	}
	r, err := extract.FromBytes(raw, "", extract.Options{URL: p.url})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err != nil {
		fmt.Fprintf(&buf, "{\"error\": %q}\n", err.Error())
	} else if err := enc.Encode(r); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, p.set, p.id+".json"), buf.Bytes(), 0o644)
}

// compare lists the files of out and base that differ, set by set.
func compare(w io.Writer, out, base string, only []string) (int, error) {
	total := 0
	for _, s := range only {
		names := map[string]bool{}
		for _, d := range []string{out, base} {
			fs, _ := filepath.Glob(filepath.Join(d, s, "*.json"))
			for _, f := range fs {
				names[filepath.Base(f)] = true
			}
		}
		sorted := make([]string, 0, len(names))
		for n := range names {
			sorted = append(sorted, n)
		}
		sort.Strings(sorted)
		n := 0
		for _, name := range sorted {
			a, errA := os.ReadFile(filepath.Join(base, s, name))
			b, errB := os.ReadFile(filepath.Join(out, s, name))
			id := strings.TrimSuffix(name, ".json")
			switch {
			case errA != nil:
				fmt.Fprintf(w, "new      %s/%s\n", s, id)
			case errB != nil:
				fmt.Fprintf(w, "missing  %s/%s\n", s, id)
			case !bytes.Equal(a, b):
				fmt.Fprintf(w, "changed  %s/%s %s\n", s, id, fields(a, b))
			default:
				continue
			}
			n++
		}
		fmt.Fprintf(w, "%-9s %4d pages, %d differ from %s\n", s, len(sorted), n, base)
		total += n
	}
	return total, nil
}

// fields names the top-level and article fields that differ between two
// outputs, so that a changed page says what changed.
func fields(a, b []byte) string {
	var x, y map[string]json.RawMessage
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return "(unreadable)"
	}
	var diff []string
	for _, m := range []map[string]json.RawMessage{x, y} {
		if art, ok := m["Article"]; ok {
			var am map[string]json.RawMessage
			if json.Unmarshal(art, &am) == nil {
				for k, v := range am {
					m["Article."+k] = v
				}
				delete(m, "Article")
			}
		}
	}
	keys := map[string]bool{}
	for k := range x {
		keys[k] = true
	}
	for k := range y {
		keys[k] = true
	}
	for k := range keys {
		if !bytes.Equal(x[k], y[k]) {
			diff = append(diff, k)
		}
	}
	sort.Strings(diff)
	return strings.Join(diff, ",")
}

// copyTree copies the run's SET/ID.json files into dst.
func copyTree(src, dst string) error {
	return filepath.Walk(src, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}
