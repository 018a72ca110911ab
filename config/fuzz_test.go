package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// fixtures returns the YAML files of testdata/ and the checked-in example.
func fixtures(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata/: %v", err)
	}
	return append(files, filepath.Join("..", "config.yaml"))
}

// TestFixtures loads each testdata/NAME.yaml, within the loader's budget,
// and compares the outcome with testdata/NAME.want: "ok" or the error.
func TestFixtures(t *testing.T) {
	for _, file := range fixtures(t)[:len(fixtures(t))-1] {
		name := strings.TrimSuffix(filepath.Base(file), ".yaml")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(strings.TrimSuffix(file, ".yaml") + ".want")
			if err != nil {
				t.Fatal(err)
			}
			got := "ok"
			if _, err := parseBounded(t, b); err != nil {
				got = err.Error()
			}
			if got != strings.TrimSpace(string(want)) {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// FuzzConfig feeds the loader arbitrary YAML. Every input must load or
// fail with ErrInvalid within the budget of parseBounded; what loads must
// validate and survive a round trip through yaml.Marshal.
func FuzzConfig(f *testing.F) {
	for _, file := range fixtures(f) {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := parseBounded(t, b)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %q is not ErrInvalid", err)
			}
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("Parse returned a config that does not validate: %v", err)
		}
		out, err := yaml.Marshal(c)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if len(out) > MaxFileBytes {
			return // aliases expanded past the file limit; nothing to compare
		}
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("the config does not load again after Marshal: %v\n%s", err, out)
		}
		// Compared as YAML, where a nil list and an empty one are the same.
		if out2, err := yaml.Marshal(again); err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("round trip changed the config (%v):\n%s\n---\n%s", err, out, out2)
		}
	})
}
