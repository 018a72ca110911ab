package web

import (
	"encoding/json"
	"testing"

	"newsarchive/store"
	"newsarchive/store/storetest"
)

func TestParseDoc(t *testing.T) {
	cases := []struct{ name, doc string }{
		{"archive shape", `{"url":"u","title":"T","source":"","authors":["a"],"published_at":"2024-09-05","language":"en","text":"x","version":2,"fetched_at":"2024-09-06T00:00:00Z","first_seen":"2024-09-05T00:00:00Z","key":"k"}`},
		{"members in another order", `{"language":"zh","text":"long","published_at":"p","title":"T","version":1,"fetched_at":"f","first_seen":"s"}`},
		{"the tail's name inside a string", `{"title":"a \",\"version\":9","published_at":"","language":"en","text":"b,\"version\":8","version":3,"fetched_at":"f"}`},
		{"no archive members", `{"title":"T","published_at":"p","language":"en"}`},
		{"language missing from the head", `{"title":"T","published_at":"p","version":1,"fetched_at":"f","language":"en"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want docFields
			if err := json.Unmarshal([]byte(c.doc), &want); err != nil {
				t.Fatal(err)
			}
			got, err := parseDoc([]byte(c.doc))
			if err != nil || got != want {
				t.Errorf("parseDoc = %+v, %v; want %+v", got, err, want)
			}
		})
	}
	if _, err := parseDoc([]byte(`{"title":`)); err == nil {
		t.Error("a broken document parsed")
	}
	// Every document of the fixture archive and of the benchmark's.
	st := seed(t)
	var snaps []store.Snapshot
	for i := range 30 {
		snaps = append(snaps, storetest.Snapshot(i, i%2))
	}
	if _, err := st.PutMany(t.Context(), snaps); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := st.ScanJSON(store.ScanOptions{AllVersions: true, WithKey: true}, func(d store.Doc) error {
		var want docFields
		if err := json.Unmarshal(d.JSON, &want); err != nil {
			return err
		}
		if got, err := parseDoc(d.JSON); err != nil || got != want || want.FetchedAt == "" || want.Title == "" {
			t.Errorf("%s v%d: parseDoc = %+v, %v; want %+v", d.Key, d.Version, got, err, want)
		}
		n++
		return nil
	})
	if err != nil || n < 30 {
		t.Fatalf("%d documents, %v", n, err)
	}
}
