package capture

import (
	"net/http"
	"testing"
)

func TestContentType(t *testing.T) {
	cases := []struct {
		name        string
		p           Provenance
		fallback    string
		want        string
		wantAssumed bool
	}{
		{"stored header", Provenance{Fetch: &Fetch{Header: http.Header{"Content-Type": {"text/html; charset=windows-1251"}}}}, "text/html; charset=utf-8", "text/html; charset=windows-1251", false},
		{"stored headers without a type", Provenance{Fetch: &Fetch{Header: http.Header{}}}, "text/html; charset=utf-8", "", false},
		{"no headers, charset decided before", Provenance{Extraction: Extraction{Charset: "shift_jis", CharsetSource: "header"}}, "text/html; charset=utf-8", "text/html; charset=shift_jis", true},
		{"nothing known, fallback", Provenance{}, "text/html; charset=big5", "text/html; charset=big5", true},
		{"nothing known, no fallback", Provenance{}, "", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, assumed := c.p.ContentType(c.fallback)
			if got != c.want || assumed != c.wantAssumed {
				t.Errorf("ContentType = %q, %v; want %q, %v", got, assumed, c.want, c.wantAssumed)
			}
		})
	}
	if Or("") != Unknown || Or("x") != "x" {
		t.Error("Or")
	}
}
