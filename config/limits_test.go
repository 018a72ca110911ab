package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// aliasedJobs is a "billion laughs" inside jobs: one job whose follow list
// repeats an anchored pattern n times, repeated m times as aliases of the
// whole job. The text grows as n+m, the expanded document as n×m.
func aliasedJobs(n, m int) string {
	var b strings.Builder
	b.WriteString("jobs:\n  - &j\n    name: a\n    seeds: ['https://a.com/']\n    follow: [&s '/news/'")
	b.WriteString(strings.Repeat(", *s", n))
	b.WriteString("]\n")
	b.WriteString(strings.Repeat("  - *j\n", m))
	return b.String()
}

// aliasedScalar repeats one long anchored value n times in a list; plain
// entries keep the alias ratio under yaml.v3's limit, which counts nodes,
// not their length.
func aliasedScalar(long, n, plain int) string {
	var b strings.Builder
	b.WriteString("jobs:\n  - name: a\n    seeds: ['https://a.com/']\n    follow: [&r '")
	b.WriteString(strings.Repeat("x", long))
	b.WriteString("'")
	b.WriteString(strings.Repeat(", *r", n))
	for i := range plain {
		fmt.Fprintf(&b, ", '/p%d/'", i)
	}
	b.WriteString("]\n")
	return b.String()
}

// manyJobs writes n distinct small jobs.
func manyJobs(n int) string {
	var b strings.Builder
	b.WriteString("jobs:\n")
	for i := range n {
		fmt.Fprintf(&b, "- {name: j%d, seeds: ['https://a.com/']}\n", i)
	}
	return b.String()
}

// manySeeds gives one job n seeds: one anchored URL repeated, plus enough
// plain ones to stay within yaml.v3's alias ratio.
func manySeeds(n int) string {
	var b strings.Builder
	b.WriteString("jobs:\n  - name: a\n    seeds: [&u 'https://a.com/'")
	plain := n/50 + 1
	for i := range plain {
		fmt.Fprintf(&b, ", 'https://a.com/%d'", i)
	}
	b.WriteString(strings.Repeat(", *u", n-plain-1))
	b.WriteString("]\n")
	return b.String()
}

// TestParseLimits: hostile or oversized documents fail fast, within the
// loader's time and memory budget, with an error naming the key.
func TestParseLimits(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"jobs × follow alias bomb", aliasedJobs(30_000, 30_000), "jobs[39]: the config is larger than 8 MiB with its aliases expanded"},
		{"long value repeated by aliases", aliasedScalar(100_000, 100_000, 2_000), "jobs[0].follow[83]: the config is larger than 8 MiB with its aliases expanded"},
		{"classic billion laughs in a list", `
jobs:
  - name: a
    seeds: ['https://a.com/']
    follow: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    articles: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]
    allowed_domains: [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]
`, "jobs[0].articles[0]: want a single value, got a list"},
		{"too many jobs", manyJobs(MaxJobs + 1), "jobs: at most 10000 jobs (got 10001)"},
		{"too many seeds in a job", manySeeds(MaxSeedsPerJob + 1), "jobs[0].seeds: at most 100000 seeds per job (got 100001)"},
		{"file over 1 MiB", "# " + strings.Repeat("x", MaxFileBytes) + "\n", "the file is larger than 1 MiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseBounded(t, []byte(c.yaml))
			if err == nil {
				t.Fatalf("Parse of %d bytes succeeded, want error containing %q", len(c.yaml), c.want)
			}
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want ErrInvalid containing %q", err, c.want)
			}
		})
	}
}

// TestParseAtTheLimits: the largest documents allowed still load, within
// the budget.
func TestParseAtTheLimits(t *testing.T) {
	cases := []struct {
		name, yaml string
		check      func(Config) bool
	}{
		{"10000 jobs", manyJobs(MaxJobs), func(c Config) bool { return len(c.Jobs) == MaxJobs }},
		{"100000 seeds", manySeeds(MaxSeedsPerJob), func(c Config) bool { return len(c.Jobs[0].Seeds) == MaxSeedsPerJob }},
		{"aliases shared by 2000 jobs", sharedFollow(2000), func(c Config) bool { return len(c.Jobs) == 2000 && len(c.Jobs[1999].Follow) == 50 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if len(c.yaml) > MaxFileBytes {
				t.Fatalf("fixture is %d bytes, over the file limit", len(c.yaml))
			}
			got, err := parseBounded(t, []byte(c.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if !c.check(got) {
				t.Error("did not load as expected")
			}
		})
	}
}

// sharedFollow writes n jobs sharing one anchored follow list of 50.
func sharedFollow(n int) string {
	var b strings.Builder
	b.WriteString("jobs:\n  - {name: j0, seeds: ['https://a.com/'], follow: &f [")
	for i := range 50 {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "'/s%d/'", i)
	}
	b.WriteString("]}\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "  - {name: j%d, seeds: ['https://a.com/'], follow: *f}\n", i)
	}
	return b.String()
}

// TestValidateCounts covers the counts for configs built in code, where
// no file limit applies.
func TestValidateCounts(t *testing.T) {
	job := func(i, seeds int) Job {
		j := DefaultJob()
		j.Name = fmt.Sprintf("j%d", i)
		j.Seeds = make([]string, seeds)
		for k := range j.Seeds {
			j.Seeds[k] = "https://a.com/"
		}
		return j
	}
	cases := []struct {
		name       string
		jobs, each int
		want       string
	}{
		{"jobs over the cap", MaxJobs + 1, 1, "jobs: at most 10000 jobs"},
		{"seeds over the per-job cap", 1, MaxSeedsPerJob + 1, "jobs[0].seeds: at most 100000 seeds per job"},
		{"seeds over the total cap", 11, MaxSeedsPerJob, "jobs[10].seeds: at most 1000000 seeds in all jobs together"},
		{"at the caps", 10, MaxSeedsPerJob, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := Default()
			for i := range c.jobs {
				cfg.Jobs = append(cfg.Jobs, job(i, c.each))
			}
			err := cfg.Validate()
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("Validate: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("Validate: %v, want an error containing %q", err, c.want)
			}
		})
	}
}

// TestLoadReadsAtMostTheLimit: a huge config file is refused after
// reading MaxFileBytes+1 bytes, not read whole.
func TestLoadReadsAtMostTheLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.yaml")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// YAML that is valid as far as one reads: a comment, then 1 GiB (sparse).
	if _, err := f.WriteString("# " + strings.Repeat("x", 100) + "\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = Load(path)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "huge.yaml: invalid config: the file is larger than 1 MiB") {
		t.Fatalf("Load: %v, want the file-size error", err)
	}
	if used := after.TotalAlloc - before.TotalAlloc; used > 8<<20 {
		t.Errorf("Load allocated %d MB for a file it should have stopped reading at 1 MiB", used>>20)
	}
}
