package boilerplate

import "testing"

// TestRows: each row matches its example, and every pattern of lines.go
// has a row.
func TestRows(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rows {
		if seen[r.Name] {
			t.Errorf("%s: two rows", r.Name)
		}
		seen[r.Name] = true
		if !r.MatchString(r.Example) {
			t.Errorf("%s does not match its example %q", r.Name, r.Example)
		}
	}
	if len(Rows) != 51 {
		t.Errorf("%d rows; lines.go, foreign.go, paywall.go, cta.go, about.go, european.go and sources.go define 51 patterns", len(Rows))
	}
}
