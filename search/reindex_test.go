package search

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestReindex rebuilds an index over articles with several versions, in
// batches smaller than an article's history, and checks that it is the
// index CatchUp builds: every version in, only the newest marked latest,
// the watermark at the archive's last id, and Removed still working.
func TestReindex(t *testing.T) {
	st := newStore(t)
	ferry := testArticle{key: "https://a.example.com/ferry", title: "Ferry strike", lang: "en",
		text: "The ferry strike would last a week, the union said."}
	chip := testArticle{key: "https://b.example.com/chip", title: "半导体", lang: "zh-cn",
		text: "检测实验室扩充产线。"}
	put(t, st, ferry, t0)
	put(t, st, chip, t0)
	ferry.text = "The ferry strike ended on Monday."
	put(t, st, ferry, t0.Add(time.Hour))
	chip.text = "检测实验室公布名单。"
	put(t, st, chip, t0.Add(time.Hour))
	ferry.text = "The ferry strike ended on Monday; crossings resume."
	put(t, st, ferry, t0.Add(2*time.Hour))

	// An index built by CatchUp first, so Reindex has one to replace.
	openIndex(t, st).Close()
	n, err := Reindex(context.Background(), st, Options{BatchSize: 2})
	if err != nil || n != 5 {
		t.Fatalf("Reindex = %d, %v; want 5 versions", n, err)
	}
	ix, err := Open(st, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	last, err := st.LastVersionID()
	if err != nil {
		t.Fatal(err)
	}
	if wm, err := ix.Watermark(); err != nil || wm != last {
		t.Errorf("watermark = %d, %v; want %d", wm, err, last)
	}
	if docs, err := ix.bi.DocCount(); err != nil || docs != 5 {
		t.Errorf("doc count = %d, %v; want 5", docs, err)
	}
	cases := []struct {
		name string
		req  Request
		want []string
	}{
		{"latest only", Request{Query: "ferry OR 检测"}, []string{ferry.key + "#3", chip.key + "#2"}},
		{"every version", Request{Query: "ferry OR 检测", AllVersions: true},
			[]string{ferry.key + "#1", ferry.key + "#2", ferry.key + "#3", chip.key + "#1", chip.key + "#2"}},
		{"English removed", Request{Query: `"would last"`, Removed: true}, []string{ferry.key + "#1"}},
		{"Chinese removed", Request{Query: `"扩充产线"`, Removed: true}, []string{chip.key + "#1"}},
		{"Chinese latest", Request{Query: `"公布名单"`}, []string{chip.key + "#2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, _ := searchIDs(t, ix, c.req)
			want := slices.Clone(c.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("hits = %v, want %v", got, want)
			}
		})
	}
}
