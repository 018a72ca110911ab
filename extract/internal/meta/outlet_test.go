package meta

import (
	"reflect"
	"testing"
)

func TestWithoutOutlet(t *testing.T) {
	tests := []struct {
		name    string
		authors []string
		outlet  string
		want    []string
	}{
		{"outlet after the names", []string{"Jane Roe", "John Doe", "The Example Times"}, "The Example Times", []string{"Jane Roe", "John Doe"}},
		{"outlet glued to the last name", []string{"Jane Roe", "John Doe The Example Times"}, "The Example Times", []string{"Jane Roe", "John Doe"}},
		// The outlet as the one author is what the page credits.
		{"outlet alone stays", []string{"The Example Times"}, "The Example Times", []string{"The Example Times"}},
		// On a personal site the owner named first is a person.
		{"site owner first stays", []string{"Jane Roe", "John Doe"}, "Jane Roe", []string{"Jane Roe", "John Doe"}},
		{"no outlet", []string{"Jane Roe"}, "", []string{"Jane Roe"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := withoutOutlet(tc.authors, tc.outlet); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("withoutOutlet(%q, %q) = %q, want %q", tc.authors, tc.outlet, got, tc.want)
			}
		})
	}
}
