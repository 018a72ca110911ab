package decode

import "testing"

// metaCharsetRef is metaCharset as the plain reading of its rule: the
// pattern over the whole head, matches in order.
func metaCharsetRef(b []byte) string {
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	for _, m := range metaRe.FindAllSubmatch(head, -1) {
		if name := canonical(string(m[1])); name != "" {
			return name
		}
	}
	return ""
}

var metaScanCases = []struct{ name, head string }{
	{"charset attribute", `<html><head><meta charset="utf-8"><title>x</title>`},
	{"http-equiv", `<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GBK">`},
	{"unknown label first", `<meta charset="bogus"><meta charset="big5">`},
	{"two in one tag", `<meta <meta charset=windows-1251>`},
	{"no closing bracket", `<meta name=x charset = 'koi8-r'`},
	{"charset after the tag ends", `<meta name=x> charset=gbk`},
	{"folded s", "<meta charſet=gb2312>"},
	{"Kelvin sign in the label", "<meta charset=\u212aoi8-r>"},
	{"mixed case", `<MeTa ChArSeT=ISO-8859-2>`},
	{"none", `<html><head><title>Harbour</title></head>`},
	{"lone angle brackets", `<<<meta>>><meta charset=utf-8`},
	{"empty", ``},
}

// TestMetaCharsetStretches: reading only the stretches from each "<meta"
// to the next '>' finds what the pattern finds over the whole head.
func TestMetaCharsetStretches(t *testing.T) {
	for _, tc := range metaScanCases {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := metaCharset([]byte(tc.head)), metaCharsetRef([]byte(tc.head)); got != want {
				t.Errorf("metaCharset(%q) = %q, want %q", tc.head, got, want)
			}
		})
	}
	// The table must exercise both outcomes.
	if metaCharsetRef([]byte(metaScanCases[0].head)) == "" || metaCharsetRef([]byte(metaScanCases[9].head)) != "" {
		t.Fatal("the cases do not cover a found and a missing charset")
	}
}

func FuzzMetaCharsetStretches(f *testing.F) {
	for _, tc := range metaScanCases {
		f.Add([]byte(tc.head))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := metaCharset(b), metaCharsetRef(b); got != want {
			t.Errorf("metaCharset(%q) = %q, want %q", b, got, want)
		}
	})
}
