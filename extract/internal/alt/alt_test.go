package alt

import "testing"

func TestLongest(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want string
	}{
		{"empty", nil, ""},
		{"longer first", []string{"编辑", "责任编辑"}, "责任编辑|编辑"},
		{"same length in byte order", []string{"mai", "jan", "feb"}, "feb|jan|mai"},
		{"mixed", []string{"a", "ccc", "bb", "aa"}, "ccc|aa|bb|a"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Longest(tc.in); got != tc.want {
				t.Errorf("Longest(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
