package article

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func base() Article {
	return Article{
		Title:       "工业集群名单公布",
		Authors:     []string{"张三"},
		PublishedAt: "2024-09-05T08:56:39",
		Source:      "某某网",
		Text:        "第一段。\n\n第二段。",
	}
}

func TestContentHash(t *testing.T) {
	h0 := ContentHash(ptr(base()))
	cases := []struct {
		name   string
		change func(*Article)
		same   bool
	}{
		{"identical", func(a *Article) {}, true},
		{"whitespace only", func(a *Article) { a.Text = "  第一段。 \n\n\n 第二段。\t" }, true},
		{"nfd vs nfc", func(a *Article) { a.Title = "Cafe\u0301" }, false},
		{"related list", func(a *Article) { a.Related = []Related{{URL: "https://x/1", Title: "new"}} }, true},
		{"images, tags, views", func(a *Article) { a.Images = []Image{{URL: "x"}}; a.Tags = []string{"t"}; a.Views = 99 }, true},
		{"description and modified_at", func(a *Article) { a.Description = "d"; a.ModifiedAt = "2025-01-01" }, true},
		{"html only", func(a *Article) { a.HTML = "<p>x</p>" }, true},
		{"archive fields", func(a *Article) { a.Version = 3; a.FetchedAt = "now" }, true},
		{"title", func(a *Article) { a.Title += "（更新）" }, false},
		{"text", func(a *Article) { a.Text += "第三段。" }, false},
		{"author", func(a *Article) { a.Authors = []string{"李四"} }, false},
		{"author split differently", func(a *Article) { a.Authors = []string{"张", "三"} }, false},
		{"date", func(a *Article) { a.PublishedAt = "2024-09-06" }, false},
		{"source", func(a *Article) { a.Source = "别的网" }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := base()
			c.change(&a)
			if got := ContentHash(&a) == h0; got != c.same {
				t.Errorf("same hash = %v, want %v", got, c.same)
			}
		})
	}
}

func TestNFCEquivalence(t *testing.T) {
	a, b := base(), base()
	a.Title, b.Title = "Cafe\u0301", "Caf\u00e9"
	if ContentHash(&a) != ContentHash(&b) {
		t.Error("NFD and NFC spellings must hash the same")
	}
}

func TestNormalizeEncodesEmptyArrays(t *testing.T) {
	var a Article
	a.Normalize()
	b, _ := json.Marshal(a)
	for _, k := range []string{`"authors":[]`, `"related":[]`, `"images":[]`, `"tags":[]`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("%s missing from %s", k, b)
		}
	}
	for _, k := range []string{`"version"`, `"fetched_at"`, `"views"`} {
		if strings.Contains(string(b), k) {
			t.Errorf("%s present on an unarchived article: %s", k, b)
		}
	}
}

func ptr(a Article) *Article { return &a }

// normalizeRef is the original, obviously correct NormalizeText.
func normalizeRef(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// contentHashRef is the original ContentHash, field by field.
func contentHashRef(a *Article) string {
	h := sha256.New()
	field := func(name, v string) {
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write([]byte(normalizeRef(v)))
		h.Write([]byte{0})
	}
	field("title", a.Title)
	field("authors", strings.Join(a.Authors, "\x1f"))
	field("published_at", a.PublishedAt)
	field("source", a.Source)
	field("text", a.Text)
	return hex.EncodeToString(h.Sum(nil))
}

var normCases = []string{
	"", " ", "\t\n", "a", " a ", "a  b", "a\u00a0b", "a\u3000b\u2028c", "\u0085x\u0085",
	"Cafe\u0301", "Caf\u00e9", "e\u0301\u0301 \u1100\u1161", "第一段。\n\n第二段。",
	"bad \xff utf8 \xe4\xb8", "\xef\xbf\xbd", "x\x1fy", "  lead and trail  \r\n",
	"A\u030a\u0323 \ufb01 \u212b", "mixed ascii\u00e9\u0301 and \t tabs",
}

func TestNormalizeTextMatchesReference(t *testing.T) {
	for _, s := range normCases {
		if got, want := NormalizeText(s), normalizeRef(s); got != want {
			t.Errorf("NormalizeText(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNormalizeText(f *testing.F) {
	for _, s := range normCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := NormalizeText(s), normalizeRef(s); got != want {
			t.Errorf("NormalizeText(%q) = %q, want %q", s, got, want)
		}
		a := Article{Title: s, Authors: []string{s, "x " + s}, PublishedAt: s, Source: s, Text: s + "\n\n" + s}
		if got, want := ContentHash(&a), contentHashRef(&a); got != want {
			t.Errorf("ContentHash differs from the reference for %q", s)
		}
	})
}

func BenchmarkContentHash(b *testing.B) {
	text := strings.Repeat("The quick brown fox jumps over the lazy dog.  \n\n", 100)
	a := Article{Title: "A title", Authors: []string{"Staff"}, PublishedAt: "2024-09-05T08:56:39+08:00", Source: "Example", Text: text}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		ContentHash(&a)
	}
}
