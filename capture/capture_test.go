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
		wantFrom    string
		wantReading Extraction // of a decoding that says utf-8 from the header
	}{
		{"stored header", Provenance{Fetch: &Fetch{Header: http.Header{"Content-Type": {"text/html; charset=windows-1251"}}}}, "text/html; charset=utf-8",
			"text/html; charset=windows-1251", FromHeader, Extraction{Extractor: "x", Charset: "utf-8", CharsetSource: "header"}},
		{"stored headers without a type", Provenance{Fetch: &Fetch{Header: http.Header{}}}, "text/html; charset=utf-8",
			"", FromHeader, Extraction{Extractor: "x", Charset: "utf-8", CharsetSource: "header"}},
		{"no headers, charset decided before", Provenance{Extraction: Extraction{Charset: "shift_jis", CharsetSource: "meta"}}, "text/html; charset=utf-8",
			"text/html; charset=shift_jis", FromRecorded, Extraction{Extractor: "x", Charset: "shift_jis", CharsetSource: "meta"}},
		{"nothing known, fallback", Provenance{}, "text/html; charset=big5",
			"text/html; charset=big5", FromFallback, Extraction{Extractor: "x", Charset: "utf-8", CharsetSource: "header", AssumedContentType: "text/html; charset=big5"}},
		{"nothing known, no fallback", Provenance{}, "", "", "", Extraction{Extractor: "x", Charset: "utf-8", CharsetSource: "header"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, from := c.p.ContentType(c.fallback)
			if got != c.want || from != c.wantFrom {
				t.Errorf("ContentType = %q, %q; want %q, %q", got, from, c.want, c.wantFrom)
			}
			r := c.p.Reading(Extraction{Extractor: "x", Charset: "utf-8", CharsetSource: "header"}, got, from)
			if r != c.wantReading {
				t.Errorf("Reading = %+v, want %+v", r, c.wantReading)
			}
		})
	}
	if Or("") != Unknown || Or("x") != "x" {
		t.Error("Or")
	}
}
