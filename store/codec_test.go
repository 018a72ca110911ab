package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klauspost/compress/zstd"

	"newsarchive/article"
)

// TestMarshalArticleMatchesEncodingJSON pins the hand-written article
// encoder to encoding/json, byte for byte.
func TestMarshalArticleMatchesEncodingJSON(t *testing.T) {
	if !articleLayoutKnown {
		t.Fatal("article.Article changed: update appendArticleJSON and articleLayoutKnown")
	}
	weird := "a\"b\\c\b\f\n\r\t\x00\x01\x1f\x7f <>& \u2028\u2029 \xff\xfe 中文 \U0001F600 é\u0301"
	cases := []*article.Article{
		{},
		{URL: "https://x/a", Title: weird, Text: weird + "\n\n" + weird, HTML: "<p>" + weird + "</p>", Views: -3,
			Authors: []string{weird, ""}, Tags: []string{"t"}, Related: []article.Related{{URL: "u", Title: weird}, {URL: "v", PublishedAt: "2024"}},
			Images:  []article.Image{{URL: "i"}, {URL: "j", Caption: weird}},
			Archive: article.Archive{Version: 2, FetchedAt: "x", HTTPStatus: 200}},
		{Authors: []string{}, Related: []article.Related{}, Views: 1 << 40},
	}
	for i, a := range cases {
		got, _ := marshalArticle(a)
		want, err := marshalArticleReflect(a)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("case %d:\ngot  %s\nwant %s", i, got, want)
		}
	}
}

func FuzzMarshalArticle(f *testing.F) {
	f.Add("plain", "a\"b\\\b\f\n\x00\u2028\xff")
	f.Add("中文", "")
	f.Fuzz(func(t *testing.T, s1, s2 string) {
		a := &article.Article{URL: s1, Title: s2, Text: s1 + s2, HTML: s2, Authors: []string{s1, s2}, Tags: []string{s2},
			Related: []article.Related{{URL: s1, Title: s2, PublishedAt: s1}}, Images: []article.Image{{URL: s2, Caption: s1}}}
		got, _ := marshalArticle(a)
		want, _ := marshalArticleReflect(a)
		if !bytes.Equal(got, want) {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
}

func TestDecodeMetaFast(t *testing.T) {
	ms := []meta{
		{},
		{FirstSeen: 1725494400, LastChecked: -5, Latest: 3, Oldest: 2, Hash: "abc", Title: "中文 title", PublishedAt: "2024", Count: 2},
		{Title: `q"uote \ back <b>&`, Hash: "x\u2028"},
	}
	for _, m := range ms {
		got, err := decodeMeta(m.encode())
		if err != nil || got != m {
			t.Errorf("decodeMeta(%s) = %+v, %v; want %+v", m.encode(), got, err, m)
		}
	}
}

func FuzzDecodeMeta(f *testing.F) {
	f.Add([]byte(`{"fs":1,"lc":2,"v":3,"o":1,"h":"ab","t":"T","p":"","n":3}`))
	f.Add([]byte(`{"fs":01,"lc":2,"v":3,"o":1,"h":"ab","t":"\u00e9","p":"","n":3}`))
	f.Add([]byte(`{"fs":-0,"lc":2,"v":3,"o":1,"h":"ab","t":"\xff","p":"","n":99999999999999999999}`))
	f.Fuzz(func(t *testing.T, v []byte) {
		fast, ok := decodeMetaFast(v)
		if !ok {
			return
		}
		var want meta
		if err := json.Unmarshal(v, &want); err != nil {
			t.Fatalf("fast accepted %q, encoding/json: %v", v, err)
		}
		if fast != want {
			t.Fatalf("%q: fast %+v, encoding/json %+v", v, fast, want)
		}
	})
}

// TestEncodeRawSameFrames pins encodeRaw's stream path to EncodeAll's
// output and checks both sizes round-trip through decodeRaw.
func TestEncodeRawSameFrames(t *testing.T) {
	dict := []byte(`{"url":"u","text":"` + strings.Repeat(`the market of laboratory instruments grew\n`, 200) + `"}`)
	for _, n := range []int{1, 1000, 30 << 10, streamBlock, streamBlock + 1, 300 << 10} {
		raw := []byte(strings.Repeat("<p>the market of laboratory instruments grew 7 percent</p>\n", n/50+1)[:n])
		sha := sha256.Sum256(raw)
		got := encodeRaw(raw, sha, dict)
		e, _ := zstd.NewWriter(nil, zstd.WithEncoderCRC(false), zstd.WithEncoderLevel(zstd.SpeedFastest),
			zstd.WithEncoderConcurrency(1), zstd.WithEncoderDictRaw(rawDictID, dictTail(dict)))
		if want := e.EncodeAll(raw, nil); !bytes.Equal(got[rawHeaderLen:], want) {
			t.Errorf("%d bytes: stream frame differs from EncodeAll's", n)
		}
		setRawDict(got, 7)
		out, err := decodeRaw(got, dict)
		if err != nil || !bytes.Equal(out, raw) {
			t.Errorf("%d bytes: round trip failed: %v", n, err)
		}
	}
}

// TestDictTail checks which part of an article JSON encodeRaw indexes as
// the dictionary, and that a body encoded against it decodes with the
// whole JSON, as readers decode it.
func TestDictTail(t *testing.T) {
	page := []byte(strings.Repeat("<html><head><title>Harbour works</title></head><body><p>The harbour works began on Monday, the council said.</p></body></html>\n", 40))
	full := func(a *article.Article) []byte { js, _ := marshalArticle(a); return js }
	cases := []struct {
		name string
		dict []byte
		from string // the tail starts here; "" for the whole dictionary
	}{
		{"html", full(&article.Article{Title: "Harbour works", Text: "The harbour works began.", HTML: "<p>The harbour works began.</p>",
			Related: []article.Related{{URL: "https://x/r", Title: "Roads"}}}), `,"html":"<p>`},
		{"empty html", full(&article.Article{Title: "Harbour works", Text: "The harbour works began."}), `,"text":"The`},
		{"no text either", full(&article.Article{Title: "Harbour works"}), ""},
		{"member names inside values", full(&article.Article{Title: `a ,"html":"b`, Description: `,"text":"x`, Text: "t", HTML: "<p>t</p>"}), `,"html":"<p>`},
		{"not an article", []byte(`{"text":"no comma before the member"}`), ""},
		{"html last and empty", []byte(`{"url":"u","html":"`), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := dictTail(c.dict)
			want := c.dict
			if c.from != "" {
				want = c.dict[bytes.Index(c.dict, []byte(c.from)):]
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("tail %q, want %q", got, want)
			}
			z := encodeRaw(page, sha256.Sum256(page), c.dict)
			setRawDict(z, 3)
			out, err := decodeRaw(z, c.dict)
			if err != nil || !bytes.Equal(out, page) {
				t.Fatalf("round trip with the whole dictionary: %v", err)
			}
		})
	}
}

// FuzzRawTailRoundTrip: a body encoded against the tail of its article
// JSON decodes with the whole JSON.
func FuzzRawTailRoundTrip(f *testing.F) {
	f.Add("Harbour works", "The harbour works began.", "<p>The harbour works began.</p>", "<p>The harbour works began on Monday.</p>")
	f.Add("", "", "", "x")
	f.Fuzz(func(t *testing.T, title, text, html, page string) {
		if page == "" {
			return
		}
		js, _ := marshalArticle(&article.Article{Title: title, Text: text, HTML: html, Description: page})
		raw := []byte(page + page)
		z := encodeRaw(raw, sha256.Sum256(raw), js)
		setRawDict(z, 1)
		out, err := decodeRaw(z, js)
		if err != nil || !bytes.Equal(out, raw) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

// TestAppendJSONStringRuns pins the eight-bytes-at-a-time skip of plain
// ASCII to encoding/json: every byte that needs escaping or decoding, at
// every offset of runs longer than a word.
func TestAppendJSONStringRuns(t *testing.T) {
	specials := []struct{ name, s string }{
		{"quote", `"`}, {"backslash", `\`}, {"newline", "\n"}, {"nul", "\x00"}, {"unit separator", "\x1f"},
		{"space", " "}, {"delete", "\x7f"}, {"markup", "<&>"}, {"latin", "é"}, {"line separator", "\u2028"},
		{"invalid", "\xff"}, {"cut rune", "\xe4\xb8"}, {"emoji", "\U0001F600"},
	}
	for _, sp := range specials {
		t.Run(sp.name, func(t *testing.T) {
			for at := range 20 {
				for _, n := range []int{at, at + 1, at + 7, at + 8, at + 9, 40} {
					s := strings.Repeat("a", at) + sp.s + strings.Repeat("b", n)
					var buf bytes.Buffer
					enc := json.NewEncoder(&buf)
					enc.SetEscapeHTML(false)
					if err := enc.Encode(s); err != nil {
						t.Fatal(err)
					}
					want := bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})
					if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
						t.Fatalf("%q: got %s, want %s", s, got, want)
					}
				}
			}
		})
	}
}

func TestSafe8(t *testing.T) {
	for c := range 256 {
		for at := range 8 {
			w := bytes.Repeat([]byte{'a'}, 8)
			w[at] = byte(c)
			want := c < utf8.RuneSelf && jsonSafe[c]
			if got := safe8(load8(string(w), 0)); got != want {
				t.Fatalf("byte %#x at %d: safe8 %v, want %v", c, at, got, want)
			}
		}
	}
}

func FuzzSafe8(f *testing.F) {
	f.Add(uint64(0x6161616161616161))
	f.Add(uint64(0x2261616161616100))
	f.Fuzz(func(t *testing.T, w uint64) {
		want := true
		for i := range 8 {
			c := byte(w >> (8 * i))
			want = want && c < utf8.RuneSelf && jsonSafe[c]
		}
		if got := safe8(w); got != want {
			t.Fatalf("%#x: safe8 %v, want %v", w, got, want)
		}
	})
}
