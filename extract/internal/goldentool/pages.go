package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// page is one dev page: its set, an id unique in the set, the URL it was
// fetched from ("" when the set does not say) and the file holding it.
type page struct {
	set, id, url, path string
}

// sets are the dev sets, in the order `make eval` scores them.
var sets = []string{"sh", "wcxb-dev", "zh-dev", "traf-dev"}

// load lists the pages of one set under root (../shared/data), read in
// place: nothing is copied.
func load(root, set string) ([]page, error) {
	var out []page
	switch set {
	case "sh":
		var gt map[string]struct{ URL string }
		if err := readJSON(filepath.Join(root, "sh", "ground-truth.json"), &gt); err != nil {
			return nil, err
		}
		for id, g := range gt {
			out = append(out, page{set, id, g.URL, filepath.Join(root, "sh", "html", id+".html.gz")})
		}
	case "wcxb-dev":
		dir := filepath.Join(root, "wcxb", "dev")
		files, _ := filepath.Glob(filepath.Join(dir, "ground-truth", "*.json"))
		for _, f := range files {
			var g struct {
				URL    string
				FileID string `json:"file_id"`
			}
			if err := readJSON(f, &g); err != nil {
				return nil, err
			}
			out = append(out, page{set, g.FileID, g.URL, filepath.Join(dir, "html", g.FileID+".html.gz")})
		}
	case "zh-dev":
		files, _ := filepath.Glob(filepath.Join(root, "zh-dev", "original", "*.html"))
		for _, f := range files {
			u := ""
			if b, err := os.ReadFile(f); err == nil {
				if m := zhURL.FindSubmatch(b); m != nil {
					u = string(m[1])
				}
			}
			out = append(out, page{set, strings.TrimSuffix(filepath.Base(f), ".html"), u, f})
		}
	case "traf-dev":
		var gt map[string]struct{ File string }
		if err := readJSON(filepath.Join(root, "traf-dev", "evaldata.json"), &gt); err != nil {
			return nil, err
		}
		for u, g := range gt {
			out = append(out, page{set, g.File, u, filepath.Join(root, "traf-dev", "html", g.File+".gz")})
		}
	default:
		return nil, fmt.Errorf("unknown set %q", set)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("set %s: no pages under %s", set, root)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out, nil
}

// zhURL reads the address the Chinese set's pages carry in their first tag.
var zhURL = regexp.MustCompile(`^<text id="([^"]*)"`)

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// readPage reads a page, gunzipping it when it is compressed.
func readPage(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
		return b, nil
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
