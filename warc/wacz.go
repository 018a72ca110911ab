package warc

import (
	"archive/zip"
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"newsarchive/store"
)

// WACZ paths (WACZ 1.2: the WARC data, its index, the pages, the
// package description).
const (
	waczData     = "archive/data.warc.gz"
	waczIndex    = "indexes/index.cdxj"
	waczPages    = "pages/pages.jsonl"
	waczPackage  = "datapackage.json"
	waczVersion  = "1.1.1" // the wacz_version value the WACZ 1.2 tools write and check
	pagesHeader  = `{"format":"json-pages-1.0","id":"pages","title":"All Pages","hasText":true}`
	cdxTimestamp = "20060102150405"
)

// WriteWACZ writes the selected versions of st as a WACZ package: the
// WARC (written as Write does) stored in the zip without further
// compression, a SURT-sorted CDXJ index of its responses and revisits,
// the pages with their title and text, and datapackage.json with the
// SHA-256 and size of each file. The WARC and the pages go through
// temporary files in tmpDir ("" for the system's), so memory holds only
// the index lines.
func WriteWACZ(st *store.Store, w io.Writer, o Options, tmpDir string) (Stats, error) {
	data, err := os.CreateTemp(tmpDir, ".newsarchive-wacz-*.warc.gz")
	if err != nil {
		return Stats{}, err
	}
	defer os.Remove(data.Name())
	defer data.Close()
	pages, err := os.CreateTemp(tmpDir, ".newsarchive-wacz-*.jsonl")
	if err != nil {
		return Stats{}, err
	}
	defer os.Remove(pages.Name())
	defer pages.Close()

	pw := bufio.NewWriterSize(pages, 256<<10)
	pw.WriteString(pagesHeader + "\n")
	var cdx []string
	var perr error
	o.Filename = path.Base(waczData)
	stats, err := write(st, data, o, func(e indexEntry) {
		cdx = append(cdx, cdxLine(e, path.Base(waczData)))
		if e.Revisit {
			return
		}
		line, err := json.Marshal(map[string]string{
			"id": newID()[len("urn:uuid:"):], "url": e.URL, "ts": e.Date.UTC().Format(time.RFC3339),
			"title": e.Title, "text": e.Text,
		})
		if err != nil && perr == nil {
			perr = err
		}
		pw.Write(line)
		pw.WriteByte('\n')
	})
	if err == nil {
		err = perr
	}
	if err == nil {
		err = pw.Flush()
	}
	if err != nil {
		return stats, err
	}
	sort.Strings(cdx)

	zw := zip.NewWriter(w)
	var res []resource
	add := func(name string, method uint16, fill func(io.Writer) error) error {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: time.Now().UTC()})
		if err != nil {
			return err
		}
		h := sha256.New()
		cw := &counter{w: io.MultiWriter(fw, h)}
		if err := fill(cw); err != nil {
			return err
		}
		res = append(res, resourceOf(name, h, cw.n))
		return nil
	}
	copyFile := func(f *os.File) func(io.Writer) error {
		return func(w io.Writer) error {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return err
			}
			_, err := io.Copy(w, f)
			return err
		}
	}
	err = add(waczData, zip.Store, copyFile(data))
	if err == nil {
		err = add(waczIndex, zip.Deflate, func(w io.Writer) error {
			bw := bufio.NewWriter(w)
			for _, l := range cdx {
				bw.WriteString(l)
				bw.WriteByte('\n')
			}
			return bw.Flush()
		})
	}
	if err == nil {
		err = add(waczPages, zip.Deflate, copyFile(pages))
	}
	if err == nil {
		err = writePackage(zw, res, o)
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		return stats, fmt.Errorf("wacz: %w", err)
	}
	return stats, nil
}

type counter struct {
	w io.Writer
	n int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// resource is one file of datapackage.json.
type resource struct {
	Name  string `json:"name"`
	Path  string `json:"path"`
	Hash  string `json:"hash"`
	Bytes int64  `json:"bytes"`
}

func resourceOf(name string, h hash.Hash, n int64) resource {
	return resource{Name: path.Base(name), Path: name, Hash: "sha256:" + hex.EncodeToString(h.Sum(nil)), Bytes: n}
}

// Package is datapackage.json.
type Package struct {
	Profile     string     `json:"profile"`
	WACZVersion string     `json:"wacz_version"`
	Title       string     `json:"title,omitempty"`
	Software    string     `json:"software,omitempty"`
	Created     string     `json:"created"`
	Resources   []resource `json:"resources"`
}

func writePackage(zw *zip.Writer, res []resource, o Options) error {
	p := Package{Profile: "data-package", WACZVersion: waczVersion, Title: o.Job, Software: o.Software,
		Created: time.Now().UTC().Format(time.RFC3339), Resources: res}
	js, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: waczPackage, Method: zip.Deflate, Modified: time.Now().UTC()})
	if err != nil {
		return err
	}
	_, err = fw.Write(append(js, '\n'))
	return err
}

// cdxLine is one CDXJ line: SURT key, 14-digit timestamp, JSON, with the
// digest written as pywb and warcio write it (base32, no "sha1:").
func cdxLine(e indexEntry, filename string) string {
	js, _ := json.Marshal(struct {
		URL      string `json:"url"`
		Mime     string `json:"mime"`
		Status   string `json:"status"`
		Digest   string `json:"digest"`
		Length   string `json:"length"`
		Offset   string `json:"offset"`
		Filename string `json:"filename"`
	}{e.URL, e.Mime, strconv.Itoa(e.Status), strings.TrimPrefix(e.Digest, "sha1:"), strconv.FormatInt(e.Length, 10), strconv.FormatInt(e.Offset, 10), filename})
	return SURT(e.URL) + " " + e.Date.UTC().Format(cdxTimestamp) + " " + string(js)
}
