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
	waczData    = "archive/data.warc.gz"
	waczIndex   = "indexes/index.cdxj"
	waczPages   = "pages/pages.jsonl"
	waczPackage = "datapackage.json"
	waczDigest  = "datapackage-digest.json"
	// WACZ 1.2 names the package by its profile, "wacz". It no longer
	// requires wacz_version, but py-wacz's validator and the replay tools
	// still read it, so it stays, at the value they all write.
	waczProfile  = "wacz"
	waczVersion  = "1.1.1"
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
		if e.Revisit || e.Redirect {
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

// Package is datapackage.json (WACZ 1.2: profile and resources required;
// title, description, created, modified and software recommended).
type Package struct {
	Profile     string     `json:"profile"`
	WACZVersion string     `json:"wacz_version"`
	Title       string     `json:"title,omitempty"`
	Description string     `json:"description,omitempty"`
	Software    string     `json:"software,omitempty"`
	Created     string     `json:"created"`
	Modified    string     `json:"modified"`
	Resources   []resource `json:"resources"`
}

// packageDigest is datapackage-digest.json: the hash of datapackage.json,
// which thereby covers every file of the package.
type packageDigest struct {
	Path string `json:"path"`
	Hash string `json:"hash"`
}

const waczDescription = "Articles archived by newsarchive. Each capture is a request, a response (the body as received) and a metadata record (application/json) with the extracted article and its version number."

func writePackage(zw *zip.Writer, res []resource, o Options) error {
	now := time.Now().UTC()
	p := Package{Profile: waczProfile, WACZVersion: waczVersion, Title: o.Job, Description: waczDescription, Software: o.Software,
		Created: now.Format(time.RFC3339), Modified: now.Format(time.RFC3339), Resources: res}
	js, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	js = append(js, '\n')
	sum := sha256.Sum256(js)
	dg, err := json.MarshalIndent(packageDigest{Path: waczPackage, Hash: "sha256:" + hex.EncodeToString(sum[:])}, "", "  ")
	if err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{waczPackage, js}, {waczDigest, append(dg, '\n')}} {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: now})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return nil
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
